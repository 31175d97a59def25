"""Reviewing: assignment and round robin, conflicts of interest, the checklist, decisions and their refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mimis.accounts.models import Membership
from mimis.audit.models import AuditEntry
from mimis.audit.services import verify_chain
from mimis.catalog import services as catalog_services
from mimis.catalog.errors import VersionIncomplete
from mimis.catalog.models import CoDesigner, MicroCredentialVersion, VersionStatus
from mimis.quality import selectors
from mimis.quality import services as quality
from mimis.quality.errors import (
    AlreadyAssigned,
    ChecklistIncomplete,
    ConflictOfInterest,
    CriteriaNotMet,
    NotAReviewer,
    RationaleRequired,
    VersionChanged,
)
from mimis.quality.models import Decision, Review, ReviewStatus
from tests.factories import OrganisationFactory, member
from tests.quality.conftest import all_met

pytestmark = pytest.mark.django_db


def status_of(version) -> str:  # type: ignore[no-untyped-def]
    return MicroCredentialVersion.objects.get(pk=version.pk).status


class TestSubmitting:
    def test_a_version_lacking_a_mandatory_element_is_refused_and_stays_a_draft(
        self, provider, provider_editor
    ):
        version = catalog_services.create_microcredential(
            provider=provider, acting_user=provider_editor, title="Tom"
        )
        with pytest.raises(VersionIncomplete) as excinfo:
            quality.submit_version(version=version, acting_user=provider_editor)
        assert excinfo.value.code == "version_incomplete"
        assert excinfo.value.missing[0] == (
            "summary",
            "Beskriv med några meningar vad deltagaren kommer att kunna.",
        )
        assert status_of(version) == VersionStatus.DRAFT
        assert not AuditEntry.objects.filter(action="microcredential.submitted").exists()

    def test_a_submitted_version_can_no_longer_be_edited(self, submitted, provider_editor):
        from mimis.catalog.errors import VersionNotEditable

        with pytest.raises(VersionNotEditable):
            catalog_services.update_draft(version=submitted, acting_user=provider_editor, title="Ändrad")


class TestAssignment:
    def test_coordinator_assigns_a_reviewer_who_gets_an_email_with_the_due_date(
        self, submitted, reviewer, coordinator, on_commit
    ):
        with on_commit():
            review = quality.assign_reviewer(version=submitted, reviewer=reviewer, acting_user=coordinator)
        assert review.qa_body.slug == "kvalitet"
        assert review.assigned_by == coordinator
        assert review.status == ReviewStatus.ASSIGNED
        assert review.criteria_version.number == 1
        assert (review.due_at - review.assigned_at).days == 14
        assert [m.to for m in mail.outbox] == [["maria@kvalitet.example.se"]]
        assert mail.outbox[0].subject == "En mikromerit att granska: Demensvård – grunder"
        assert f"/quality/reviews/{review.pk}/" in mail.outbox[0].body

    def test_only_designated_reviewers_can_be_assigned(self, submitted, coordinator, qa_body):
        viewer = member(qa_body, "viewer")
        with pytest.raises(NotAReviewer):
            quality.assign_reviewer(version=submitted, reviewer=viewer, acting_user=coordinator)

    def test_a_coordinator_assigns_only_reviewers_of_their_own_body(
        self, submitted, coordinator, foreign_reviewer
    ):
        with pytest.raises(NotAReviewer):
            quality.assign_reviewer(version=submitted, reviewer=foreign_reviewer, acting_user=coordinator)

    def test_region_admin_may_assign_a_reviewer_of_any_body(self, submitted, region_admin, foreign_reviewer):
        review = quality.assign_reviewer(
            version=submitted, reviewer=foreign_reviewer, acting_user=region_admin
        )
        assert review.qa_body.slug == "kvalitet-blekinge"

    def test_one_reviewer_is_enough_below_the_configured_level(
        self, assigned, submitted, other_reviewer, coordinator
    ):
        with pytest.raises(AlreadyAssigned):
            quality.assign_reviewer(version=submitted, reviewer=other_reviewer, acting_user=coordinator)
        with pytest.raises(AlreadyAssigned):
            quality.assign_reviewer(version=submitted, reviewer=assigned.reviewer, acting_user=coordinator)

    def test_round_robin_gives_each_submission_to_the_reviewer_who_waited_longest(
        self, settings, provider, provider_editor, qa_body, draft
    ):
        settings.MIMIS_QA_AUTO_ASSIGN = True
        reviewers = [member(qa_body, "reviewer", name=f"Granskare {i}") for i in range(3)]
        chosen = []
        for index in range(4):
            version = draft if index == 0 else _complete_copy(draft, provider_editor, index)
            quality.submit_version(version=version, acting_user=provider_editor)
            review = Review.objects.get(version=version)
            assert review.assigned_by is None
            chosen.append(review.reviewer)
        assert chosen == [reviewers[0], reviewers[1], reviewers[2], reviewers[0]]
        entry = AuditEntry.objects.filter(action="quality.reviewer_assigned").first()
        assert entry.actor_label == "automatic assignment (round robin)"

    def test_round_robin_skips_reviewers_with_a_conflict_and_leaves_it_to_the_coordinator(
        self, settings, submitted, provider, qa_body, draft, provider_editor
    ):
        settings.MIMIS_QA_AUTO_ASSIGN = True
        conflicted = member(qa_body, "reviewer")
        Membership.objects.create(user=conflicted, organisation=provider, role="viewer")
        version = _complete_copy(draft, provider_editor, 1)
        quality.submit_version(version=version, acting_user=provider_editor)
        assert not Review.objects.filter(version=version).exists()
        assert version in selectors.awaiting_assignment()

    def test_a_second_reviewer_is_needed_from_the_configured_level(
        self, draft, provider_editor, reviewer, other_reviewer, coordinator, on_commit
    ):
        catalog_services.update_draft(version=draft, acting_user=provider_editor, seqf_level=6, eqf_level=6)
        quality.submit_version(version=draft, acting_user=provider_editor)
        first = quality.assign_reviewer(version=draft, reviewer=reviewer, acting_user=coordinator)
        assert draft in selectors.awaiting_assignment()
        second = quality.assign_reviewer(version=draft, reviewer=other_reviewer, acting_user=coordinator)
        assert (first.position, second.position) == (1, 2)
        assert draft not in selectors.awaiting_assignment()
        for review in (first, second):
            quality.start_review(review=review, acting_user=review.reviewer)
            quality.record_assessments(
                review=review, acting_user=review.reviewer, assessments=all_met(review)
            )
        # Review-by dates must lie ahead, within five years: relative to today, so the test never expires.
        later = timezone.localdate() + timedelta(days=3 * 365)
        earlier = timezone.localdate() + timedelta(days=2 * 365)
        quality.approve(review=first, acting_user=reviewer, rationale="Bra.", review_by=later.isoformat())
        assert status_of(draft) == VersionStatus.IN_REVIEW  # the second reviewer has not decided
        with on_commit():
            quality.approve(
                review=second, acting_user=other_reviewer, rationale="Bra.", review_by=earlier.isoformat()
            )
        draft.refresh_from_db()
        assert draft.status == VersionStatus.APPROVED
        assert draft.review_by == earlier  # the earlier of the two
        assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Godkänd: Demensvård – grunder"


def _complete_copy(draft, editor, index):  # type: ignore[no-untyped-def]
    from tests.catalog.conftest import COMPLETE

    version = catalog_services.create_microcredential(
        provider=draft.microcredential.provider, acting_user=editor, title=f"Kopia {index}", **COMPLETE
    )
    skill = draft.learning_outcomes.first().skills.first()
    catalog_services.set_learning_outcomes(
        version=version, acting_user=editor, outcomes=[{"text": "Kunna något.", "skills": [skill.pk]}]
    )
    return version


class TestConflictOfInterest:
    def test_a_member_of_the_provider_cannot_be_assigned(self, submitted, provider, qa_body, coordinator):
        insider = member(qa_body, "reviewer")
        Membership.objects.create(user=insider, organisation=provider, role="viewer")
        with pytest.raises(ConflictOfInterest) as excinfo:
            quality.assign_reviewer(version=submitted, reviewer=insider, acting_user=coordinator)
        assert excinfo.value.code == "conflict_of_interest"
        assert not Review.objects.exists()

    def test_a_member_of_a_codesigning_organisation_cannot_be_assigned(
        self, submitted, employer, qa_body, coordinator
    ):
        CoDesigner.objects.create(microcredential=submitted.microcredential, organisation=employer)
        codesigner = member(qa_body, "reviewer")
        Membership.objects.create(user=codesigner, organisation=employer, role="editor")
        with pytest.raises(ConflictOfInterest):
            quality.assign_reviewer(version=submitted, reviewer=codesigner, acting_user=coordinator)

    def test_reviewer_cannot_approve_own_organisations_microcredential(self, checked, reviewer, provider):
        Membership.objects.create(user=reviewer, organisation=provider, role="editor")
        with pytest.raises(ConflictOfInterest):
            quality.approve(review=checked, acting_user=reviewer, rationale="Jag gillar den.")
        assert status_of(checked.version) == VersionStatus.IN_REVIEW
        assert not Decision.objects.exists()

    def test_reviewer_cannot_go_on_when_their_organisation_became_a_codesigner(
        self, assigned, reviewer, qa_body, employer
    ):
        Membership.objects.create(user=reviewer, organisation=employer, role="viewer")
        CoDesigner.objects.create(microcredential=assigned.version.microcredential, organisation=employer)
        with pytest.raises(ConflictOfInterest):
            quality.start_review(review=assigned, acting_user=reviewer)
        assert Review.objects.get(pk=assigned.pk).status == ReviewStatus.ASSIGNED


class TestChecklist:
    def test_every_criterion_of_version_1_is_there(self):
        criteria = selectors.criteria_of(selectors.current_criteria_version())
        assert len(criteria) == 16
        assert [c.title for c in criteria[:3]] == ["Kvalitet", "Transparens", "Relevans"]
        assert {c.group for c in criteria[:10]} == {"eu_principle"}
        assert [c.title_en for c in criteria[10:]] == [
            "Adapted to the sector",
            "Easy to navigate",
            "Co-designed with the parties who will use it",
            "Complements formal education",
            "Quality-assured",
            "Built for national recognition",
        ]

    def test_a_criterion_not_met_needs_a_comment_and_may_point_at_an_element(self, in_review, reviewer):
        from mimis.errors import ValidationFailed

        with pytest.raises(ValidationFailed) as excinfo:
            quality.record_assessments(
                review=in_review,
                acting_user=reviewer,
                assessments=[{"criterion": "eu-relevance", "result": "not_met"}],
            )
        assert excinfo.value.field == "eu-relevance.comment"
        with pytest.raises(ValidationFailed) as excinfo:
            quality.record_assessments(
                review=in_review,
                acting_user=reviewer,
                assessments=[{"criterion": "eu-relevance", "result": "met", "element": "colour"}],
            )
        assert excinfo.value.field == "eu-relevance.element"
        with pytest.raises(ValidationFailed):
            quality.record_assessments(
                review=in_review, acting_user=reviewer, assessments=[{"criterion": "nope", "result": "met"}]
            )
        [saved] = quality.record_assessments(
            review=in_review,
            acting_user=reviewer,
            assessments=[
                {
                    "criterion": "eu-relevance",
                    "result": "not_met",
                    "comment": "Vilket behov?",
                    "element": "summary",
                }
            ],
        )
        assert (saved.result, saved.comment, saved.element) == ("not_met", "Vilket behov?", "summary")

    def test_deciding_without_rationale_is_refused_and_nothing_changes(self, checked, reviewer):
        for rationale in ("", "   "):
            with pytest.raises(RationaleRequired) as excinfo:
                quality.approve(review=checked, acting_user=reviewer, rationale=rationale)
            assert excinfo.value.code == "rationale_required"
            with pytest.raises(RationaleRequired):
                quality.request_changes(review=checked, acting_user=reviewer, rationale=rationale)
        assert status_of(checked.version) == VersionStatus.IN_REVIEW
        assert Review.objects.get(pk=checked.pk).status == ReviewStatus.IN_PROGRESS
        assert not Decision.objects.exists()

    def test_approving_needs_every_criterion_assessed_and_none_not_met(self, in_review, reviewer):
        with pytest.raises(ChecklistIncomplete) as excinfo:
            quality.approve(review=in_review, acting_user=reviewer, rationale="Bra.")
        assert excinfo.value.message == (
            "Bedöm varje kriterium innan du beslutar; ”Kvalitet” är inte bedömt ännu."
        )
        quality.record_assessments(review=in_review, acting_user=reviewer, assessments=all_met(in_review))
        quality.record_assessments(
            review=in_review,
            acting_user=reviewer,
            assessments=[{"criterion": "eu-portability", "result": "not_met", "comment": "Saknar plånbok."}],
        )
        with pytest.raises(CriteriaNotMet) as excinfo:
            quality.approve(review=in_review, acting_user=reviewer, rationale="Bra.")
        assert excinfo.value.code == "criteria_not_met"
        assert not Decision.objects.exists()

    def test_not_applicable_counts_as_assessed(self, checked, reviewer):
        quality.record_assessments(
            review=checked,
            acting_user=reviewer,
            assessments=[
                {"criterion": "skane-co-designed", "result": "not_applicable", "comment": "Ingen part."}
            ],
        )
        decision = quality.approve(review=checked, acting_user=reviewer, rationale="Uppfyller kriterierna.")
        assert decision.outcome == "approved"
        assert {a["criterion"]: a["result"] for a in decision.assessments}[
            "skane-co-designed"
        ] == "not_applicable"

    def test_the_review_by_date_must_lie_ahead(self, checked, reviewer):
        from mimis.errors import ValidationFailed

        for bad in ("2001-01-01", "inte ett datum", "2199-01-01"):
            with pytest.raises(ValidationFailed) as excinfo:
                quality.approve(review=checked, acting_user=reviewer, rationale="Bra.", review_by=bad)
            assert excinfo.value.field == "review_by"


class TestChangedVersion:
    def test_a_decision_on_a_version_that_changed_since_the_review_started_is_refused(
        self, checked, reviewer
    ):
        MicroCredentialVersion.objects.filter(pk=checked.version_id).update(summary="Ändrad bakom ryggen.")
        for step in (
            lambda: quality.approve(review=checked, acting_user=reviewer, rationale="Bra."),
            lambda: quality.request_changes(review=checked, acting_user=reviewer, rationale="Ändra."),
            lambda: quality.record_assessments(
                review=checked, acting_user=reviewer, assessments=all_met(checked)
            ),
        ):
            with pytest.raises(VersionChanged) as excinfo:
                step()
            assert excinfo.value.code == "version_changed"
        assert status_of(checked.version) == VersionStatus.IN_REVIEW
        assert not Decision.objects.exists()

    def test_a_decision_from_a_page_that_showed_other_content_is_refused(self, checked, reviewer):
        with pytest.raises(VersionChanged):
            quality.approve(review=checked, acting_user=reviewer, rationale="Bra.", expected_hash="0" * 64)
        decision = quality.approve(
            review=checked, acting_user=reviewer, rationale="Bra.", expected_hash=checked.content_hash
        )
        assert decision.content_hash == checked.content_hash


class TestChangesAndResubmission:
    def test_provider_fixes_the_element_and_the_reviewer_approves_the_new_content(
        self, changes_requested, provider_editor, reviewer, on_commit
    ):
        version = changes_requested.version
        assert status_of(version) == VersionStatus.CHANGES_REQUESTED
        assert selectors.requested_changes(version) == [
            {
                "criterion": "eu-transparency",
                "title": "Transparens",
                "title_en": "Transparency",
                "result": "not_met",
                "comment": "Sammanfattningen säger inte vem kursen är till för.",
                "element": "summary",
            }
        ]
        catalog_services.update_draft(
            version=version, acting_user=provider_editor, summary="För undersköterskor: grunder i demensvård."
        )
        with on_commit():
            quality.resubmit_version(version=version, acting_user=provider_editor)
        review = Review.objects.get(pk=changes_requested.review_id)
        assert (review.status, review.outcome, review.content_hash) == (ReviewStatus.ASSIGNED, "", "")
        assert mail.outbox[-1].to == ["maria@kvalitet.example.se"]
        assert mail.outbox[-1].subject == "Ändrad och skickad för ny granskning: Demensvård – grunder"
        quality.start_review(review=review, acting_user=reviewer)
        review.refresh_from_db()
        assert review.content_hash != changes_requested.content_hash
        quality.record_assessments(
            review=review,
            acting_user=reviewer,
            assessments=[{"criterion": "eu-transparency", "result": "met", "comment": "Nu tydligt."}],
        )
        quality.approve(review=review, acting_user=reviewer, rationale="Ändringen löser bristen.")
        assert status_of(version) == VersionStatus.APPROVED
        assert [d.outcome for d in selectors.decisions_of(version)] == ["approved", "changes_requested"]

    def test_the_provider_is_told_what_to_change_in_their_language(
        self, checked, reviewer, provider_editor, provider_admin, on_commit
    ):
        provider_admin.language = "en"
        provider_admin.save()
        quality.record_assessments(
            review=checked,
            acting_user=reviewer,
            assessments=[
                {"criterion": "eu-transparency", "result": "not_met", "comment": "Vem?", "element": "summary"}
            ],
        )
        with on_commit():
            quality.request_changes(review=checked, acting_user=reviewer, rationale="Förtydliga målgruppen.")
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        assert subjects == {
            "jonas@hkr.example.se": "Ändringar begärs: Demensvård – grunder",
            "karin@hkr.example.se": "Changes requested: Demensvård – grunder",
        }
        swedish = next(m for m in mail.outbox if m.to == ["jonas@hkr.example.se"])
        assert "Förtydliga målgruppen." in swedish.body
        assert "- Transparens (sammanfattning): Vem?" in swedish.body
        english = next(m for m in mail.outbox if m.to == ["karin@hkr.example.se"])
        assert "- Transparency (summary): Vem?" in english.body


class TestPublishing:
    def test_publishing_retires_the_version_published_before(
        self, published, provider_editor, reviewer, coordinator
    ):
        second = catalog_services.start_new_version(
            microcredential=published.microcredential, acting_user=provider_editor
        )
        assert second.review_by is None
        quality.submit_version(version=second, acting_user=provider_editor)
        review = quality.assign_reviewer(version=second, reviewer=reviewer, acting_user=coordinator)
        quality.start_review(review=review, acting_user=reviewer)
        quality.record_assessments(review=review, acting_user=reviewer, assessments=all_met(review))
        quality.approve(review=review, acting_user=reviewer, rationale="Bra.")
        quality.publish_version(version=second, acting_user=provider_editor)
        assert status_of(published) == VersionStatus.RETIRED
        assert status_of(second) == VersionStatus.PUBLISHED

    def test_withdrawing_cancels_the_open_reviews(self, in_review, provider_editor):
        quality.withdraw_version(version=in_review.version, acting_user=provider_editor, reason="Fel kurs.")
        assert Review.objects.get(pk=in_review.pk).status == ReviewStatus.CANCELLED
        assert not selectors.review_queue(reviewer=in_review.reviewer).exists()
        entry = AuditEntry.objects.get(action="microcredential.withdrawn")
        assert entry.data["reason"] == "Fel kurs." and entry.data["cancelled_reviews"] == [in_review.pk]


class TestQueue:
    def test_the_queue_shows_open_reviews_due_first_and_marks_overdue_ones(
        self, assigned, reviewer, draft, provider_editor, coordinator
    ):
        other = _complete_copy(draft, provider_editor, 1)
        quality.submit_version(version=other, acting_user=provider_editor)
        later = quality.assign_reviewer(version=other, reviewer=reviewer, acting_user=coordinator)
        Review.objects.filter(pk=assigned.pk).update(due_at=timezone.now() - timezone.timedelta(days=1))
        queue = list(selectors.review_queue(reviewer=reviewer))
        assert queue == [assigned, later]
        assert [r.is_overdue for r in queue] == [True, False]

    def test_a_coordinator_can_take_back_an_overdue_review_and_give_it_to_someone_else(
        self, in_review, coordinator, other_reviewer
    ):
        quality.unassign_review(review=in_review, acting_user=coordinator)
        assert status_of(in_review.version) == VersionStatus.SUBMITTED
        review = quality.assign_reviewer(
            version=in_review.version, reviewer=other_reviewer, acting_user=coordinator
        )
        assert review.position == 1


def test_the_audit_chain_stays_intact_through_the_workflow_and_notices_tampering(published):
    assert verify_chain().intact
    from django.db import connection

    entry = AuditEntry.objects.get(action="quality.approved")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET data = %s WHERE sequence = %s",
            ['{"rationale": "ändrad"}', entry.sequence],
        )
    report = verify_chain()
    assert (report.intact, report.first_bad_sequence) == (False, entry.sequence)


def test_a_new_organisation_body_must_be_approved_before_its_reviewers_count(submitted, coordinator):
    pending = OrganisationFactory(kind="qa_body", status="pending")
    waiting = member(pending, "reviewer")
    assert waiting not in [m.user for m in selectors.eligible_reviewers(submitted)]
