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
    assert "Anordnaren har ombetts att göra ändringarna." in follow_message(maria, response)
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


def test_a_decision_without_rationale_shows_the_reason_at_the_field_and_keeps_the_input(checked, reviewer):
    maria = verified_client(reviewer)
    response = maria.post(
        reverse("quality:decide", args=[checked.pk]),
        {"outcome": "approved", "rationale": "   ", "review_by": "", "content_hash": checked.content_hash},
    )
    page = text(response)
    summary = page.split('<div class="error-summary" role="alert" tabindex="-1" autofocus>', 1)[1]
    assert '<a href="#id_rationale">Ange skälen för beslutet.</a>' in summary.split("</div>", 1)[0]
    rationale_group = page.split('for="id_rationale"', 1)[1].split("</textarea>", 1)[0]
    assert "Ange skälen för beslutet." in rationale_group and 'aria-invalid="true"' in rationale_group
    assert 'value="approved"' in page and 'value="approved" required id="id_outcome_0" checked' in page
    assert MicroCredentialVersion.objects.get(pk=checked.version_id).status == "in_review"


def test_a_decision_on_changed_content_shows_the_reason(checked, reviewer):
    MicroCredentialVersion.objects.filter(pk=checked.version_id).update(summary="Ändrad.")
    maria = verified_client(reviewer)
    response = maria.post(
        reverse("quality:decide", args=[checked.pk]),
        {"outcome": "approved", "rationale": "Bra.", "content_hash": checked.content_hash},
    )
    page = text(response)
    assert "Mikromeriten har ändrats sedan granskningen startade." in page
    assert "Bra.</textarea>" in page


