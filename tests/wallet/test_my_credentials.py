"""A learner sees the credentials issued to their verified e-mail address and downloads them."""

from __future__ import annotations

import pytest

from mimis.issuing import services as issuing
from tests.conftest import verified_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(published, learner):
    return issuing.issue_credential(
        version=published, email=learner.email.upper(), name=learner.name, acting_user=None
    )


def test_learner_sees_and_downloads_their_credential(issued, learner):
    browser = verified_client(learner)
    page = browser.get("/my/credentials/").content.decode()
    assert "Demensvård – grunder" in page and "Giltig" in page
    response = browser.get(f"/my/credentials/{issued.credential.pk}/download/")
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json()["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_revoked_credentials_show_their_state_and_reason(issued, learner):
    issuing.revoke_credential(credential=issued.credential, reason="Utfärdad av misstag", acting_user=None)
    page = verified_client(learner).get("/my/credentials/").content.decode()
    assert "Återkallad" in page and "Utfärdad av misstag" in page


def test_nobody_else_sees_or_downloads_it(issued):
    other = UserFactory()
    browser = verified_client(other)
    assert "Demensvård" not in browser.get("/my/credentials/").content.decode()
    assert browser.get(f"/my/credentials/{issued.credential.pk}/download/").status_code == 404


def test_an_unverified_address_sees_nothing_yet(issued, learner):
    learner.email_verified = False
    learner.save()
    assert "Demensvård" not in verified_client(learner).get("/my/credentials/").content.decode()
