"""The API contract at /api/v1/validation: the same steps and checks as the pages."""

from __future__ import annotations

import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mimis.accounts import services as account_services
from mimis.validation import services
from tests.validation.conftest import PDF


def api_for(user, scopes):  # type: ignore[no-untyped-def]
    _t, secret = account_services.create_api_token(user=user, name="t", scopes=scopes)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_whole_chain_over_the_api(
    version, learner, assessor, outsider, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    person = api_for(learner, ["read", "write"])
    created = person.post(
        "/api/v1/validation/cases",
        {"microcredential": version.microcredential.slug},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    case_id = created.json()["id"]
    base = f"/api/v1/validation/cases/{case_id}"
    outcomes = [j["outcome"] for j in created.json()["judgements"]]
    answers = [{"outcome": o, "frequency": "often", "where_learned": "På jobbet"} for o in outcomes]
    assert person.put(f"{base}/self-assessment", answers, content_type="application/json").status_code == 200
    upload = person.post(
        f"{base}/evidence/file",
        {
            "title": "Intyg",
            "outcomes": outcomes,
            "file": SimpleUploadedFile("intyg.pdf", PDF, "application/pdf"),
        },
    )
    assert upload.status_code == 201, upload.json()
    refused = person.post(
        f"{base}/evidence/file",
        {
            "title": "Program",
            "outcomes": outcomes,
            "file": SimpleUploadedFile("x.pdf", b"MZ\x90", "application/pdf"),
        },
    )
    assert refused.status_code == 422 and refused.json()["code"] == "validation_bad_upload"
    link = person.post(
        f"{base}/evidence/link",
        {"url": "https://example.org/portfolio", "title": "Portfolio", "outcomes": outcomes[:1]},
        content_type="application/json",
    )
    assert link.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        asked = person.post(
            f"{base}/statements",
            {"email": "chef@example.se", "title": "Chefens intyg", "outcomes": outcomes},
            content_type="application/json",
        )
    assert asked.status_code == 201
    token = re.search(r"/validering/intyg/([^/\s]+)/", mail.outbox[-1].body).group(1)
    assert token not in str(asked.json())
    services.confirm_statement(
        token=token,
        name="Chef",
        role="Enhetschef",
        organisation="Hemtjänst",
        observed="Såg det.",
        observed_period="2025",
    )
    assert person.post(f"{base}/submit").status_code == 200

    assert api_for(outsider, ["read", "write", "issue"]).get(base).status_code == 404
    assert person.post(f"{base}/assessor", {}, content_type="application/json").status_code in (403, 404)

    judge = api_for(assessor, ["read", "issue"])
    assert judge.post(f"{base}/assessor", {}, content_type="application/json").status_code == 200
    early = judge.post(f"{base}/decision", {"rationale": "x"}, content_type="application/json")
    assert early.status_code == 422 and early.json()["code"] == "validation_judgements_missing"
    judged = judge.put(
        f"{base}/judgements",
        [{"outcome": o, "result": "met"} for o in outcomes],
        content_type="application/json",
    )
    assert judged.status_code == 200
    decided = judge.post(f"{base}/decision", {"rationale": "Allt visat."}, content_type="application/json")
    assert decided.status_code == 200
    body = decided.json()
    assert body["state"] == "decided" and body["outcome"] == "full" and body["credential"]
    assert [j["result"] for j in body["judgements"]] == ["met"] * len(outcomes)
    assert [c["id"] for c in person.get("/api/v1/validation/cases").json()] == [case_id]
