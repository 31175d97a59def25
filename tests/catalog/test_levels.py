"""A level is the provider's proposal until MYH decides it; credentials, pages, API and ELM say which."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from mimis.accounts import services as account_services
from mimis.catalog.achievement import achievement_for
from mimis.catalog.elm import learning_achievement_specification
from mimis.catalog.level_services import record_level_decision, send_level_decision_notices
from mimis.catalog.levels import level_status
from mimis.catalog.models import LevelDecision, LevelDecisionNotice
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from tests.factories import publish


@pytest.fixture
def published(draft):
    publish(draft)
    draft.refresh_from_db()
    return draft


def _decide(version, user, **overrides):
    fields = {
        "seqf_level": version.seqf_level,
        "decision_number": "MYH 2026/1234",
        "decided_on": timezone.localdate() - timedelta(days=30),
        "decision_url": "https://www.myh.se/beslut/2026-1234",
    }
    return record_level_decision(
        microcredential=version.microcredential, acting_user=user, **{**fields, **overrides}
    )


def _level_alignments(version):
    with translation.override("sv"):
        achievement = achievement_for(version).to_json()
    return {
        a["targetType"]: a for a in achievement["alignment"] if a["targetType"] in ("ext:SeQF", "ext:EQF")
    }


def test_without_a_decision_the_credential_says_the_level_is_proposed(published):
    alignments = _level_alignments(published)
    assert alignments["ext:SeQF"]["targetName"] == "Föreslagen SeQF-nivå 4 (inte beslutad av MYH)"
    assert alignments["ext:SeQF"]["targetDescription"] == "Föreslagen nivå: SeQF 4 (inte beslutad av MYH)."
    assert alignments["ext:EQF"]["targetName"] == "Föreslagen EQF-nivå 4 (inte beslutad av MYH)"
    assert not level_status(published).decided


def test_a_recorded_decision_makes_new_credentials_state_the_decided_level(published, provider_admin):
    decision = _decide(published, provider_admin)
    assert decision.valid_until == decision.decided_on.replace(
        year=decision.decided_on.year + 10
    ) - timedelta(days=1)
    alignments = _level_alignments(published)
    assert alignments["ext:SeQF"]["targetName"] == "SeQF-nivå 4, beslutad av MYH"
    assert alignments["ext:SeQF"]["targetUrl"] == "https://www.myh.se/beslut/2026-1234"
    assert "dnr MYH 2026/1234" in alignments["ext:SeQF"]["targetDescription"]
    assert alignments["ext:EQF"]["targetName"] == "EQF-nivå 4 (genom MYH:s beslut om SeQF-nivå)"


def test_a_decision_for_another_level_does_not_make_the_stated_level_decided(published, provider_admin):
    _decide(published, provider_admin, seqf_level=5)
    assert not level_status(published).decided
    assert _level_alignments(published)["ext:SeQF"]["targetName"].startswith("Föreslagen")


def test_an_expired_decision_turns_the_level_back_to_proposed(published, provider_admin):
    long_ago = timezone.localdate() - timedelta(days=4000)
    _decide(published, provider_admin, decided_on=long_ago, valid_until=long_ago + timedelta(days=3650))
    assert not level_status(published).decided
    # ... but a credential issued while it was valid was right to say "decided"
    assert level_status(published, on=long_ago + timedelta(days=1)).decided


def test_elm_carries_only_decided_levels_in_its_level_fields(published, provider_admin):
    document = learning_achievement_specification(published, url="https://mimis.example/mc")
    assert "eqfLevel" not in document and "nqfLevel" not in document
    notes = [n["noteLiteral"] for n in document["additionalNote"] if n["id"].endswith("#proposed-level")]
    assert notes == [
        {
            "sv": "Föreslagen nivå: SeQF 4 (inte beslutad av MYH).",
            "en": "Proposed level: SeQF 4 (not decided by MYH).",
        }
    ]
    _decide(published, provider_admin)
    published = type(published).objects.get(pk=published.pk)
    document = learning_achievement_specification(published, url="https://mimis.example/mc")
    assert document["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/4"
    assert "MYH 2026/1234" in document["nqfLevel"]["definition"]["sv"]


def test_the_page_says_proposed_or_decided(published, provider_admin):
    url = f"/microcredentials/{published.microcredential.slug}/"
    body = Client().get(url).content.decode()
    assert "Föreslagen nivå</strong>" in body and "har inte beslutat om den" in body
    _decide(published, provider_admin)
    body = Client().get(url).content.decode()
    assert "Beslutad nivå</strong>" in body and "dnr MYH 2026/1234" in body
    assert "Föreslagen nivå</strong>" not in body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"seqf_level": 9}, "seqf_level"),
        ({"seqf_level": "fyra"}, "seqf_level"),
        ({"decision_number": "  "}, "decision_number"),
        ({"decided_on": "14/3/2026"}, "decided_on"),
        ({"decided_on": date.today() + timedelta(days=3)}, "decided_on"),
        ({"valid_until": date(2000, 1, 1)}, "valid_until"),
        ({"decision_url": "javascript:alert(1)"}, "decision_url"),
    ],
)
def test_bad_decisions_are_refused_naming_the_field_and_nothing_is_stored(
    published, provider_admin, overrides, field
):
    with pytest.raises(ValidationFailed) as error:
        _decide(published, provider_admin, **overrides)
    assert error.value.field == field
    assert not LevelDecision.objects.exists()


def test_only_the_providers_admins_and_the_region_record_decisions(
    published, provider_editor, other_admin, region_admin
):
    with pytest.raises(PermissionDenied):
        _decide(published, provider_editor)
    with pytest.raises(NotFound):
        _decide(published, other_admin)
    assert _decide(published, region_admin).recorded_by == region_admin


def test_the_api_records_a_decision_and_lists_it(published, provider_admin):
    _token, secret = account_services.create_api_token(user=provider_admin, name="x", scopes=["write"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    mc_id = published.microcredential.pk
    bad = client.post(
        f"/api/v1/microcredentials/{mc_id}/level-decision",
        json.dumps({"seqf_level": 4, "decision_number": "", "decided_on": "2026-01-10"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["field"] == "decision_number"
    response = client.post(
        f"/api/v1/microcredentials/{mc_id}/level-decision",
        json.dumps({"seqf_level": 4, "decision_number": "MYH 2026/77", "decided_on": "2026-01-10"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["valid_until"] == "2036-01-09"
    detail = Client().get(f"/api/v1/microcredentials/{mc_id}").json()
    assert detail["level"]["status"] == "decided"
    assert detail["level"]["decision"]["decision_number"] == "MYH 2026/77"
    listed = Client().get(f"/api/v1/microcredentials/{mc_id}/level-decisions").json()
    assert [d["decision_number"] for d in listed] == ["MYH 2026/77"]


def test_the_api_says_proposed_when_nothing_is_decided(published):
    detail = (
        Client(HTTP_ACCEPT_LANGUAGE="en")
        .get(f"/api/v1/microcredentials/{published.microcredential.pk}")
        .json()
    )
    assert detail["level"] == {
        "seqf_level": 4,
        "eqf_level": 4,
        "status": "proposed",
        "text": "Proposed level: SeQF 4 (not decided by MYH).",
        "decision": None,
    }


def test_the_web_form_records_a_decision_and_keeps_bad_input(published, provider_admin):
    from tests.conftest import verified_client

    client = verified_client(provider_admin)
    url = f"/microcredentials/{published.microcredential.slug}/level-decision/"
    response = client.post(
        url, {"seqf_level": "4", "decision_number": "MYH 2026/9", "decided_on": "not a date"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="MYH 2026/9"' in body and "Fyll i ett giltigt datum" in body
    response = client.post(
        url, {"seqf_level": "4", "decision_number": "MYH 2026/9", "decided_on": "2026-02-01"}
    )
    assert response.status_code == 302
    assert LevelDecision.objects.get().decision_number == "MYH 2026/9"


def test_providers_are_reminded_before_a_decision_expires_and_told_when_it_has(
    published, provider_admin, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    decision = _decide(
        published,
        provider_admin,
        decided_on=today - timedelta(days=3000),
        valid_until=today + timedelta(days=90),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_level_decision_notices(today=today) == (1, 0)
    assert send_level_decision_notices(today=today) == (0, 0)  # once only
    assert [m.to for m in mail.outbox] == [[provider_admin.email]]
    assert "slutar snart gälla" in mail.outbox[0].subject
    assert send_level_decision_notices(today=decision.valid_until + timedelta(days=1)) == (0, 1)
    assert set(LevelDecisionNotice.objects.values_list("kind", flat=True)) == {"reminder", "lapsed"}
