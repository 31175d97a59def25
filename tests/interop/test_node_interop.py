"""Cross-implementation tests with Digital Bazaar's JavaScript stack, run in Node from ``interop/``.

One direction: credentials MIMIS issues through its services (Data Integrity and JWT; valid, revoked,
suspended, tampered) are verified by ``interop/verify.mjs`` (@digitalbazaar/vc with eddsa-rdfc-2022,
@digitalbazaar/vc-bitstring-status-list, jose), given only what a verifier would fetch from MIMIS: the
issuer's DID document and signed status lists (over HTTP from the test client) and the JSON-LD contexts.

Other direction: ``interop/sign.mjs`` signs OB 3.0 credentials built in Python (and the status lists
they point at) with keys whose DID document the test builds, and MIMIS's verifier accepts them, sees the
revoked one as revoked and rejects tampered copies.

Node and the packages of ``interop/package-lock.json`` are required (``npm ci --prefix interop``);
``scripts/test`` installs them. Their absence fails these tests: it never skips them.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from mimis.issuing import keys, services
from mimis.issuing.models import Credential, KeyAlgorithm
from mimis.vc import credentials as vc
from mimis.vc import dids, status
from mimis.vc.jsonld import CONTEXT_FILES, load_context, mimis_eu_context_url
from mimis.vc.keys import ED25519, P256, b64url_decode, b64url_encode, generate_key
from mimis.vc.status import make_status_checker
from mimis.vc.verify import verify_credential
from mimis.verification import services as verification
from tests.factories import publish
from tests.issuing.legacy import issue_two_entry_credential

pytestmark = pytest.mark.django_db

INTEROP = Path(__file__).resolve().parents[2] / "interop"
#: Generous: one run takes well under a second here; the machines are small and shared.
NODE_TIMEOUT_SECONDS = 120


def run_node(script: str, job: dict[str, Any]) -> dict[str, Any]:
    """Run ``interop/<script>`` with ``job`` on standard input and return its JSON output."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: these interoperability tests need `node` (Debian: nodejs).")
    if not (INTEROP / "node_modules").is_dir():
        pytest.fail(f"{INTEROP}/node_modules is missing: run `npm ci --prefix interop` (scripts/test does).")
    completed = subprocess.run(
        [node, str(INTEROP / script)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, f"{script} failed:\n{completed.stderr}\n{completed.stdout}"
    return json.loads(completed.stdout)


def bundled_contexts() -> dict[str, Any]:
    """Every JSON-LD context MIMIS bundles, by URL: the Node side gets exactly these."""
    extension = mimis_eu_context_url("http://testserver")  # the bundled file, for this MIMIS's URL
    return {url: load_context(url) for url in [*CONTEXT_FILES, extension]}


def tampered_jwt(token: str) -> str:
    """The token with a changed payload and the original signature."""
    header, payload, signature = token.split(".")
    claims = json.loads(b64url_decode(payload))
    claims["credentialSubject"]["achievement"]["name"] += " (förfalskad)"
    return ".".join([header, b64url_encode(json.dumps(claims).encode()), signature])


def tampered_document(document: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["achievement"]["name"] += " (förfalskad)"
    return changed


# ---------------------------------------------------------------------------------------------------
# MIMIS signs, Digital Bazaar's stack and jose verify
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


def issue(published, email: str, credential_format: str) -> Credential:
    return services.issue_credential(
        version=published,
        email=email,
        name="Fatima Ahmed",
        acting_user=None,
        credential_format=credential_format,
    ).credential


def issue_valid_revoked_suspended(published, credential_format: str) -> dict[str, Credential]:
    issued = {
        state: issue(published, f"{state}-{credential_format}@example.se", credential_format)
        for state in ("valid", "revoked", "suspended")
    }
    services.revoke_credential(credential=issued["revoked"], reason="Fel deltagare", acting_user=None)
    services.suspend_credential(credential=issued["suspended"], reason="Under utredning", acting_user=None)
    return issued


def published_documents(provider, issued: list[Credential]) -> dict[str, Any]:
    """What a verifier fetches from MIMIS over HTTP: the DID document and every status list, by URL."""
    client = Client()
    documents = bundled_contexts()
    did = keys.issuer_did(provider)
    response = client.get(urlsplit(dids.did_web_document_url(did)).path)
    assert response.status_code == 200
    documents[did] = response.json()
    # MIMIS's extension context for the EU elements, as MIMIS serves it at the URL credentials name.
    context = client.get("/contexts/eu-microcredential-v1.jsonld")
    assert context.status_code == 200
    documents["http://testserver/contexts/eu-microcredential-v1.jsonld"] = context.json()
    for credential in issued:
        for url in {
            services.status_list_url(credential.revocation_list),
            services.status_list_url(credential.suspension_list),
        }:
            response = client.get(urlsplit(url).path)
            assert response.status_code == 200
            documents[url] = response.json()
    return documents


def expected_status(credential: Credential, *, revoked: bool = False, suspended: bool = False) -> dict:
    """What verify.mjs reports for the one 2-bit entry MIMIS issues (valid 0x0, revoked 0x1, suspended 0x2)."""
    value = 1 if revoked else 2 if suspended else 0
    return {
        "verified": True,
        "entries": [
            {
                "purpose": "message",
                "index": credential.status_entry_index,
                "statusListCredential": services.status_list_url(credential.revocation_list),
                "set": value != 0,
                "status": f"0x{value}",
                "message": ["valid", "revoked", "suspended"][value],
            }
        ],
    }


def expected_legacy_status(credential: Credential, *, revoked: bool = False, suspended: bool = False) -> dict:
    """What verify.mjs reports for a credential issued before, with two 1-bit entries."""
    return {
        "verified": True,
        "entries": [
            {
                "purpose": "revocation",
                "index": credential.revocation_index,
                "statusListCredential": services.status_list_url(credential.revocation_list),
                "set": revoked,
            },
            {
                "purpose": "suspension",
                "index": credential.suspension_index,
                "statusListCredential": services.status_list_url(credential.suspension_list),
                "set": suspended,
            },
        ],
    }


class TestDigitalBazaarVerifiesMimisCredentials:
    def test_data_integrity_credentials_valid_revoked_suspended_and_tampered(self, published, provider):
        issued = issue_valid_revoked_suspended(published, "ldp")
        signed = {state: credential.document for state, credential in issued.items()}
        job = {
            "documents": published_documents(provider, list(issued.values())),
            "credentials": [
                *({"id": state, "credential": document} for state, document in signed.items()),
                {"id": "tampered", "credential": tampered_document(signed["valid"])},
            ],
        }

        results = {r["id"]: r for r in run_node("verify.mjs", job)["results"]}

        assert results["valid"] == {
            "id": "valid",
            "format": "ldp",
            "verified": True,
            "proof": {"verified": True},
            "status": expected_status(issued["valid"]),
            "errors": [],
        }
        assert results["revoked"] == {
            "id": "revoked",
            "format": "ldp",
            "verified": False,
            "proof": {"verified": True},
            "status": expected_status(issued["revoked"], revoked=True),
            "errors": ["status set: message (revoked)"],
        }
        assert results["suspended"] == {
            "id": "suspended",
            "format": "ldp",
            "verified": False,
            "proof": {"verified": True},
            "status": expected_status(issued["suspended"], suspended=True),
            "errors": ["status set: message (suspended)"],
        }
        tampered = results["tampered"]
        assert (tampered["verified"], tampered["proof"]["verified"], tampered["status"]) == (
            False,
            False,
            None,
        )
        assert "Invalid signature." in tampered["proof"]["error"]

    def test_jwt_credentials_valid_revoked_suspended_and_tampered(self, published, provider):
        issued = issue_valid_revoked_suspended(published, "jwt")
        tokens = {state: credential.token for state, credential in issued.items()}
        job = {
            "documents": published_documents(provider, list(issued.values())),
            "credentials": [
                *({"id": state, "jwt": token} for state, token in tokens.items()),
                {"id": "tampered", "jwt": tampered_jwt(tokens["valid"])},
            ],
        }

        results = {r["id"]: r for r in run_node("verify.mjs", job)["results"]}

        assert results["valid"] == {
            "id": "valid",
            "format": "jwt",
            "verified": True,
            "proof": {"verified": True},
            "status": expected_status(issued["valid"]),
            "errors": [],
        }
        assert results["revoked"] == {
            "id": "revoked",
            "format": "jwt",
            "verified": False,
            "proof": {"verified": True},
            "status": expected_status(issued["revoked"], revoked=True),
            "errors": ["status set: message (revoked)"],
        }
        assert results["suspended"] == {
            "id": "suspended",
            "format": "jwt",
            "verified": False,
            "proof": {"verified": True},
            "status": expected_status(issued["suspended"], suspended=True),
            "errors": ["status set: message (suspended)"],
        }
        assert results["tampered"] == {
            "id": "tampered",
            "format": "jwt",
            "verified": False,
            "proof": {"verified": False, "error": "signature verification failed"},
            "status": None,
            "errors": ["signature verification failed"],
        }

    @pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
    def test_credentials_issued_with_two_entries_before_still_verify_and_revoke(
        self, published, provider, credential_format
    ):
        """Credentials already issued keep their two 1-bit entries and lists; revoking and suspending them
        still shows to an independent verifier, beside new one-entry credentials on the 2-bit list."""
        old = {
            state: issue_two_entry_credential(published, f"old-{state}@example.se", credential_format)
            for state in ("valid", "revoked", "suspended")
        }
        services.revoke_credential(credential=old["revoked"], reason="Fel deltagare", acting_user=None)
        services.suspend_credential(credential=old["suspended"], reason="Under utredning", acting_user=None)
        new = issue(published, f"new-{credential_format}@example.se", credential_format)
        services.revoke_credential(credential=new, reason="Fel deltagare", acting_user=None)
        key = "credential" if credential_format == "ldp" else "jwt"
        job = {
            "documents": published_documents(provider, [*old.values(), new]),
            "credentials": [
                *(
                    {"id": s, key: c.document if credential_format == "ldp" else c.token}
                    for s, c in old.items()
                ),
                {"id": "new", key: new.document if credential_format == "ldp" else new.token},
            ],
        }

        results = {r["id"]: r for r in run_node("verify.mjs", job)["results"]}

        assert {s: (r["verified"], r["errors"]) for s, r in results.items()} == {
            "valid": (True, []),
            "revoked": (False, ["status set: revocation"]),
            "suspended": (False, ["status set: suspension"]),
            "new": (False, ["status set: message (revoked)"]),
        }
        assert results["valid"]["status"] == expected_legacy_status(old["valid"])
        assert results["revoked"]["status"] == expected_legacy_status(old["revoked"], revoked=True)
        assert results["suspended"]["status"] == expected_legacy_status(old["suspended"], suspended=True)
        assert results["new"]["status"] == expected_status(new, revoked=True)

    def test_a_status_list_altered_after_signing_fails_the_status_check(self, published, provider):
        credential = issue(published, "a@example.se", "ldp")
        documents = published_documents(provider, [credential])
        documents[services.status_list_url(credential.revocation_list)]["validFrom"] = "2020-01-01T00:00:00Z"
        job = {"documents": documents, "credentials": [{"id": "c", "credential": credential.document}]}

        (result,) = run_node("verify.mjs", job)["results"]

        assert (result["verified"], result["proof"], result["status"]["verified"]) == (
            False,
            {"verified": True},
            False,
        )
        assert 'BitstringStatusListCredential" not verified' in result["status"]["error"]

    def test_a_document_missing_from_the_job_is_an_error_not_a_network_fetch(self, published, provider):
        credential = issue(published, "b@example.se", "ldp")
        documents = published_documents(provider, [credential])
        del documents[services.status_list_url(credential.suspension_list)]
        job = {"documents": documents, "credentials": [{"id": "c", "credential": credential.document}]}

        (result,) = run_node("verify.mjs", job)["results"]

        assert (result["verified"], result["proof"], result["status"]["verified"]) == (
            False,
            {"verified": True},
            False,
        )
        assert "is not among the job's documents (no network access)" in result["status"]["error"]


# ---------------------------------------------------------------------------------------------------
# Digital Bazaar's stack and jose sign, MIMIS verifies
# ---------------------------------------------------------------------------------------------------

NODE_ISSUER = "did:web:interop.example:issuers:digitalbazaar"
NODE_STATUS_BASE = "https://interop.example/issuers/digitalbazaar/status"


def node_credential(index: int) -> dict[str, Any]:
    """An OB 3.0 credential as MIMIS builds them, issued by NODE_ISSUER, with both status entries."""
    return vc.build_credential(
        credential_id=f"urn:uuid:00000000-0000-4000-8000-{index:012d}",
        issuer=vc.IssuerProfile(
            id=NODE_ISSUER, name="Digital Bazaar interop", url="https://interop.example/"
        ),
        achievement=vc.Achievement(
            id="https://interop.example/microcredentials/demensvard#v1",
            name="Demensvård – grunder",
            description="Grunder i personcentrerad demensvård.",
            criteria_narrative="- Beskriva hur demens påverkar omsorgen.",
            achievement_type="MicroCredential",
            credits_available=1.5,
            in_language="sv",
        ),
        learner=vc.Learner(email="fatima@example.se", name="Fatima Ahmed"),
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
        awarded_date=datetime(2026, 1, 1, tzinfo=UTC),
        credential_status=[
            status.status_list_entry(
                status_list_credential=f"{NODE_STATUS_BASE}/{purpose}/1", index=index, status_purpose=purpose
            )
            for purpose in ("revocation", "suspension")
        ],
    )


def node_status_list(purpose: str, *set_indexes: int) -> dict[str, Any]:
    bits = status.StatusList()
    for index in set_indexes:
        bits.set(index)
    return status.status_list_credential(
        credential_id=f"{NODE_STATUS_BASE}/{purpose}/1",
        issuer=NODE_ISSUER,
        status_list=bits,
        status_purpose=purpose,
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def node_signed() -> dict[str, Any]:
    """Credentials 1 (ldp) and 3 (jwt) valid, 2 (ldp) and 4 (jwt) revoked, all signed in Node."""
    ed25519, p256 = generate_key(ED25519), generate_key(P256)
    did_document = dids.did_web_document(
        NODE_ISSUER, [("ed25519-1", ed25519.public_key), ("p256-1", p256.public_key)]
    )
    common = {"ed25519Seed": ed25519.raw.hex(), "verificationMethod": f"{NODE_ISSUER}#ed25519-1"}
    created = "2026-01-01T12:00:00Z"
    job = {
        "documents": bundled_contexts(),
        "credentials": [
            {
                "id": "ldp-valid",
                "format": "ldp",
                "credential": node_credential(1),
                "created": created,
                **common,
            },
            {
                "id": "ldp-revoked",
                "format": "ldp",
                "credential": node_credential(2),
                "created": created,
                **common,
            },
            {
                "id": "jwt-valid",
                "format": "jwt",
                "credential": node_credential(3),
                "p256Jwk": p256.public_key.to_jwk() | {"d": b64url_encode(p256.raw)},
                "kid": f"{NODE_ISSUER}#p256-1",
            },
            {
                "id": "jwt-revoked",
                "format": "jwt",
                "credential": node_credential(4),
                "p256Jwk": p256.public_key.to_jwk() | {"d": b64url_encode(p256.raw)},
                "kid": f"{NODE_ISSUER}#p256-1",
            },
            {
                "id": "revocation-list",
                "format": "ldp",
                "credential": node_status_list("revocation", 2, 4),
                **common,
            },
            {
                "id": "suspension-list",
                "format": "ldp",
                "credential": node_status_list("suspension"),
                **common,
            },
        ],
    }
    results = {r["id"]: r for r in run_node("sign.mjs", job)["results"]}
    return {
        "results": results,
        "did_document": did_document,
        "public_keys": {"ed25519": ed25519.public_key.to_multibase(), "p256": p256.public_key.to_multibase()},
    }


def mimis_verify(node_signed: dict[str, Any], credential: dict[str, Any] | str):
    """mimis.vc.verify with the DID document the test built and the status lists Node signed."""
    resolve = dids.resolver_from_documents([node_signed["did_document"]])
    lists = {
        result["signed"]["id"]: result["signed"]
        for name, result in node_signed["results"].items()
        if name.endswith("-list")
    }
    checker = make_status_checker(lists.__getitem__, resolve_key=resolve, expected_issuer=NODE_ISSUER)
    return verify_credential(credential, resolve_key=resolve, status_checker=checker)


def failed_checks(result) -> list[tuple[str, str]]:
    return [(c.name, c.code) for c in result.errors]


class TestMimisVerifiesDigitalBazaarCredentials:
    def test_node_derives_the_same_multikeys_as_mimis(self, node_signed):
        results = node_signed["results"]
        assert results["ldp-valid"]["publicKeyMultibase"] == node_signed["public_keys"]["ed25519"]
        assert results["jwt-valid"]["publicKeyMultibase"] == node_signed["public_keys"]["p256"]

    def test_data_integrity_credential_signed_by_digitalbazaar_verifies(self, node_signed):
        signed = node_signed["results"]["ldp-valid"]["signed"]
        assert signed["proof"]["type"] == "DataIntegrityProof"
        assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"

        result = mimis_verify(node_signed, signed)

        assert result.verified, result.to_dict()
        assert [(c.name, c.ok, c.skipped) for c in result.checks] == [
            ("schema", True, False),
            ("proof", True, False),
            ("issuer", True, False),
            ("validity", True, False),
            ("status", True, False),
        ]
        assert result.verification_methods == [f"{NODE_ISSUER}#ed25519-1"]

    def test_jwt_credential_signed_by_jose_verifies(self, node_signed):
        token = node_signed["results"]["jwt-valid"]["jwt"]

        result = mimis_verify(node_signed, token)

        assert result.verified, result.to_dict()
        assert [(c.name, c.ok, c.skipped) for c in result.checks] == [
            ("schema", True, False),
            ("proof", True, False),
            ("issuer", True, False),
            ("validity", True, False),
            ("status", True, False),
        ]
        assert result.verification_methods == [f"{NODE_ISSUER}#p256-1"]

    @pytest.mark.parametrize("name", ["ldp-revoked", "jwt-revoked"])
    def test_revoked_in_a_status_list_signed_by_digitalbazaar(self, node_signed, name):
        result = node_signed["results"][name]

        verification = mimis_verify(node_signed, result.get("signed") or result.get("jwt"))

        assert failed_checks(verification) == [("status", "revoked")]

    def test_tampered_data_integrity_credential_is_rejected(self, node_signed):
        signed = tampered_document(node_signed["results"]["ldp-valid"]["signed"])

        assert failed_checks(mimis_verify(node_signed, signed)) == [
            ("proof", "signature_invalid"),
            ("issuer", "issuer_unverified"),
        ]

    def test_tampered_jwt_credential_is_rejected(self, node_signed):
        token = tampered_jwt(node_signed["results"]["jwt-valid"]["jwt"])

        assert failed_checks(mimis_verify(node_signed, token)) == [("proof", "signature_invalid")]

    def test_public_verifier_accepts_a_credential_digitalbazaar_signed_with_the_issuers_key(
        self, published, provider
    ):
        """mimis.verification.services.verify: the DID document and status lists come from MIMIS itself."""
        mimis_signed = issue(published, "c@example.se", "ldp")
        private_key, method = keys.signing_key(organisation=provider, algorithm=KeyAlgorithm.ED25519)
        unsigned = {k: v for k, v in mimis_signed.document.items() if k != "proof"}
        job = {
            "documents": bundled_contexts(),
            "credentials": [
                {
                    "id": "c",
                    "format": "ldp",
                    "credential": unsigned,
                    "ed25519Seed": private_key.raw.hex(),
                    "verificationMethod": method,
                    "created": mimis_signed.document["proof"]["created"],
                }
            ],
        }
        (result,) = run_node("sign.mjs", job)["results"]
        # Ed25519 is deterministic: the same key, document and date give MIMIS's own signature.
        assert result["signed"] == mimis_signed.document

        report = verification.verify(json.dumps(result["signed"]))
        assert (report.verified, report.known_issuer, report.errors) == (True, True, [])

        services.revoke_credential(credential=mimis_signed, reason="Fel deltagare", acting_user=None)
        report = verification.verify(json.dumps(result["signed"]))
        assert [(e["name"], e["code"]) for e in report.errors] == [("status", "revoked")]
