"""An organisation's page offers what its kind and the person's roles use; technical pages behind "Advanced"."""

from __future__ import annotations

import re

import pytest

from tests.conftest import verified_client
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def actions(html: str) -> list[str]:
    match = re.search(r'<p class="actions">(.*?)</p>', html, re.S)
    return re.findall(r">([^<>]+)</a>", match.group(1)) if match else []


def advanced(html: str) -> list[str]:
    match = re.search(r'<details class="advanced">(.*?)</details>', html, re.S)
    return re.findall(r">([^<>]+)</a>", match.group(1)) if match else []


def test_bakery_admin_sees_no_signing_keys_and_api_tokens_only_under_advanced():
    bakery = OrganisationFactory(name="Österlens Bageri AB", slug="bageri", kind="employer")
    omar = member(bakery, "admin", email="omar@bageri.example.se", name="Omar Saleh")
    html = verified_client(omar).get("/organisations/bageri/").content.decode()
    # Issuing is the issuer role's (issue 16): the admin sees "Utfärda meriter" once they give themselves it.
    assert actions(html) == [
        "Medlemmar och inbjudningar",
        "Våra mikromeriter",
        "Kompetensbehov",  # role profiles and candidates (matching)
        "Kontaktförfrågningar",  # the requests the employer sent to candidates
        "Vår statistik",  # the organisation's own figures (insights)
        "Ändra uppgifter",
    ]
    assert advanced(html) == ["Organisationens API-nycklar"]
    assert "/keys/" not in html
    assert "<summary>Avancerat: för it-personal</summary>" in html


def test_issuing_provider_admin_finds_signing_keys_under_advanced(provider, provider_admin):
    from mimis.issuing import keys

    keys.ensure_issuer_keys(organisation=provider, acting_user=provider_admin)
    html = verified_client(provider_admin).get("/organisations/hkr/").content.decode()
    assert advanced(html) == ["Organisationens API-nycklar", "Signeringsnycklar"]
    assert 'href="/organisations/hkr/keys/"' in html


def test_qa_reviewer_sees_neither_buttons_nor_advanced(qa_body):
    reviewer = member(qa_body, "reviewer", email="per@kvalitet.example.se", name="Per")
    html = verified_client(reviewer).get("/organisations/kvalitet/").content.decode()
    assert actions(html) == []
    assert advanced(html) == []
    assert "API-nycklar" not in html


def test_learner_profile_keeps_api_tokens_and_registering_under_advanced(learner, provider_admin):
    learner_html = verified_client(learner).get("/account/").content.decode()
    details = re.search(r'<details class="panel advanced">(.*?)</details>', learner_html, re.S).group(1)
    assert 'href="/account/tokens/"' in details
    assert 'href="/organisations/new/"' in details
    assert '<h2 id="tokens-title">' not in learner_html
    staff_html = verified_client(provider_admin).get("/account/").content.decode()
    assert '<h2 id="tokens-title">API-nycklar</h2>' in staff_html
