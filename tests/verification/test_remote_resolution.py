"""Issuers hosted elsewhere: unresolvable while MIMIS_RESOLVE_REMOTE_DIDS is off (the default), resolved
over HTTPS when it is on. The "remote" issuer is a local HTTPS server with a throw-away CA."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.test import Client

from mimis.vc import credentials, dids
from mimis.vc import status as vc_status
from mimis.vc.keys import generate_key
from mimis.verification import services
from tests.vc.conftest import build_current_credential
from tests.vc.https_server import local_https

pytestmark = pytest.mark.django_db


def run_verify(tmp_path, document: dict) -> tuple[int, str]:
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(document))
    out = io.StringIO()
    try:
        call_command("verify", str(path), stdout=out, stderr=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def remote_credential(did: str, key, status_url: str | None = None) -> dict:
    issuer = credentials.IssuerProfile(id=did, name="Ett annat lärosäte")
    status = [vc_status.status_list_entry(status_list_credential=status_url, index=7)] if status_url else []
    document = build_current_credential(issuer=issuer, credential_status=status)
    return credentials.sign_credential(document, key, f"{did}#key-1")


def test_remote_resolution_is_off_by_default(settings):
    assert settings.MIMIS_RESOLVE_REMOTE_DIDS is False


class TestOff:
    def test_an_issuer_hosted_elsewhere_cannot_be_resolved_and_says_why(self, tmp_path):
        did = "did:web:issuer.example"
        document = remote_credential(did, generate_key())
        code, output = run_verify(tmp_path, document)
        assert code == 1, output
        assert "remote resolution is off" in output
        report = services.verify(document)
        proof = next(c for c in report.checks if c["name"] == "proof")
        assert proof["code"] == "issuer_unresolvable"

    def test_nothing_is_fetched(self, monkeypatch, tmp_path):
        def refuse() -> None:
            raise AssertionError("remote resolution is off; nothing may be fetched")

        monkeypatch.setattr(services, "_remote_did_fetch", refuse)
        assert run_verify(tmp_path, remote_credential("did:web:issuer.example", generate_key()))[0] == 1


class TestOn:
    @pytest.fixture
    def remote_issuer(self, tmp_path, settings, monkeypatch):
        """A did:web issuer with a DID document and a revocation list on a local HTTPS server."""
        settings.MIMIS_RESOLVE_REMOTE_DIDS = True
        with local_https(tmp_path) as server:
            did = f"did:web:localhost%3A{server.port}:org"
            key = generate_key()
            bits = vc_status.StatusList()
            status_url = server.origin + "/status/1"

            def status_list():
                unsigned = vc_status.status_list_credential(
                    credential_id=status_url,
                    issuer=did,
                    status_list=bits,
                    valid_from=datetime.now(UTC).replace(microsecond=0),
                )
                return (
                    200,
                    {},
                    json.dumps(credentials.sign_credential(unsigned, key, f"{did}#key-1")).encode(),
                )

            server.routes["/org/did.json"] = (
                200,
                {},
                json.dumps(dids.did_web_document(did, [("key-1", key.public_key)])).encode(),
            )
            server.routes["/status/1"] = status_list
            # The real fetcher, trusting only the test CA and allowed to reach localhost; no cache.
            monkeypatch.setattr(services, "_remote_did_fetch", lambda: server.fetcher())
            monkeypatch.setattr(services, "_remote_status_fetch", lambda: server.fetcher())
            yield server, remote_credential(did, key, status_url), bits

    def test_a_valid_credential_from_a_remote_issuer_exits_3(self, tmp_path, remote_issuer):
        server, document, _bits = remote_issuer
        code, output = run_verify(tmp_path, document)
        assert code == 3, output
        assert "/org/did.json" in server.requests and "/status/1" in server.requests

    def test_revocation_on_the_remote_list_is_seen(self, tmp_path, remote_issuer):
        _server, document, bits = remote_issuer
        bits.set(7)
        code, output = run_verify(tmp_path, document)
        assert code == 1 and "revocation" in output

    def test_the_public_verify_endpoint_resolves_it_too(self, remote_issuer):
        _server, document, _bits = remote_issuer
        body = Client().post("/api/v1/verify", document, content_type="application/json").json()
        assert body["verified"] is True and body["known_issuer"] is False

    def test_mimis_own_issuer_dids_are_never_fetched(self, remote_issuer, settings):
        server, _document, _bits = remote_issuer
        with pytest.raises(Exception, match="not an organisation in MIMIS"):
            services._resolve("did:web:testserver:issuers:nobody#key-1")
        assert server.requests == []
