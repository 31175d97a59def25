"""A careful HTTPS GET for did:web documents and status lists of issuers that are hosted elsewhere.

The library never fetches anything on its own: callers pass a ``fetch(url) -> bytes`` function to
:func:`mimis.vc.dids.resolve_did_web` and friends. :func:`https_fetcher` builds one that

* speaks HTTPS only, verifying certificates (against the system's CAs, or the ``ssl_context`` given);
* follows at most ``max_redirects`` redirects, each of them to HTTPS;
* refuses hosts with any loopback, private, link-local or other non-global address, and connects only to
  the addresses it checked (so a public verifier cannot be turned against the server's own network, nor
  fooled by DNS answers that change between the check and the connection);
* gives up after ``timeout`` seconds in total and refuses bodies larger than ``max_bytes``.

:func:`caching_fetcher` keeps successful answers for a few minutes in a small in-memory cache.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from cachetools import TTLCache

from .errors import RemoteFetchError

Fetch = Callable[[str], bytes]

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 100 * 1024
DEFAULT_MAX_REDIRECTS = 3
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 16 * 1024


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to addresses checked beforehand while verifying the certificate for the host name."""

    def __init__(
        self, host: str, port: int, *, addresses: list[str], context: ssl.SSLContext, timeout: float
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._addresses = addresses
        self._ssl_context = context

    def connect(self) -> None:
        error: OSError | None = None
        for address in self._addresses:
            try:
                sock = socket.create_connection((address, self.port), self.timeout)
            except OSError as exc:
                error = exc
                continue
            self.sock = self._ssl_context.wrap_socket(sock, server_hostname=self.host)
            return
        raise error or OSError(f"no address for {self.host}")


def _addresses_for(host: str, port: int, *, allow_private: bool) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise RemoteFetchError(f"The host {host} could not be found: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    # Every address must be public: a host that also resolves to a private one is refused.
    public = bool(addresses) and all(ipaddress.ip_address(a.split("%", 1)[0]).is_global for a in addresses)
    if not allow_private and not public:
        raise RemoteFetchError(f"The host {host} is not on the public internet; it is not contacted")
    return addresses


def https_fetcher(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    ssl_context: ssl.SSLContext | None = None,
    allow_private_addresses: bool = False,
    user_agent: str = "MIMIS-verifier",
) -> Fetch:
    """A ``fetch(url) -> bytes`` that raises :class:`RemoteFetchError` for anything but a small 200 answer.

    ``allow_private_addresses`` and ``ssl_context`` exist for tests against a local server.
    """
    context = ssl_context or ssl.create_default_context()

    def fetch(url: str) -> bytes:
        deadline = time.monotonic() + timeout
        for _ in range(max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme != "https" or not parts.hostname:
                raise RemoteFetchError(f"Only https:// addresses are fetched, not {url!r}")
            if parts.username or parts.password:
                raise RemoteFetchError("Addresses with a user name or password are not fetched")
            try:
                port = parts.port or 443
            except ValueError as exc:
                raise RemoteFetchError(f"The address {url!r} has an invalid port") from exc
            addresses = _addresses_for(parts.hostname, port, allow_private=allow_private_addresses)
            connection = _PinnedHTTPSConnection(
                parts.hostname, port, addresses=addresses, context=context, timeout=timeout
            )
            try:
                connection.request(
                    "GET",
                    (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                    headers={
                        "Accept": "application/did+json, application/json;q=0.9, */*;q=0.1",
                        "User-Agent": user_agent,
                    },
                )
                response = connection.getresponse()
                if response.status in _REDIRECTS:
                    location = response.getheader("Location")
                    if not location:
                        raise RemoteFetchError(f"{url} redirects without a Location")
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    raise RemoteFetchError(f"{url} answered HTTP {response.status}")
                declared = response.getheader("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise RemoteFetchError(f"{url} is larger than {max_bytes} bytes")
                body = bytearray()
                while chunk := response.read(_CHUNK):
                    body += chunk
                    if len(body) > max_bytes:
                        raise RemoteFetchError(f"{url} is larger than {max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise RemoteFetchError(f"{url} took longer than {timeout:g} seconds")
                return bytes(body)
            except (OSError, http.client.HTTPException) as exc:  # ssl.SSLError is an OSError
                raise RemoteFetchError(f"{url} could not be fetched: {exc}") from exc
            finally:
                connection.close()
        raise RemoteFetchError(f"{url}: more than {max_redirects} redirects")

    return fetch


def caching_fetcher(fetch: Fetch, *, ttl: float = 300.0, max_entries: int = 256) -> Fetch:
    """Remember successful answers for ``ttl`` seconds (failures are not remembered)."""
    cache: TTLCache[str, bytes] = TTLCache(maxsize=max_entries, ttl=ttl)
    lock = threading.Lock()

    def cached(url: str) -> bytes:
        with lock:
            hit = cache.get(url)
        if hit is not None:
            return hit
        body = fetch(url)
        with lock:
            cache[url] = body
        return body

    return cached


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Fetch", "caching_fetcher", "https_fetcher"]