def _checklist_post(review, **overrides: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {"content_hash": review.content_hash}
    for criterion in selectors.criteria_of(review.criteria_version):
        data[f"result-{criterion.code}"] = "met"
    data.update(overrides)
    return data


def test_one_submit_saves_the_checklist_and_records_the_decision(in_review, reviewer):
    """The reviewer fills in the checklist and decides without pressing "Spara checklistan"."""
    maria = verified_client(reviewer)
    page = text(maria.get(reverse("quality:review", args=[in_review.pk])))
    form = page.split(f'<form method="post" action="{reverse("quality:decide", args=[in_review.pk])}"', 1)[1]
    form = form.split("</form>", 1)[0]
    assert 'name="result-eu-transparency"' in form and 'name="rationale"' in form
    assert f'formaction="{reverse("quality:checklist", args=[in_review.pk])}"' in form
    data = _checklist_post(in_review, **{"comment-eu-transparency": "Tydlig målgrupp."})
    data.update({"outcome": "approved", "rationale": "Uppfyller kriterierna."})
    response = maria.post(reverse("quality:decide", args=[in_review.pk]), data)
    assert response.status_code == 302
    review = Review.objects.get(pk=in_review.pk)
    assert review.outcome == "approved"
    assert review.assessments.count() == len(selectors.criteria_of(review.criteria_version))
    assert review.assessments.get(criterion__code="eu-transparency").comment == "Tydlig målgrupp."
    assert review.decisions.get().assessments[0]["result"] == "met"


def test_a_refused_decision_keeps_the_checklist_saved_and_the_decision_typed(in_review, reviewer):
    maria = verified_client(reviewer)
    data = _checklist_post(
        in_review,
        **{"result-eu-transparency": "not_met", "comment-eu-transparency": "Målgruppen saknas."},
    )
    data.update({"outcome": "approved", "rationale": "Jag godkänner."})
    page = text(maria.post(reverse("quality:decide", args=[in_review.pk]), data))
    assert "Checklistan är sparad." in page
    assert "är inte uppfyllt, så mikromeriten kan inte godkännas. Begär ändringar." in page
    assert "Jag godkänner.</textarea>" in page
    assert 'name="result-eu-transparency" value="not_met" checked' in page
    review = Review.objects.get(pk=in_review.pk)
    assert review.status == "in_progress"
    assert review.assessments.get(criterion__code="eu-transparency").comment == "Målgruppen saknas."


def test_not_met_without_comment_is_shown_at_the_comment_and_nothing_typed_is_lost(in_review, reviewer):
    maria = verified_client(reviewer)
    data = _checklist_post(in_review, **{"result-eu-transparency": "not_met", "comment-eu-relevance": "Bra."})
    data.update({"outcome": "changes_requested", "rationale": "Förtydliga."})
    for url in ("quality:decide", "quality:checklist"):
        page = text(maria.post(reverse(url, args=[in_review.pk]), data))
        summary = page.split('role="alert" tabindex="-1" autofocus>', 1)[1].split("</div>", 1)[0]
        assert '<a href="#comment-eu-transparency">Skriv vad som måste ändras' in summary
        comment = page.split('<ul class="errorlist" id="comment-eu-transparency-error">', 1)[1]
        assert comment.split("</textarea>", 1)[0].endswith(
            'aria-invalid="true" aria-describedby="comment-eu-transparency-error">'
        )
        assert ">Bra.</textarea>" in page and "Förtydliga.</textarea>" in page
        assert 'name="result-eu-transparency" value="not_met" checked' in page
    assert not Review.objects.get(pk=in_review.pk).assessments.exists()


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


def _status_line(page: str) -> str:
    return page.split("<p>Status: ", 1)[1].split("</p>", 1)[0]


def test_the_providers_status_line_fits_each_state(
    draft, provider_editor, submitted, assigned, reviewer, django_capture_on_commit_callbacks
):
    from mimis.quality import services as quality
    from tests.quality.conftest import all_met

    editor = verified_client(provider_editor)
    preview = reverse("catalog:edit", args=[draft.microcredential.slug, "preview"])
    line = _status_line(text(editor.get(preview)))
    assert "granskas av Kvalitetsrådet" in line and "beslut senast" in line

    review = quality.start_review(review=assigned, acting_user=reviewer)
    quality.record_assessments(review=review, acting_user=reviewer, assessments=all_met(review))
    quality.record_assessments(
        review=review,
        acting_user=reviewer,
        assessments=[{"criterion": "eu-transparency", "result": "not_met", "comment": "Målgrupp?"}],
    )
    quality.request_changes(review=review, acting_user=reviewer, rationale="Förtydliga.")
    assert _status_line(text(editor.get(preview))) == (
        "<strong>Ändringar begärda</strong> – väntar på era ändringar"
    )

    quality.resubmit_version(version=draft, acting_user=provider_editor)
    review.refresh_from_db()
    quality.start_review(review=review, acting_user=reviewer)
    quality.record_assessments(review=review, acting_user=reviewer, assessments=all_met(review))
    quality.approve(review=review, acting_user=reviewer, rationale="Bra.")
    assert _status_line(text(editor.get(preview))) == "<strong>Godkänd</strong> – kan publiceras"

    quality.publish_version(version=draft, acting_user=provider_editor)
    draft.refresh_from_db()
    line = _status_line(text(editor.get(preview)))
    assert line.startswith("<strong>Publicerad</strong> – ny granskning senast ")
    assert str(draft.review_by.year) in line and "granskas av" not in line


def test_the_review_page_shows_target_groups_by_name(in_review, reviewer):
    MicroCredentialVersion.objects.filter(pk=in_review.version_id).update(
        target_groups=["health_social_care", "employees"]
    )
    page = text(verified_client(reviewer).get(reverse("quality:review", args=[in_review.pk])))
    facts = page.split('id="about-target_groups"', 1)[1].split("</dd>", 1)[0]
    assert "Vård och omsorg" in facts
    assert "health_social_care" not in facts and "employees" not in facts


def test_the_decision_email_names_the_element_as_authors_see_it(
    checked, reviewer, provider_editor, django_capture_on_commit_callbacks
):
    from mimis.quality import services as quality

    quality.record_assessments(
        review=checked,
        acting_user=reviewer,
        assessments=[
            {
                "criterion": "eu-transparency",
                "result": "not_met",
                "comment": "Beskriv bedömningen.",
                "element": "assessment_description",
            }
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        quality.request_changes(review=checked, acting_user=reviewer, rationale="Se kommentaren.")
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "assessment_description" not in body
        assert "Transparens (" in body and "): Beskriv bedömningen." in body


def test_the_queue_scrolls_on_a_phone_and_asks_before_taking_a_review_back(in_review, coordinator):
    page = text(verified_client(coordinator).get(reverse("quality:queue")))
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="body-title">' in page
    # A review in progress and not overdue: not offered to be taken back.
    assert reverse("quality:unassign", args=[in_review.pk]) not in page
    Review.objects.filter(pk=in_review.pk).update(due_at=timezone.now() - timezone.timedelta(days=1))
    page = text(verified_client(coordinator).get(reverse("quality:queue")))
    details = page.split('<details class="confirm">', 1)[1].split("</details>", 1)[0]
    assert reverse("quality:unassign", args=[in_review.pk]) in details
    assert "Maria Ek har startat granskningen." in details and "Ja, ta tillbaka granskningen" in details


def test_the_queue_of_a_reviewer_scrolls_as_a_region(assigned, reviewer):
    page = text(verified_client(reviewer).get(reverse("quality:queue")))
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="mine-title">' in page


def test_the_providers_start_page_says_what_to_do_after_a_decision(
    changes_requested, provider_editor, reviewer
):
    from mimis.quality import services as quality
    from tests.quality.conftest import all_met

    editor = verified_client(provider_editor)
    preview = reverse("catalog:edit", args=[changes_requested.version.microcredential.slug, "preview"])
    page = text(editor.get(reverse("core:dashboard")))
    assert "Gör ändringarna i ”Demensvård – grunder”" in page and f'href="{preview}"' in page

    version = changes_requested.version
    quality.resubmit_version(version=version, acting_user=provider_editor)
    review = Review.objects.get(version=version)
    quality.start_review(review=review, acting_user=reviewer)
    quality.record_assessments(review=review, acting_user=reviewer, assessments=all_met(review))
    quality.approve(review=review, acting_user=reviewer, rationale="Bra.")
    page = text(editor.get(reverse("core:dashboard")))
    assert "Publicera ”Demensvård – grunder”" in page and "Gör ändringarna" not in page


def test_a_version_under_review_tells_the_provider_what_they_can_do(submitted, provider_editor):
    editor = verified_client(provider_editor)
    response = editor.get(reverse("catalog:edit", args=[submitted.microcredential.slug, "basics"]))
    page = follow_message(editor, response)
    assert "Vänta på beslutet" in page and "dra tillbaka versionen" in page
    assert "Dra tillbaka den här versionen" in page
    assert "Starta en ny version för att göra ändringar." not in page
