"""The public catalogue: inflection-tolerant search in Swedish and English, filters, pages and the API."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.catalog import services
from mimis.catalog.models import MicroCredential
from mimis.catalog.selectors import CatalogueFilters, catalogue_search
from tests.catalog.conftest import COMPLETE
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin, provider_editor, skills):
    publish(draft)
    other = services.create_microcredential(
        provider=draft.microcredential.provider,
        acting_user=provider_editor,
        title="Kundservice i butik",
        title_en="Customer service in shops",
        **{
            **COMPLETE,
            "summary": "Gott bemötande i kassan.",
            "workload_hours": 12,
            "seqf_level": 2,
            "eqf_level": 2,
            "participation_form": ["on_site"],
        },
    )
    services.set_learning_outcomes(
        version=other,
        acting_user=provider_editor,
        outcomes=[{"text": "Ge god service.", "skills": [skills[2].pk]}],
    )
    publish(other)
    return draft, other


def titles(**filters):
    return [v.title for v in catalogue_search(filters=CatalogueFilters(**filters))]


def test_search_handles_swedish_inflection(published):
    # The text says "omsorgen"; the searcher types "omsorg" (and the other way round).
    assert titles(query="omsorg") == ["Demensvård – grunder"]
    assert titles(query="Omsorgen") == ["Demensvård – grunder"]


def test_search_finds_english_titles(published):
    assert titles(query="customer service") == ["Kundservice i butik"]


def test_filters_combine(published, skills):
    assert titles(seqf_level=2) == ["Kundservice i butik"]
    assert titles(workload_max=20) == ["Kundservice i butik"]
    assert titles(participation_form="online") == ["Demensvård – grunder"]
    assert titles(skill=skills[1].pk) == ["Demensvård – grunder"]
    assert titles(query="omsorg", seqf_level=2) == []


def test_drafts_never_appear_in_the_catalogue(draft):
    assert titles() == []
    assert Client().get("/api/v1/microcredentials").json()["count"] == 0
    assert Client().get(f"/api/v1/microcredentials/{draft.microcredential.pk}?version=1").status_code == 404


def test_catalogue_page_and_htmx_partial(published):
    page = Client().get("/microcredentials/?q=omsorg").content.decode()
    assert "Demensvård – grunder" in page and "Kundservice i butik" not in page
    partial = Client().get("/microcredentials/?q=omsorg", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Demensvård – grunder" in partial
    assert "1 mikromerit" in partial


def test_bad_filter_values_are_explained(published):
    body = Client().get("/microcredentials/?workload_min=50&workload_max=10").content.decode()
    assert "Maxvärdet måste vara minst lika stort som minimivärdet" in body


def test_detail_page_shows_the_standard_elements_and_schema_org_course(published):
    version, _ = published
    body = Client().get(f"/microcredentials/{version.microcredential.slug}/").content.decode()
    for text in (
        "Utfärdare",
        "40 timmar",
        "Fakta om mikromeriten",
        "Nivå 4 av 8 i Sveriges referensram för kvalifikationer (SeQF), "
        "nivå 4 av 8 i den europeiska referensramen för kvalifikationer (EQF).",
        "Föreslagen nivå</strong> – Utbildningsanordnaren föreslår nivån. Myndigheten för yrkeshögskolan (MYH) "
        "har inte beslutat om den.",
        "Skriftligt prov",
        "Beskriva hur demens påverkar omsorgen.",
    ):
        assert text in body, text
    assert "Fakta (EU:s standardelement)" not in body and "SeQF 4 / EQF 4</dd>" not in body
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["@type"] == "Course"
    assert data["numberOfCredits"]["value"] == 1.5


class TestApi:
    def test_list_and_detail_use_the_annex_i_field_names(self, published):
        body = Client().get("/api/v1/microcredentials?q=omsorg").json()
        assert body["count"] == 1
        item = body["items"][0]
        for field in (
            "title",
            "provider",
            "learning_outcomes",
            "workload_ects",
            "workload_hours",
            "eqf_level",
            "seqf_level",
            "assessment_type",
            "participation_form",
            "quality_assurance",
            "prerequisites",
            "stackability",
            "sectors",
            "languages",
            "version",
        ):
            assert field in item, field
        assert {s["label"] for s in item["learning_outcomes"][0]["skills"]} == {"Omvårdnad", "Demensvård"}
        detail = Client().get(f"/api/v1/microcredentials/{item['id']}").json()
        assert detail["version"] == 1 and detail["status"] == "published"

    def test_level_outside_1_to_8_is_a_422(self, published):
        assert Client().get("/api/v1/microcredentials?seqf_level=9").status_code == 422

    def test_provider_drafts_checks_and_submits_through_the_api(
        self, provider, provider_editor, region_admin, skills
    ):
        _t, secret = account_services.create_api_token(
            user=provider_editor, name="x", scopes=["read", "write"]
        )
        editor = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        created = editor.post(
            "/api/v1/microcredentials",
            {"provider": provider.slug, "title": "Ny mikromerit"},
            content_type="application/json",
        )
        assert created.status_code == 201
        mc_id = created.json()["id"]
        checklist = editor.get(f"/api/v1/microcredentials/{mc_id}/draft/checklist").json()
        assert checklist[0]["field"] == "summary"
        bad = editor.patch(
            f"/api/v1/microcredentials/{mc_id}/draft", {"workload_hours": -1}, content_type="application/json"
        )
        assert bad.status_code == 422 and bad.json()["field"] == "workload_hours"
        ok = editor.patch(
            f"/api/v1/microcredentials/{mc_id}/draft",
            {
                **COMPLETE,
                "learning_outcomes": [{"text": "Kunna något.", "skills": [skills[0].pk]}],
            },
            content_type="application/json",
        )
        assert ok.status_code == 200, ok.json()
        # The region no longer publishes drafts: only an approved version can be published.
        _t, admin_secret = account_services.create_api_token(user=region_admin, name="y", scopes=["write"])
        refused = Client(HTTP_AUTHORIZATION=f"Bearer {admin_secret}").post(
            f"/api/v1/microcredentials/{mc_id}/publish"
        )
        assert refused.status_code == 404
        early = editor.post(f"/api/v1/microcredentials/{mc_id}/publish")
        assert (early.status_code, early.json()["code"]) == (409, "transition_not_allowed")
        submitted = editor.post(f"/api/v1/microcredentials/{mc_id}/submit")
        assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
        assert Client().get(f"/api/v1/microcredentials/{mc_id}").status_code == 404  # not public yet

    def test_submitting_an_incomplete_draft_lists_what_is_missing(self, provider, provider_editor):
        version = services.create_microcredential(provider=provider, acting_user=provider_editor, title="Tom")
        _t, secret = account_services.create_api_token(user=provider_editor, name="y", scopes=["write"])
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
            f"/api/v1/microcredentials/{version.microcredential.pk}/submit"
        )
        assert response.status_code == 422
        assert response.json()["code"] == "version_incomplete"
        assert response.json()["missing"][0]["field"] == "summary"

    def test_another_organisation_cannot_create_for_this_provider(self, provider, other_admin):
        _t, secret = account_services.create_api_token(user=other_admin, name="x", scopes=["write"])
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
            "/api/v1/microcredentials",
            {"provider": provider.slug, "title": "Kapad"},
            content_type="application/json",
        )
        assert response.status_code == 404
        assert MicroCredential.objects.count() == 0


def test_demo_has_at_least_twelve_complete_published_microcredentials_across_the_tracks():
    from mimis.catalog.models import MicroCredentialVersion
    from tests.demo_snapshot import load_demo

    load_demo()
    versions = list(MicroCredentialVersion.objects.filter(status="published"))
    assert len(versions) >= 12
    assert all(services.missing_elements(v) == [] for v in versions)
    groups = {g for v in versions for g in v.target_groups}
    assert {"outside_labour_market", "health_social_care", "small_business"} <= groups


def test_elm_export_describes_the_learning_specification(published, skills):
    version, _ = published
    response = Client().get(f"/microcredentials/{version.microcredential.slug}/elm.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"] == "http://data.europa.eu/snb/model/context/edc-ap"
    assert document["type"] == "LearningAchievementSpecification"
    assert document["title"] == {"sv": "Demensvård – grunder"}
    # No MYH decision is recorded: the level is a proposal, so a note says so and no level field claims it.
    assert "eqfLevel" not in document and "nqfLevel" not in document
    assert {
        "sv": "Föreslagen nivå: SeQF 4 (inte beslutad av MYH).",
        "en": "Proposed level: SeQF 4 (not decided by MYH).",
    } in [note["noteLiteral"] for note in document["additionalNote"]]
    assert document["volumeOfLearning"] == "PT40H"
    assert document["creditPoint"]["point"] == "1.5"
    assert document["language"][0]["id"].endswith("/language/SWE")
    labels = {s["prefLabel"]["sv"] for s in document["learningOutcome"][0]["relatedSkill"]}
    assert labels == {"Omvårdnad", "Demensvård"}
    assert Client().get("/microcredentials/nothing-here/elm.jsonld").status_code == 404
