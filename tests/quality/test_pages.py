"""Tried as a new user would, in the browser: a provider submits, a reviewer requests changes on one element,
the provider fixes it, the reviewer approves, and it appears publicly with its quality-assurance record."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mimis.catalog.models import MicroCredentialVersion
from mimis.quality import selectors
from mimis.quality.models import Endorsement, Review
from tests.conftest import signed_in, verified_client
from tests.factories import member

pytestmark = pytest.mark.django_db


def text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def follow_message(client, response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302
    return text(client.get(response["Location"]))


def test_submit_review_fix_approve_and_publish_in_the_browser(
    draft, provider_editor, reviewer, coordinator, django_capture_on_commit_callbacks
):
    slug = draft.microcredential.slug
    editor = verified_client(provider_editor)
    preview = text(editor.get(reverse("catalog:edit", args=[slug, "preview"])))
    assert "Skicka för granskning" in preview
    page = follow_message(editor, editor.post(reverse("quality:submit", args=[slug])))
    assert "Skickad för granskning. Ni får ett e-postmeddelande när granskaren har beslutat." in page
    assert "Status: <strong>Skickad för granskning</strong>" in page

    per = verified_client(coordinator)
    queue = text(per.get(reverse("quality:queue")))
    assert "Väntar på granskare" in queue and "Demensvård – grunder" in queue
    with django_capture_on_commit_callbacks(execute=True):
        per.post(reverse("quality:assign", args=[draft.pk]), {"reviewer": reviewer.pk})
    review = Review.objects.get(version=draft)
    assert mail.outbox[-1].subject == "En mikromerit att granska: Demensvård – grunder"

    maria = verified_client(reviewer)
    queue = text(maria.get(reverse("quality:queue")))
    assert "Mina granskningar" in queue and reverse("quality:review", args=[review.pk]) in queue
    page = text(maria.get(reverse("quality:review", args=[review.pk])))
    assert "Starta granskningen" in page
    page = follow_message(maria, maria.post(reverse("quality:start", args=[review.pk])))
    assert "Granskningen har startat." in page and "Spara checklistan" in page
    assert 'name="result-eu-transparency"' in page
    review.refresh_from_db()
    checklist = {"content_hash": review.content_hash}
    for criterion in selectors.criteria_of(review.criteria_version):
        checklist[f"result-{criterion.code}"] = "met"
    checklist["result-eu-transparency"] = "not_met"
    checklist["comment-eu-transparency"] = "Sammanfattningen säger inte vem kursen är till för."
    checklist["element-eu-transparency"] = "summary"
    page = follow_message(maria, maria.post(reverse("quality:checklist", args=[review.pk]), checklist))
    assert "Checklistan är sparad." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = maria.post(
            reverse("quality:decide", args=[review.pk]),
            {
                "outcome": "changes_requested",
                "rationale": "Förtydliga målgruppen.",
                "content_hash": review.content_hash,
            },
        )
    assert "Utfärdaren har ombetts att göra ändringarna." in follow_message(maria, response)
    assert mail.outbox[-1].subject == "Ändringar begärs: Demensvård – grunder"

    preview = text(editor.get(reverse("catalog:edit", args=[slug, "preview"])))
    assert "Granskaren ber om de här ändringarna" in preview
    assert "Sammanfattningen säger inte vem kursen är till för." in preview
    assert reverse("catalog:edit", args=[slug, "basics"]) in preview
    assert "Skicka tillbaka för granskning" in preview
    basics = text(editor.get(reverse("catalog:edit", args=[slug, "basics"])))
    assert "Granskare: Sammanfattningen säger inte vem kursen är till för." in basics
    editor.post(
        reverse("catalog:edit", args=[slug, "basics"]),
        {
            "title": "Demensvård – grunder",
            "summary": "För undersköterskor och vårdbiträden: grunder i personcentrerad demensvård.",
            "languages": ["sv"],
            "target_groups": ["health_social_care"],
            "stay": "1",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = follow_message(editor, editor.post(reverse("quality:submit", args=[slug])))
    assert "Skickad tillbaka till granskaren med era ändringar." in page
    assert mail.outbox[-1].subject == "Ändrad och skickad för ny granskning: Demensvård – grunder"

    maria.post(reverse("quality:start", args=[review.pk]))
    review.refresh_from_db()
    checklist.update(
        {
            "content_hash": review.content_hash,
            "result-eu-transparency": "met",
            "comment-eu-transparency": "Nu tydligt.",
        }
    )
    maria.post(reverse("quality:checklist", args=[review.pk]), checklist)
    with django_capture_on_commit_callbacks(execute=True):
        maria.post(
            reverse("quality:decide", args=[review.pk]),
            {
                "outcome": "approved",
                "rationale": "Uppfyller kriterierna.",
                "content_hash": review.content_hash,
            },
        )
    assert mail.outbox[-1].subject == "Godkänd: Demensvård – grunder"

    preview = text(editor.get(reverse("catalog:edit", args=[slug, "preview"])))
    assert "Godkänd av Kvalitetsrådet" in preview
    response = editor.post(reverse("quality:publish", args=[slug]))
    assert response["Location"] == reverse("catalog:detail", args=[slug])
    public = text(Client().get(response["Location"]))
    assert '<span class="tag tag-ok">Kvalitetssäkrad</span>' in public
    assert "Granskad av" in public and "Kvalitetsrådet" in public
    assert "Kriterieversion 1" in public and "Godkänd" in public
    draft.refresh_from_db()
    assert "Nästa granskning" in public and str(draft.review_by.year) in public


def test_the_queue_marks_overdue_reviews(assigned, reviewer):
    Review.objects.filter(pk=assigned.pk).update(due_at=timezone.now() - timezone.timedelta(days=2))
    page = text(verified_client(reviewer).get(reverse("quality:queue")))
    assert '<span class="tag tag-error">Försenad</span>' in page


def test_a_review_is_not_found_for_anyone_but_its_reviewer_and_coordinators(
    assigned, other_reviewer, foreign_reviewer, provider_editor, coordinator
):
    path = reverse("quality:review", args=[assigned.pk])
    assert verified_client(coordinator).get(path).status_code == 200
    for user in (other_reviewer, foreign_reviewer, provider_editor):
        assert verified_client(user).get(path).status_code == 404


def test_a_decision_without_rationale_shows_the_reason_and_changes_nothing(checked, reviewer):
    maria = verified_client(reviewer)
    response = maria.post(
        reverse("quality:decide", args=[checked.pk]),
        {"outcome": "approved", "rationale": "", "content_hash": checked.content_hash},
    )
    assert "Ange skälen för beslutet." in follow_message(maria, response)
    assert MicroCredentialVersion.objects.get(pk=checked.version_id).status == "in_review"


def test_a_decision_on_changed_content_shows_the_reason(checked, reviewer):
    MicroCredentialVersion.objects.filter(pk=checked.version_id).update(summary="Ändrad.")
    maria = verified_client(reviewer)
    response = maria.post(
        reverse("quality:decide", args=[checked.pk]),
        {"outcome": "approved", "rationale": "Bra.", "content_hash": checked.content_hash},
    )
    assert "Mikromeriten har ändrats sedan granskningen startade." in follow_message(maria, response)


def test_the_criteria_are_public_and_region_admins_publish_a_new_version(region_admin):
    page = text(signed_in(member_of_nothing()).get(reverse("quality:criteria")))
    assert "Granskningskriterier" in page and "Transparens" in page and "Lätt att navigera" in page
    assert "Kriterieversion 1" in page
    admin = verified_client(region_admin)
    form = text(admin.get(reverse("quality:criteria_new")))
    assert 'value="eu-quality"' in form
    data = {"notes": "Ny version"}
    for index in range(19):
        data.update({f"code-{index}": "", f"group-{index}": "eu_principle", f"title-{index}": ""})
    data.update(
        {"code-0": "eu-quality", "title-0": "Kvalitet", "code-1": "skane-digital", "title-1": "Digital"}
    )
    data["group-1"] = "design_factor"
    response = admin.post(reverse("quality:criteria_new"), data)
    assert response.status_code == 302
    assert selectors.current_criteria_version().number == 2
    assert verified_client(member_of_nothing()).get(reverse("quality:criteria_new")).status_code == 403


def member_of_nothing():  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory()


def test_an_employer_endorses_a_published_microcredential_and_anyone_can_verify_it(published, employer):
    lena = member(employer, "editor", name="Lena Ström")
    slug = published.microcredential.slug
    browser = verified_client(lena)
    page = text(browser.get(reverse("catalog:detail", args=[slug])))
    assert "Rekommendera den här mikromeriten" in page
    response = browser.post(
        reverse("quality:endorse", args=[slug]),
        {"organisation": employer.slug, "comment": "Precis det våra undersköterskor behöver."},
    )
    page = follow_message(browser, response)
    assert "Tack. Er signerade rekommendation visas på sidan." in page
    assert "Rekommenderas av" in page and "Precis det våra undersköterskor behöver." in page
    assert "Rekommendera den här mikromeriten" not in page  # once per organisation and version
    endorsement = Endorsement.objects.get()
    check = text(
        signed_in(member_of_nothing()).get(reverse("quality:endorsement", args=[slug, endorsement.pk]))
    )
    assert '<span class="tag tag-ok">Verifierad</span>' in check
    assert "Kristianstads kommun" in check
    download = browser.get(reverse("quality:endorsement_json", args=[slug, endorsement.pk]))
    assert download.json()["type"] == ["VerifiableCredential", "EndorsementCredential"]


def test_reviewers_see_the_review_queue_in_the_menu_and_on_their_start_page(assigned, reviewer):
    page = text(verified_client(reviewer).get(reverse("core:dashboard")))
    assert f'href="{reverse("quality:queue")}"' in page
    assert "1 granskning väntar på dig." in page
