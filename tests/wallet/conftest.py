"""Fixtures of the wallet tests. A published micro-credential comes from ONE place, ``published``."""

from __future__ import annotations

import pytest

from mimis.issuing import services as issuing
from tests.catalog.conftest import COMPLETE, care_sector, draft, skills  # noqa: F401
from tests.factories import member, publish


@pytest.fixture
def published(draft):  # type: ignore[no-untyped-def]  # noqa: F811
    return publish(draft)


@pytest.fixture
def issuer(provider):  # type: ignore[no-untyped-def]
    return member(provider, "issuer", email="jonas.issuer@hkr.example.se", name="Jonas Issuer")


@pytest.fixture
def credential(published, learner):  # type: ignore[no-untyped-def]
    """A credential issued to the learner persona's (verified) address."""
    return issuing.issue_credential(
        version=published, email=learner.email, name=learner.name, acting_user=None
    ).credential


@pytest.fixture
def make_published(provider, provider_editor, skills):  # type: ignore[no-untyped-def]  # noqa: F811
    """make_published(title, sectors=[]) -> a further published micro-credential version of the provider."""
    from mimis.catalog import services as catalog_services

    def make(title: str, sectors=()):  # type: ignore[no-untyped-def]
        version = catalog_services.create_microcredential(
            provider=provider, acting_user=provider_editor, title=title, sectors=list(sectors), **COMPLETE
        )
        catalog_services.set_learning_outcomes(
            version=version,
            acting_user=provider_editor,
            outcomes=[{"text": "Kunna bemöta kunder.", "skills": [skills[2].pk]}],
        )
        return publish(version)

    return make
