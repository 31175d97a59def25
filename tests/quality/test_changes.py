"""After a resubmission the reviewer sees what changed since the last decision, element by element."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.accounts import services as account_services
from mimis.catalog import services as catalog_services
from mimis.catalog.models import CoDesigner
from mimis.quality import changes, selectors
from mimis.quality import services as quality
from mimis.quality.models import Decision
from tests.conftest import verified_client
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(changes_requested, provider_editor, skills):
    version = changes_requested.version
    catalog_services.update_draft(
        version=version,
        acting_user=provider_editor,
        summary="Grunder i personcentrerad demensvård för undersköterskor.",
        workload_hours=60,
    )
    catalog_services.set_learning_outcomes(
        version=version,
        acting_user=provider_editor,
        outcomes=[
            {"text": "Beskriva hur demens påverkar omsorgen.", "skills": [skills[0].pk, skills[2].pk]},
        ],
    )
    quality.resubmit_version(version=version, acting_user=provider_editor)
    return changes_requested.review


class TestTheDecisionKeepsItsContent:
    def test_a_decision_stores_the_content_the_hash_was_computed_from(self, changes_requested):
        decision = Decision.objects.get(pk=changes_requested.pk)
        content = dict(decision.content)
        assert content.pop("co_designers") == []
        assert content["summary"] == "Grunder i personcentrerad demensvård."
        assert content["workload_hours"] == 40
        assert decision.content_hash == changes_requested.review.content_hash
        # Without the co-designers, it is exactly what the content hash is the SHA-256 of.
        assert selectors.content_hash(changes_requested.version) == decision.content_hash
        assert content == selectors._fresh_content(changes_requested.version)


class TestChangesSinceTheLastDecision:
    def test_a_resubmission_shows_exactly_the_changed_elements(self, resubmitted, changes_requested):
        found = selectors.changes_since_last_decision(resubmitted)
        assert found.decision.pk == changes_requested.pk
        assert [e.element for e in found.changed] == ["learning_outcomes", "summary", "workload_hours"]
        summary = next(e for e in found.changed if e.element == "summary")
        assert summary.before == "Grunder i personcentrerad demensvård."
        assert summary.after == "Grunder i personcentrerad demensvård för undersköterskor."
        assert [s for s in summary.after_segments if s.kind == "added"] == [
            changes.Segment("added", " för undersköterskor")
        ]
        assert [s for s in summary.before_segments if s.kind == "removed"] == []
        outcomes = next(e for e in found.changed if e.element == "learning_outcomes")
        assert "Demensvård" in outcomes.before and "Kundtjänst" not in outcomes.before
        assert "Kundtjänst" in outcomes.after and "Demensvård, " not in outcomes.after
        hours = next(e for e in found.changed if e.element == "workload_hours")
        assert (hours.before, hours.after) == ("40", "60")
        assert {e.element for e in found.unchanged} >= {"title", "seqf_level", "co_designers", "sectors"}

    def test_nothing_changed_when_resubmitted_as_it_was(self, changes_requested, provider_editor):
        quality.resubmit_version(version=changes_requested.version, acting_user=provider_editor)
        found = selectors.changes_since_last_decision(changes_requested.review)
        assert found.decision.pk == changes_requested.pk
        assert found.changed == []

    def test_a_first_review_has_nothing_to_compare_with(self, assigned):
        found = selectors.changes_since_last_decision(assigned)
        assert found.decision is None and found.elements == []

    def test_a_new_codesigner_is_a_changed_element(self, changes_requested, provider_editor):
        employer = OrganisationFactory(name="Kristianstads kommun", slug="kommun", kind="employer")
        CoDesigner.objects.create(
            microcredential=changes_requested.version.microcredential,
            organisation=employer,
            status="accepted",
        )
        found = selectors.changes_since_last_decision(changes_requested.review)
        assert [(e.element, e.before, e.after) for e in found.changed] == [
            ("co_designers", "", "Kristianstads kommun")
        ]

    def test_a_new_version_is_compared_with_the_approval_of_the_one_before(
        self, published, provider_editor, reviewer, coordinator
    ):
        microcredential = published.microcredential
        draft = catalog_services.start_new_version(
            microcredential=microcredential, acting_user=provider_editor
        )
        catalog_services.update_draft(
            version=draft, acting_user=provider_editor, title="Demensvård – fördjupning"
        )
        quality.submit_version(version=draft, acting_user=provider_editor)
        review = quality.assign_reviewer(version=draft, reviewer=reviewer, acting_user=coordinator)
        found = selectors.changes_since_last_decision(review)
        assert found.decision.version_id == published.pk and found.decision.outcome == "approved"
        assert [e.element for e in found.changed] == ["title"]

    def test_an_older_decision_without_a_copy_of_the_content_is_not_compared(self, resubmitted):
        Decision.objects.update(content={})
        assert selectors.changes_since_last_decision(resubmitted).decision is None


class TestTheReviewPage:
    def test_the_reviewer_sees_old_and_new_with_labelled_deletions_and_insertions(
        self, resubmitted, reviewer
    ):
        page = (
            verified_client(reviewer).get(reverse("quality:review", args=[resubmitted.pk])).content.decode()
        )
        assert "Vad som har ändrats sedan förra beslutet" in page
        assert "3 delar har ändrats." in page
        section = page[page.index('id="changes-title"') : page.index('id="content-title"')]
        assert section.index("Lärandemål och kompetenser") < section.index("Sammanfattning")
        assert (
            '<ins><span class="visually-hidden">[tillagt: </span> för undersköterskor'
            '<span class="visually-hidden">]</span></ins>'
        ) in section
        assert '<del><span class="visually-hidden">[borttaget: </span>40' in section
        assert "Före" in section and "Nu" in section
        assert 'id="change-title"' not in section

    def test_the_english_page_says_the_same_in_english(self, resubmitted, reviewer):
        page = verified_client(reviewer).get("/en" + reverse("quality:review", args=[resubmitted.pk])).content
        page = page.decode()
        assert "What changed since the last decision" in page
        assert "3 elements changed." in page
        assert "[added: </span> för undersköterskor" in page


class TestTheApi:
    def test_changes_of_a_review_through_the_api(self, resubmitted, changes_requested, reviewer):
        from django.test import Client

        _token, secret = account_services.create_api_token(user=reviewer, name="test", scopes=["read"])
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
            f"/api/v1/quality/reviews/{resubmitted.pk}/changes"
        )
        assert response.status_code == 200
        body = response.json()
        assert body["since_decision"] == changes_requested.pk
        assert body["since_version"] == 1
        assert body["outcome"] == "changes_requested"
        assert body["changed"] == ["learning_outcomes", "summary", "workload_hours"]
        hours = next(e for e in body["elements"] if e["element"] == "workload_hours")
        assert hours["before_segments"] == [{"kind": "removed", "text": "40"}]
        assert hours["after_segments"] == [{"kind": "added", "text": "60"}]

    def test_someone_else_gets_404(self, resubmitted, provider_editor):
        from django.test import Client

        _token, secret = account_services.create_api_token(user=provider_editor, name="t", scopes=["read"])
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
            f"/api/v1/quality/reviews/{resubmitted.pk}/changes"
        )
        assert response.status_code == 404
