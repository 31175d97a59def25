"""An issuer awards a credential from a form and revokes it from the list (2FA passed)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.issuing.models import Credential
from tests.conftest import signed_in, verified_client
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


def test_issuer_awards_then_revokes(published, provider):
    issuer = member(provider, "issuer")
    browser = verified_client(issuer)
    url = reverse("issuer_credentials", args=[provider.slug])
    assert url in browser.get("/start/").content.decode()
    response = browser.post(
        url,
        {
            "award": "1",
            "version": published.pk,
            "name": "Fatima Ahmed",
            "email": "fatima@example.se",
            "format": "ldp",
        },
    )
    assert response.status_code == 302
    credential = Credential.objects.get()
    page = browser.get(url).content.decode()
    assert "Fatima Ahmed" in page and "Giltig" in page
    browser.post(url, {"credential": credential.pk, "action": "revoke", "reason": ""})
    credential.refresh_from_db()
    assert credential.state == "valid"  # a reason is required
    browser.post(url, {"credential": credential.pk, "action": "revoke", "reason": "Fel person"})
    credential.refresh_from_db()
    assert credential.state == "revoked"


def test_bad_email_is_shown_and_nothing_is_issued(published, provider):
    browser = verified_client(member(provider, "issuer"))
    response = browser.post(
        reverse("issuer_credentials", args=[provider.slug]),
        {"award": "1", "version": published.pk, "name": "X", "email": "nej", "format": "ldp"},
    )
    assert 'aria-invalid="true"' in response.content.decode()
    assert Credential.objects.count() == 0


def test_issuers_need_two_factor_and_others_are_kept_out(published, provider, provider_editor, other_admin):
    issuer = member(provider, "issuer")
    url = reverse("issuer_credentials", args=[provider.slug])
    assert signed_in(issuer).get(url)["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert verified_client(provider_editor).get(url).status_code == 403
    assert verified_client(other_admin).get(url).status_code == 404
