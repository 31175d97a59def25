"""The application to MYH is made from the published micro-credential; each part traceable and checked."""

from __future__ import annotations

import io

import pytest
from django.test import Client, override_settings
from pypdf import PdfReader

from mimis.accounts import services as account_services
from mimis.catalog import services as catalog_services
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.recognition.dossier import build_dossier
from mimis.recognition.models import RecognitionDossier
from mimis.recognition.services import published_version, save_dossier
from tests.conftest import verified_client
from tests.factories import publish

WRITTEN = {
    "contact_name": "Karin Berg",
    "contact_role": "Utbildningsledare",
    "contact_email": "karin@example.se",
    "qualification_type": "certifikat",
    "field_description": "Vård och omsorg om äldre.",
    "level_justification": "Deltagaren tillämpar rutiner självständigt under handledning.",
    "examiners_qualifications": "Legitimerade sjuksköterskor med handledarutbildning.",
    "quality_plan": "Årlig plan.",
    "quality_follow_up": "Uppföljning varje kurs.",
    "quality_evaluate": "Enkät till deltagare och arbetsgivare.",
    "quality_document": "Protokoll i ledningssystemet.",
    "quality_develop": "Förbättringar beslutas i ledningsgruppen.",
}


@pytest.fixture
def published(draft, provider_editor, skills):
    catalog_services.set_learning_outcomes(
        version=draft,
        acting_user=provider_editor,
        outcomes=[
            {"text": "Förklara smittvägar.", "domain": "knowledge", "skills": [skills[0].pk]},
            {"text": "Tillämpa basala hygienrutiner.", "domain": "skills", "skills": [skills[1].pk]},
            {"text": "Ta ansvar för sin egen hygien i arbetet.", "domain": "", "skills": [skills[0].pk]},
        ],
    )
    publish(draft)
    draft.provider = draft.microcredential.provider
    draft.provider.organisation_number = "802000-0000"
    draft.provider.save()
    return published_version(draft.microcredential)


def _section(dossier, key):
    return next(s for s in dossier.sections if s.key == key)


def test_the_dossier_has_every_part_myh_asks_for_each_from_its_source(published, provider_editor):
    save_dossier(microcredential=published.microcredential, acting_user=provider_editor, data=WRITTEN)
    dossier = build_dossier(published)
    assert [s.key for s in dossier.sections] == [
        "applicant",
        "qualification",
        "specimen",
        "field",
        "outcomes",
        "level",
        "standing",
        "assessment",
        "examiners",
        "quality",
        "appendix",
    ]
    assert "Karin Berg" in _section(dossier, "applicant").text
    assert "802000-0000" in _section(dossier, "applicant").text
    assert published.title in _section(dossier, "qualification").text
    outcomes = _section(dossier, "outcomes").text
    assert "Kunskaper:\n- Förklara smittvägar." in outcomes
    assert "Färdigheter:\n- Tillämpa basala hygienrutiner." in outcomes
    assert "Inte sorterade än:\n- Ta ansvar" in outcomes
    assert _section(dossier, "outcomes").missing  # one outcome is not sorted
    assert "Föreslagen nivå: SeQF 4." in _section(dossier, "level").text
    assert WRITTEN["level_justification"] in _section(dossier, "level").text
    assert "Planera: Årlig plan.\nFölja upp: Uppföljning varje kurs." in _section(dossier, "quality").text
    appendix = _section(dossier, "appendix").text
    assert "Oberoende kvalitetssäkring: godkänd av" in appendix
    assert "Uppfyller kriterierna." in appendix  # the reviewers' decisions, from the decision log
    assert not dossier.complete  # no endorsements and an unsorted outcome
    missing = {s.key for s in dossier.sections if s.missing}
    assert missing == {"outcomes", "standing"}


def test_an_empty_dossier_says_what_is_missing(published):
    dossier = build_dossier(published)
    missing = {s.key for s in dossier.sections if s.missing}
    assert {"applicant", "qualification", "field", "level", "examiners", "quality"} <= missing


@override_settings(MIMIS_RECOGNITION_LIMITS={"examiners": 20})
def test_section_lengths_are_checked_against_the_limit(published, provider_editor):
    save_dossier(microcredential=published.microcredential, acting_user=provider_editor, data=WRITTEN)
    section = _section(build_dossier(published), "examiners")
    assert section.limit == 20 and section.length == len(WRITTEN["examiners_qualifications"])
    assert section.over_limit


def test_bad_input_is_refused_and_nothing_changes(published, provider_editor):
    with pytest.raises(ValidationFailed) as error:
        save_dossier(
            microcredential=published.microcredential,
            acting_user=provider_editor,
            data={"contact_name": "Ny", "contact_email": "inte en adress"},
        )
    assert error.value.field == "contact_email"
    assert not RecognitionDossier.objects.filter(contact_name="Ny").exists()
    with pytest.raises(ValidationFailed):
        save_dossier(
            microcredential=published.microcredential, acting_user=provider_editor, data={"secret": "x"}
        )


def test_only_the_owners_authors_see_and_write_the_dossier(published, other_admin, learner):
    with pytest.raises(NotFound):
        save_dossier(microcredential=published.microcredential, acting_user=other_admin, data=WRITTEN)
    slug = published.microcredential.slug
    assert verified_client(other_admin).get(f"/microcredentials/{slug}/recognition/").status_code == 404
    assert verified_client(learner).get(f"/microcredentials/{slug}/recognition/").status_code == 404


def test_a_draft_has_no_dossier(draft, provider_editor):
    with pytest.raises(NotFound):
        published_version(draft.microcredential)
    response = verified_client(provider_editor).get(
        f"/microcredentials/{draft.microcredential.slug}/recognition/"
    )
    assert response.status_code == 404


def test_the_page_the_pdfs_and_the_api(published, provider_editor):
    client = verified_client(provider_editor)
    slug = published.microcredential.slug
    response = client.post(f"/microcredentials/{slug}/recognition/", WRITTEN)
    assert response.status_code == 302
    body = client.get(f"/microcredentials/{slug}/recognition/").content.decode()
    assert "Ansökan om beslut om SeQF-nivå" in body and "Karin Berg" in body
    pdf = client.get(f"/microcredentials/{slug}/recognition/dossier.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Kunskaper" in text and "Karin Berg" in text
    specimen = client.get(f"/microcredentials/{slug}/recognition/specimen.pdf")
    specimen_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(specimen.content)).pages)
    assert "EXEMPEL" in specimen_text and published.title in specimen_text
    assert not PdfReader(io.BytesIO(specimen.content)).attachments  # no signed credential inside a specimen

    _token, secret = account_services.create_api_token(user=provider_editor, name="x", scopes=["read"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        f"/api/v1/microcredentials/{published.microcredential.pk}/recognition-dossier"
    )
    assert api.status_code == 200, api.content
    data = api.json()
    assert data["version"] == published.number
    level = next(s for s in data["sections"] if s["key"] == "level")
    assert level["length"] == len(level["text"]) and level["sources"]


def test_an_outsiders_token_gets_404(published, other_admin):
    _token, secret = account_services.create_api_token(user=other_admin, name="x", scopes=["read"])
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        f"/api/v1/microcredentials/{published.microcredential.pk}/recognition-dossier"
    )
    assert response.status_code == 404


def test_editors_without_authoring_rights_are_refused(published):
    from tests.factories import member

    issuer = member(published.microcredential.provider, "issuer")
    with pytest.raises(PermissionDenied):
        save_dossier(microcredential=published.microcredential, acting_user=issuer, data=WRITTEN)
