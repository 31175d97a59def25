"""Resolving did:web issuers hosted elsewhere: the DID → URL mapping and the careful HTTPS fetcher.

The fetcher is exercised against a local HTTPS server with a throw-away CA; nothing leaves the machine.
"""

from __future__ import annotations

import json

import pytest

from mimis.vc import dids, remote
from mimis.vc.errors import RemoteFetchError, ResolutionError
from mimis.vc.keys import generate_key
from tests.vc.https_server import local_https


class TestDidWebDocumentUrl:
    @pytest.mark.parametrize(
        ("did", "url"),
        [
            ("did:web:example.com", "https://example.com/.well-known/did.json"),
            ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
            ("did:web:example.com%3A3000", "https://example.com:3000/.well-known/did.json"),
            ("did:web:example.com%3a8443:org:skane", "https://example.com:8443/org/skane/did.json"),
            ("did:web:mimis.example:issuers:hkr", "https://mimis.example/issuers/hkr/did.json"),
            ("did:web:example.com:caf%C3%A9", "https://example.com/caf%C3%A9/did.json"),
        ],
    )
    def test_maps_a_did_to_its_document_address(self, did, url):
        assert dids.did_web_document_url(did) == url

    def test_is_the_inverse_of_did_web_from_url(self):
        for url in ("https://example.com", "https://example.com:8443/org/skane"):
            did = dids.did_web_from_url(url)
            assert dids.did_web_document_url(did).startswith(url)

    @pytest.mark.parametrize(
        "did",
        [
            "did:key:z6Mkabc",
            "did:web:",
            "did:web:example.com#key-1",
            "did:web:example.com:a?b",
            "did:web:user@example.com",
            "did:web:example.com/evil",
            "did:web:example.com::x",
            "did:web:example.com:..:x",
            "did:web:example.com%3A99999999",
        ],
    )
    def test_refuses_what_is_not_a_plain_did_web(self, did):
        with pytest.raises(ValueError):
            dids.did_web_document_url(did)


def _did_document(did: str):
    key = generate_key()
    return key, dids.did_web_document(did, [("key-1", key.public_key)])


class TestResolveDidWeb:
    def test_resolves_a_verification_method_through_the_fetch_function(self):
        did = "did:web:issuer.example%3A8443:org"
        key, document = _did_document(did)
        asked = []

        def fetch(url: str) -> bytes:
            asked.append(url)
            return json.dumps(document).encode()

        resolved = dids.did_web_resolver(fetch)(f"{did}#key-1")
        assert asked == ["https://issuer.example:8443/org/did.json"]
        assert resolved.controller == did and resolved.public_key == key.public_key
        assert "assertionMethod" in resolved.purposes

    def test_a_document_for_another_did_is_refused(self):
        _key, document = _did_document("did:web:attacker.example")
        with pytest.raises(ResolutionError) as excinfo:
            dids.resolve_did_web("did:web:issuer.example", lambda url: json.dumps(document).encode())
        assert excinfo.value.code == "did_document_invalid"

    def test_a_document_that_is_not_json_is_refused(self):
        with pytest.raises(ResolutionError) as excinfo:
            dids.resolve_did_web("did:web:issuer.example", lambda url: b"<html>")
        assert excinfo.value.code == "did_document_invalid"

    def test_an_invalid_did_is_not_fetched(self):
        def fetch(url: str) -> bytes:
            raise AssertionError("must not fetch")

        with pytest.raises(ResolutionError) as excinfo:
            dids.resolve_did_web("did:web:example.com/../x", fetch)
        assert excinfo.value.code == "invalid_did"

    def test_fetch_failures_become_resolution_errors(self):
        def fetch(url: str) -> bytes:
            raise TimeoutError("slow")

        with pytest.raises(ResolutionError):
            dids.did_web_resolver(fetch)("did:web:issuer.example#key-1")


class TestHttpsFetcher:
    def test_fetches_a_did_document_from_a_local_https_server(self, tmp_path):
        with local_https(tmp_path) as server:
            did = f"did:web:localhost%3A{server.port}"
            key, document = _did_document(did)
            server.routes["/.well-known/did.json"] = (
                200,
                {"Content-Type": "application/did+json"},
                json.dumps(document).encode(),
            )
            resolved = dids.did_web_resolver(server.fetcher())(f"{did}#key-1")
        assert resolved.public_key == key.public_key

    def test_follows_a_redirect_to_https_but_not_to_http(self, tmp_path):
        with local_https(tmp_path) as server:
            server.routes["/moved"] = (302, {"Location": "/here"}, b"")
            server.routes["/here"] = (200, {}, b"{}")
            server.routes["/downgrade"] = (302, {"Location": f"http://localhost:{server.port}/here"}, b"")
            fetch = server.fetcher()
            assert fetch(server.origin + "/moved") == b"{}"
            with pytest.raises(RemoteFetchError, match="Only https://"):
                fetch(server.origin + "/downgrade")

    def test_refuses_large_bodies_errors_and_redirect_loops(self, tmp_path):
        with local_https(tmp_path) as server:
            server.routes["/big"] = (200, {}, b"x" * 2048)
            server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
            fetch = server.fetcher(max_bytes=1024)
            with pytest.raises(RemoteFetchError, match="larger than 1024 bytes"):
                fetch(server.origin + "/big")
            with pytest.raises(RemoteFetchError, match="HTTP 404"):
                fetch(server.origin + "/missing")
            with pytest.raises(RemoteFetchError, match="redirects"):
                fetch(server.origin + "/loop")

    def test_a_certificate_from_an_unknown_ca_is_refused(self, tmp_path):
        with local_https(tmp_path) as server:
            server.routes["/x"] = (200, {}, b"{}")
            fetch = remote.https_fetcher(allow_private_addresses=True)  # the system's CAs only
            with pytest.raises(RemoteFetchError, match="could not be fetched"):
                fetch(server.origin + "/x")

    def test_private_addresses_are_never_contacted_by_default(self, tmp_path):
        with local_https(tmp_path) as server:
            server.routes["/x"] = (200, {}, b"{}")
            fetch = remote.https_fetcher(ssl_context=server.client_context())
            with pytest.raises(RemoteFetchError, match="not on the public internet"):
                fetch(server.origin + "/x")
            assert server.requests == []

    def test_only_https_is_spoken(self):
        fetch = remote.https_fetcher()
        for url in ("http://example.com/did.json", "ftp://example.com/x", "https://user:pw@example.com/"):
            with pytest.raises(RemoteFetchError):
                fetch(url)


def test_the_cache_keeps_answers_but_not_failures():
    calls: list[str] = []

    def fetch(url: str) -> bytes:
        calls.append(url)
        if url.endswith("fail"):
            raise RemoteFetchError("down")
        return b"{}"

    cached = remote.caching_fetcher(fetch, ttl=60)
    assert cached("https://a.example/x") == cached("https://a.example/x") == b"{}"
    for _ in range(2):
        with pytest.raises(RemoteFetchError):
            cached("https://a.example/fail")
    assert calls == ["https://a.example/x", "https://a.example/fail", "https://a.example/fail"]
