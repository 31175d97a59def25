"""A small fixed-window rate limiter on Django's cache (Redis in production, so it holds across workers;
the per-process memory cache in development and tests)."""

from __future__ import annotations

from django.core.cache import cache


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of ``key``; True while at most ``limit`` uses fell in the current window."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit


def remaining(key: str, *, limit: int) -> int:
    return max(0, limit - int(cache.get(f"ratelimit:{key}", 0)))
