"""A per-person rate limit in Django's cache (Redis in production, memory in development).

``check_rate(scope="skills.suggest", user=request.user, rate=settings.MIMIS_SKILLS_SUGGEST_RATE)`` counts one
request of ``user`` in the current window and raises ``RateLimited`` (HTTP 429, code ``rate_limited``, with
how many seconds to wait) once the window's allowance is used up. Pages, the API and tokens of the same
person share one count, so a second way in does not double the allowance.

Fixed windows: simple, one cache key per person and window, and atomic with Redis' INCR. A person may
send up to twice the rate across a window boundary, which is acceptable for protecting CPU time.
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mimis.config import parse_rate
from mimis.errors import MimisError


class RateLimited(MimisError):
    code = "rate_limited"
    default_message = _("You have sent too many requests. Wait a moment and try again.")
    http_status = 429

    def __init__(self, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            ngettext(
                "You have sent too many requests. Wait %(seconds)s second and try again.",
                "You have sent too many requests. Wait %(seconds)s seconds and try again.",
                retry_after,
            )
            % {"seconds": retry_after}
        )


def _count(key: str, *, timeout: int) -> int:
    """Add one to the counter ``key`` (created for ``timeout`` seconds) and return its new value."""
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def check_rate(*, scope: str, user: object, rate: str) -> None:
    """Count one request of ``user`` for ``scope``; ``RateLimited`` when more than ``rate`` (``"30/minute"``)."""
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    count = _count(f"ratelimit:{scope}:{getattr(user, 'pk', user)}:{window}", timeout=period + 1)
    if count > limit:
        raise RateLimited(retry_after=max(1, math.ceil((window + 1) * period - now)))


def reset_rate(*, scope: str, user: object, rate: str) -> None:
    """Forget ``user``'s count in the current window (for tests and an administrator's reset)."""
    _limit, period = parse_rate(rate)
    cache.delete(f"ratelimit:{scope}:{getattr(user, 'pk', user)}:{int(time.time() // period)}")


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of ``key``; True while at most ``limit`` uses fell in the current window.

    For limits that are not one person's (an organisation's searches in matching): the caller decides
    what to answer when it is False.
    """
    return _count(f"ratelimit:{key}", timeout=window_seconds) <= limit


def remaining(key: str, *, limit: int) -> int:
    return max(0, limit - int(cache.get(f"ratelimit:{key}", 0)))
