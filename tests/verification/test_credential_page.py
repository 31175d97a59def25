"""The public page a certificate's QR code opens: the stored credential checked live, in plain words."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.issuing import services as issuing
from mimis.quality.selectors import qa_record
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(draft, region_admin):
    return publish(draft)


def issue(version, credential_format="ldp"):
    return issuing.issue_credential(
        version=version,
        email="fatima@example.se",
        name="Fatima Ahmed",
        acting_user=None,
        credential_format=credential_format,
    ).credential


@pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
def test_anyone_sees_a_valid_credential_checked_in_swedish(version, credential_format):
    credential = issue(version, credential_format)
    response = Client().get(f"/verify/credentials/{credential.pk}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    assert "Meriten är äkta och giltig" in page
    assert "Signaturen är intakt" in page
    assert "Fatima Ahmed" in page and "fatima@example.se" not in page


def test_the_page_shows_the_standard_elements_and_links_to_the_catalogue(version):
    credential = issue(version)
    page = Client().get(f"/verify/credentials/{credential.pk}/").content.decode()
    for expected in [
        "<h1>Demensvård – grunder</h1>",
        "Högskolan Kristianstad",
        "Beskriva hur demens påverkar omsorgen.",
        "Skriftligt prov",
        "Föreslagen nivå: SeQF 4 (inte beslutad av MYH).",
        "1,5 högskolepoäng",
        "Kvalitetssäkrad av",
        qa_record(version).qa_body.name,
        "Kriterieversion 1",
        "Nästa granskning",
        str(credential.pk),
        'href="/microcredentials/demensvard-grunder/"',
    ]:
        assert expected in page, expected


def test_a_revoked_credential_is_shown_as_not_valid_at_once(version):
    credential = issue(version)
    issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
    page = Client().get(f"/verify/credentials/{credential.pk}/").content.decode()
    assert "Utfärdaren har återkallat meriten" in page
    assert "Meriten är äkta och giltig" not in page
    # Why, in plain Swedish, with the reason the issuer gave (the issuer is told verifiers see it).
    assert "Utfärdaren har återkallat meriten. Den gäller inte längre." in page
    assert "<dt>Utfärdarens skäl</dt><dd>Fel person</dd>" in page
    # The checklist answers "No" to a positive statement, never a double negative.
    assert "Nej</span> Utfärdaren står fortfarande för den (inte återkallad eller spärrad)" in page
    # No English technical detail on a Swedish page; the codes are behind "Tekniska detaljer".
    assert "Credential status is" not in page
    assert "<summary>Tekniska detaljer</summary>" in page and "<code>revoked</code>" in page
    english = Client().get(f"/en/verify/credentials/{credential.pk}/").content.decode()
    assert "Credential status is &#x27;revoked&#x27;" in english  # in the technical details, in English


def test_a_suspended_credential_says_so(version):
    credential = issue(version)
    issuing.suspend_credential(credential=credential, reason="Utreds", acting_user=None)
    page = Client().get(f"/en/verify/credentials/{credential.pk}/").content.decode()
    assert "The issuer has suspended the credential for the time being." in page


def test_the_page_is_in_english_under_en(version):
    credential = issue(version)
    page = Client().get(f"/en/verify/credentials/{credential.pk}/").content.decode()
    assert "The credential is genuine and valid" in page and "Learning outcomes" in page


def test_unknown_ids_are_404_with_a_page_that_says_so(db):
    response = Client().get("/verify/credentials/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Ingen merit med det här id:t</h1>" in page
    assert "MIMIS har ingen merit med id:t 00000000-0000-4000-8000-000000000000." in page
    english = Client().get("/en/verify/credentials/00000000-0000-4000-8000-000000000000/")
    assert english.status_code == 404 and "No credential with this id" in english.content.decode()
    assert Client().get("/verify/credentials/not-a-uuid/").status_code == 404


def test_the_page_says_what_was_verified(version):
    credential = issue(version)
    page = Client().get(f"/en/verify/credentials/{credential.pk}/").content.decode()
    assert "<dt>Awarded to</dt><dd>Fatima Ahmed</dd>" in page
    assert f"<dt>Micro-credential</dt><dd>{version.display_title}</dd>" in page
