"""Personas of a validation: Fatima, her counsellor at a study association, her supervisor at the care
home where she had her work placement, and an assessor at the provider that issues the micro-credential."""

from __future__ import annotations

import io

import pytest

from mimis.accounts.models import User
from mimis.catalog import services as catalog
from mimis.catalog.models import MicroCredentialVersion
from tests.catalog.conftest import care_sector, draft, skills  # noqa: F401
from tests.factories import OrganisationFactory, UserFactory, member, publish

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def version(draft, provider_editor, skills) -> MicroCredentialVersion:  # type: ignore[no-untyped-def]  # noqa: F811
    catalog.set_learning_outcomes(
        version=draft,
        acting_user=provider_editor,
        outcomes=[
            {"text": "Beskriva hur demens påverkar omsorgen.", "skills": [skills[0].pk]},
            {"text": "Bemöta en person med demens med respekt.", "skills": [skills[0].pk]},
            {"text": "Dokumentera förändringar i personens mående.", "skills": [skills[0].pk]},
        ],
    )
    return publish(draft)


@pytest.fixture
def assessor(provider) -> User:  # type: ignore[no-untyped-def]
    return member(provider, "issuer", email="bedomare@hkr.example.se", name="Bo Bedömare")


@pytest.fixture
def counsellor(db) -> User:  # type: ignore[no-untyped-def]
    return UserFactory(email="vagledare@studieforbund.example.se", name="Vera Vägledare")


@pytest.fixture
def outsider(db) -> User:  # type: ignore[no-untyped-def]
    return UserFactory(email="nyfiken@example.se", name="Nils Nyfiken")


@pytest.fixture
def care_home(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Solgårdens äldreboende", slug="solgarden", kind="employer")


def pdf_file() -> io.BytesIO:
    return io.BytesIO(PDF)
