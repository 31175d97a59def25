"""The quality-assurance API: queue, assignment, checklist, decisions, provider steps and the QA record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mimis.accounts import services as account_services
from mimis.catalog.models import MicroCredentialVersion
from mimis.quality import selectors
from tests.quality.conftest import all_met

pytestmark = pytest.mark.django_db


def client_for(user, *scopes: str) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = account_services.create_api_token(user=user, name="test", scopes=list(scopes))
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def post(client: Client, path: str, data=None):  # type: ignore[no-untyped-def]
    return client.post(path, data if data is not None else {}, content_type="application/json")


def test_a_microcredential_goes_from_draft_to_published_through_the_api(
    draft, provider_editor, reviewer, coordinator
):
    mc = draft.microcredential.pk
    editor = client_for(provider_editor, "read", "write")
    maria = client_for(reviewer, "read", "review")
    per = client_for(coordinator, "read", "review")

    submitted = post(editor, f"/api/v1/microcredentials/{mc}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["qa_record"] is None
    waiting = per.get("/api/v1/quality/submissions").json()
    assert waiting == [
        {
            "microcredential_id": mc,
            "slug": draft.microcredential.slug,
            "version": 1,
            "title": "Demensvård – grunder",
            "provider": "hkr",
            "status": "submitted",
            "reviewers_needed": 1,
            "reviewers_assigned": 0,
        }
    ]
    assigned = post(per, "/api/v1/quality/reviews", {"microcredential_id": mc, "reviewer": reviewer.email})
    assert assigned.status_code == 201
    review_id = assigned.json()["id"]
    [queued] = maria.get("/api/v1/quality/queue").json()
    assert (queued["id"], queued["status"], queued["overdue"]) == (review_id, "assigned", False)

    started = post(maria, f"/api/v1/quality/reviews/{review_id}/start").json()
    assert started["status"] == "in_progress" and len(started["content_hash"]) == 64
    checklist = [
        {
            "criterion": "eu-transparency",
            "result": "not_met",
            "comment": "Säg vem den är för.",
            "element": "summary",
        }
    ]
    assessed = maria.put(
        f"/api/v1/quality/reviews/{review_id}/assessments", checklist, content_type="application/json"
    )
    assert assessed.json()["assessments"] == checklist
    decided = post(
        maria,
        f"/api/v1/quality/reviews/{review_id}/decision",
        {
            "outcome": "changes_requested",
            "rationale": "Målgruppen saknas.",
            "content_hash": started["content_hash"],
        },
    )
    assert decided.status_code == 201 and decided.json()["outcome"] == "changes_requested"
    feedback = editor.get(f"/api/v1/microcredentials/{mc}/decisions").json()
    assert feedback[0]["assessments"][1] == {**checklist[0]}

    fixed = editor.patch(
        f"/api/v1/microcredentials/{mc}/draft",
        {"summary": "För undersköterskor som möter personer med demens."},
        content_type="application/json",
    )
    assert fixed.status_code == 200
    assert post(editor, f"/api/v1/microcredentials/{mc}/submit").json()["status"] == "submitted"
    restarted = post(maria, f"/api/v1/quality/reviews/{review_id}/start").json()
    maria.put(
        f"/api/v1/quality/reviews/{review_id}/assessments",
        all_met(selectors.review_for(review_id=review_id, user=reviewer)),
        content_type="application/json",
    )
    review_by = (timezone.localdate() + timedelta(days=3 * 365)).isoformat()  # ahead, whenever this runs
    approved = post(
        maria,
        f"/api/v1/quality/reviews/{review_id}/decision",
        {
            "outcome": "approved",
            "rationale": "Uppfyller kriterierna.",
            "review_by": review_by,
            "content_hash": restarted["content_hash"],
        },
    )
    assert approved.status_code == 201 and approved.json()["review_by"] == review_by
    published = post(editor, f"/api/v1/microcredentials/{mc}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"

    record = Client().get(f"/api/v1/microcredentials/{mc}").json()["qa_record"]
    assert record == {
        "qa_body": "Kvalitetsrådet",
        "qa_body_slug": "kvalitet",
        "decided_at": approved.json()["decided_at"].replace("+00:00", "Z"),
        "criteria_version": 1,
        "outcome": "approved",
        "review_by": review_by,
        "lapsed": False,
    }
    assert Client().get(f"/api/v1/microcredentials/{mc}/qa-record").json() == record


def test_the_api_refuses_with_the_exact_code_and_nothing_changes(
    checked, reviewer, provider_editor, other_admin
):
    maria = client_for(reviewer, "read", "review")
    path = f"/api/v1/quality/reviews/{checked.pk}/decision"
    no_rationale = post(maria, path, {"outcome": "approved", "rationale": " "})
    assert (no_rationale.status_code, no_rationale.json()["code"]) == (422, "rationale_required")
    assert no_rationale.json()["message"] == "Ange skälen för beslutet."
    stale = post(maria, path, {"outcome": "approved", "rationale": "Bra.", "content_hash": "f" * 64})
    assert (stale.status_code, stale.json()["code"]) == (409, "version_changed")
    wrong = post(maria, path, {"outcome": "maybe", "rationale": "Bra."})
    assert (wrong.status_code, wrong.json()["field"]) == (422, "outcome")
    read_only = post(client_for(reviewer, "read"), path, {"outcome": "approved", "rationale": "Bra."})
    assert (read_only.status_code, read_only.json()["code"]) == (403, "insufficient_scope")
    outsider = post(
        client_for(other_admin, "read", "review"), path, {"outcome": "approved", "rationale": "Bra."}
    )
    assert outsider.status_code == 404
    editor = client_for(provider_editor, "read", "review")
    assert post(editor, path, {"outcome": "approved", "rationale": "Bra."}).status_code == 404
    assert MicroCredentialVersion.objects.get(pk=checked.version_id).status == "in_review"
    mc = checked.version.microcredential_id
    early = post(client_for(provider_editor, "write"), f"/api/v1/microcredentials/{mc}/publish")
    assert (early.status_code, early.json()["code"]) == (409, "transition_not_allowed")
    assert early.json()["message"] == "Det steget går inte när mikromeriten är ”under granskning”."


def test_an_organisation_token_of_another_organisation_cannot_submit(draft, provider_editor, other_provider):
    from mimis.accounts.models import Membership

    Membership.objects.create(user=provider_editor, organisation=other_provider, role="editor")
    _token, secret = account_services.create_api_token(
        user=provider_editor, name="org", scopes=["write"], organisation=other_provider
    )
    response = post(
        Client(HTTP_AUTHORIZATION=f"Bearer {secret}"),
        f"/api/v1/microcredentials/{draft.microcredential_id}/submit",
    )
    assert response.status_code == 404


def test_criteria_are_public_and_region_admins_publish_new_versions(region_admin, coordinator):
    current = Client().get("/api/v1/quality/criteria").json()
    assert current["number"] == 1 and len(current["criteria"]) == 16
    assert current["criteria"][0] == {
        "code": "eu-quality",
        "group": "eu_principle",
        "title": "Kvalitet",
        "title_en": "Quality",
        "guidance": current["criteria"][0]["guidance"],
        "guidance_en": current["criteria"][0]["guidance_en"],
    }
    body = {"notes": "Ny", "criteria": [{"code": "a", "group": "eu_principle", "title": "A"}]}
    refused = post(client_for(coordinator, "admin"), "/api/v1/quality/criteria", body)
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed_to_publish_criteria")
    created = post(client_for(region_admin, "admin"), "/api/v1/quality/criteria", body)
    assert created.status_code == 201 and created.json()["number"] == 2
    assert Client().get("/api/v1/quality/criteria/1").json()["number"] == 1
    assert Client().get("/api/v1/quality/criteria/9").status_code == 404


def test_the_qa_record_of_an_unpublished_microcredential_is_not_found(submitted):
    assert (
        Client().get(f"/api/v1/microcredentials/{submitted.microcredential_id}/qa-record").status_code == 404
    )
    assert (
        Client().get(f"/api/v1/microcredentials/{submitted.microcredential_id}?version=1").status_code == 404
    )
