from __future__ import annotations

import json
from pathlib import Path

import pytest

from mimis.vc.keys import ED25519, PrivateKey

# Public standards material shipped with the tests (see its README.md): the suite needs no ../shared/.
STANDARDS = Path(__file__).resolve().parents[1] / "data" / "standards"
VECTOR = STANDARDS / "ob3" / "vector"

VECTOR_SEED = bytes.fromhex("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4")
VECTOR_PUBLIC = bytes.fromhex("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5")
VECTOR_ISSUER = "https://example.edu/issuers/565049"
VECTOR_VM = VECTOR_ISSUER + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
VECTOR_CREATED = "2010-01-01T19:23:24Z"
VECTOR_PROOF_VALUE = (
    "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
)


@pytest.fixture
def vector_credential() -> dict:
    return json.loads((VECTOR / "ob-credential.json").read_text(encoding="utf-8"))


@pytest.fixture
def vector_key() -> PrivateKey:
    return PrivateKey(ED25519, VECTOR_SEED)


@pytest.fixture
def standards_dir() -> Path:
    return STANDARDS


ISSUER_DID = "did:web:mimis.example:org:skane"
ISSUER_VM = ISSUER_DID + "#key-1"


def build_sample_credential(**overrides):
    """A realistic ~2.7 KB MIMIS OpenBadgeCredential (unsigned)."""
    from datetime import UTC, datetime

    from mimis.vc.credentials import (
        Achievement,
        Alignment,
        Evidence,
        Image,
        IssuerProfile,
        Learner,
        Result,
        ResultDescription,
        build_credential,
    )

    issuer = IssuerProfile(
        id=ISSUER_DID,
        name="Region Skåne",
        url="https://skane.se",
        email="mikromeriter@skane.se",
        description="Regionalt utvecklingsansvar",
        image=Image("https://mimis.example/media/skane.png", "Logo"),
    )
    achievement = Achievement(
        id="https://mimis.example/achievements/7f1c",
        name="Grundläggande svetsning (MIG/MAG)",
        description=(
            "Deltagaren kan utföra grundläggande MIG/MAG-svetsning enligt gällande säkerhetsföreskrifter."
        ),
        criteria_narrative="Godkänd praktisk examination och skriftligt prov om arbetsmiljö.",
        image=Image("https://mimis.example/media/badges/7f1c.png"),
        achievement_type="MicroCredential",
        alignments=(
            Alignment(
                "Svetsning",
                "https://esco.ec.europa.eu/sv/skill/abc",
                target_framework="ESCO",
                target_code="S1.2",
                target_type="ext:ESCO",
            ),
        ),
        credits_available=7.5,
        field_of_study="Teknik",
        in_language="sv",
        result_descriptions=(
            ResultDescription(
                "https://mimis.example/achievements/7f1c/results/grade",
                "Betyg",
                "LetterGrade",
                ("U", "G", "VG"),
            ),
        ),
        tags=("svetsning", "industri"),
        human_code="SV-101",
        version="1.0",
    )
    args = {
        "credential_id": "urn:uuid:4b1f58a6-3c55-4d4e-9a51-6f0b3e7b2c11",
        "issuer": issuer,
        "achievement": achievement,
        "learner": Learner(email="Anna.Andersson@example.se", name="Anna Andersson", salt="c0ffee"),
        "valid_from": datetime(2026, 3, 1, tzinfo=UTC),
        "valid_until": datetime(2031, 3, 1, tzinfo=UTC),
        "awarded_date": datetime(2026, 3, 1, tzinfo=UTC),
        "credits_earned": 7.5,
        "results": [
            Result(
                value="VG",
                result_description="https://mimis.example/achievements/7f1c/results/grade",
                status="Completed",
            )
        ],
        "evidence": [
            Evidence(
                id="https://mimis.example/evidence/1",
                name="Examinationsprotokoll",
                narrative="Praktiskt prov genomfört 2026-02-20",
                genre="Assessment",
            )
        ],
        "credential_status": [
            {
                "id": "https://mimis.example/status/1#94567",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "94567",
                "statusListCredential": "https://mimis.example/status/1",
            }
        ],
    }
    args.update(overrides)
    return build_credential(**args)


def build_current_credential(**overrides):
    """The sample credential, valid from yesterday for five years: for tests that verify at the real time.

    The sample's own dates are fixed (2026-2031) for tests that verify at a fixed ``now``; verified at the
    real time they would make such a test fail from 2031.
    """
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    dates = {
        "valid_from": today - timedelta(days=1),
        "awarded_date": today - timedelta(days=1),
        "valid_until": today + timedelta(days=5 * 365),
    }
    return build_sample_credential(**(dates | overrides))


@pytest.fixture(scope="session")
def issuer_key():
    from mimis.vc.keys import generate_key

    return generate_key(ED25519)


@pytest.fixture(scope="session")
def issuer_resolver(issuer_key):
    from mimis.vc import dids

    return dids.resolver_from_documents(
        [dids.did_web_document(ISSUER_DID, [("key-1", issuer_key.public_key)])]
    )


@pytest.fixture
def sample_credential():
    return build_sample_credential()
