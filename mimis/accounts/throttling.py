"""Throttling of failed sign-ins, per account, per address, and per password (issue 16).

* django-axes locks an e-mail address (as typed, lower-cased) for one client address after
  ``AXES_FAILURE_LIMIT`` failures: a guesser cannot keep trying one account, and nobody else is locked out.
* The client address is the connecting one, unless that is one of ``MIMIS_TRUSTED_PROXIES`` (the reverse
  proxy): then it is the right-most address in ``X-Forwarded-For`` that is not a trusted proxy. Without
  this every sign-in behind the proxy had the proxy's address, so five wrong passwords locked a user out
  for everyone, and a header sent by anyone else is never believed.
* One client address failing for many different accounts, or one password failing for many different
  accounts from anywhere (password spraying), is refused for ``SPRAY_COOLOFF`` as well. Passwords are
  counted by a keyed hash, never kept.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from functools import cache

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.http import HttpRequest

#: Distinct accounts that may fail from one client address, or with one password, within the cool-off.
SPRAY_ACCOUNTS_LIMIT = 10


def username_for_throttling(request: HttpRequest, credentials: dict | None) -> str | None:
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.MIMIS_TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``), trusting ``X-Forwarded-For`` from trusted
    proxies only."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if not address:
            continue
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return remote  # a malformed chain: the proxy's own address, never a made-up one
        if not _is_trusted(address):
            return address
    return remote


def _password_key(password: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), password.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"mimis:signin:password:{digest[:32]}"


def _address_key(request: HttpRequest) -> str:
    return f"mimis:signin:address:{client_ip(request)}"


def _accounts(key: str) -> set[str]:
    return set(shared_cache.get(key) or ())


def is_sprayed(request: HttpRequest, password: str) -> bool:
    """Whether this client address, or this password, has failed for too many accounts lately."""
    return (
        len(_accounts(_address_key(request))) >= SPRAY_ACCOUNTS_LIMIT
        or len(_accounts(_password_key(password))) >= SPRAY_ACCOUNTS_LIMIT
    )


def record_failure(request: HttpRequest, username: str, password: str) -> None:
    timeout = int(settings.AXES_COOLOFF_TIME.total_seconds())
    account = (username or "").strip().lower()
    for key in (_address_key(request), _password_key(password)):
        accounts = _accounts(key)
        if len(accounts) <= SPRAY_ACCOUNTS_LIMIT:  # bounded: the set never grows past the limit
            shared_cache.set(key, sorted(accounts | {account}), timeout)
