"""Providers author versioned micro-credentials; published versions never change; publishing checks completeness."""

from __future__ import annotations

import pytest

from mimis.audit.models import AuditEntry
from mimis.catalog import services
from mimis.catalog.errors import DraftExists, UnknownConcept, VersionIncomplete, VersionNotEditable
from mimis.catalog.models import CoDesigner, MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.quality import services as quality
from mimis.quality.errors import TransitionNotAllowed
from tests.factories import OrganisationFactory, member, publish

pytestmark = pytest.mark.django_db


class TestCreateAndEdit:
    def test_editor_creates_a_draft_with_a_slug_and_an_audit_record(self, draft, provider):
        assert draft.number == 1
        assert draft.status == VersionStatus.DRAFT
        assert draft.microcredential.provider == provider
        assert draft.microcredential.slug == "demensvard-grunder"
        assert AuditEntry.objects.filter(action="microcredential.created").count() == 1

    def test_outsiders_get_not_found_and_viewers_are_refused(self, provider, other_admin):
        with pytest.raises(NotFound):
            services.create_microcredential(provider=provider, acting_user=other_admin, title="X")
        viewer = member(provider, "viewer")
        with pytest.raises(PermissionDenied):
            services.create_microcredential(provider=provider, acting_user=viewer, title="X")
        assert MicroCredential.objects.count() == 0

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("workload_hours", -5),
            ("workload_hours", 100000),
            ("workload_ects", "0"),
            ("workload_ects", "61"),
            ("workload_ects", "abc"),
            ("eqf_level", 9),
            ("seqf_level", 0),
            ("seqf_level", "4.5"),
            ("assessment_type", "vibes"),
            ("participation_form", ["teleportation"]),
            ("languages", ["svenska"]),
        ],
    )
    def test_bad_values_name_the_field_and_change_nothing(self, draft, provider_editor, field, value):
        before = MicroCredentialVersion.objects.values().get(pk=draft.pk)
        with pytest.raises(ValidationFailed) as excinfo:
            services.update_draft(version=draft, acting_user=provider_editor, **{field: value})
        assert excinfo.value.field == field
        assert MicroCredentialVersion.objects.values().get(pk=draft.pk) == before

    def test_learning_outcome_without_text_or_with_unknown_skill_is_refused(
        self, draft, provider_editor, skills
    ):
        with pytest.raises(ValidationFailed) as excinfo:
            services.set_learning_outcomes(
                version=draft,
                acting_user=provider_editor,
                outcomes=[{"text": "Ok", "skills": [skills[0].pk]}, {"text": "  "}],
            )
        assert excinfo.value.field == "learning_outcomes.2.text"
        with pytest.raises(UnknownConcept):
            services.set_learning_outcomes(
                version=draft, acting_user=provider_editor, outcomes=[{"text": "Ok", "skills": [999999]}]
            )
        assert [o.text for o in draft.learning_outcomes.all()] == ["Beskriva hur demens påverkar omsorgen."]

    def test_a_sector_must_be_an_industry_concept(self, draft, provider_editor, skills):
        with pytest.raises(UnknownConcept):
            services.update_draft(version=draft, acting_user=provider_editor, sectors=[skills[0].pk])

    def test_co_designing_organisation_may_edit(self, draft, provider_editor):
        employer = OrganisationFactory(kind="employer")
        employer_editor = member(employer, "editor")
        with pytest.raises(NotFound):
            services.update_draft(version=draft, acting_user=employer_editor, summary="Ny")
        CoDesigner.objects.create(
            microcredential=draft.microcredential, organisation=employer, status="accepted"
        )
        services.update_draft(version=draft, acting_user=employer_editor, summary="Ny")
        draft.refresh_from_db()
        assert draft.summary == "Ny"


class TestPublish:
    def test_checklist_lists_what_is_missing(self, provider, provider_editor):
        version = services.create_microcredential(provider=provider, acting_user=provider_editor, title="Tom")
        fields = [field for field, _ in services.missing_elements(version)]
        assert fields == [
            "summary",
            "learning_outcomes",
            "workload_hours",
            "seqf_level",
            "assessment_type",
            "participation_form",
            "quality_assurance",
            "languages",
        ]

    def test_incomplete_draft_cannot_be_sent_for_review(self, provider, provider_editor):
        version = services.create_microcredential(provider=provider, acting_user=provider_editor, title="Tom")
        with pytest.raises(VersionIncomplete) as excinfo:
            quality.submit_version(version=version, acting_user=provider_editor)
        assert excinfo.value.missing[0][0] == "summary"
        version.refresh_from_db()
        assert version.status == VersionStatus.DRAFT

    def test_nobody_publishes_a_draft_that_was_not_approved(self, draft, provider_admin, region_admin):
        with pytest.raises(TransitionNotAllowed):
            quality.publish_version(version=draft, acting_user=provider_admin)
        with pytest.raises(NotFound):
            quality.publish_version(version=draft, acting_user=region_admin)
        assert not hasattr(services, "publish_version")

    def test_published_version_is_immutable_and_editing_starts_a_new_version(self, draft, provider_editor):
        publish(draft)
        with pytest.raises(VersionNotEditable):
            services.update_draft(version=draft, acting_user=provider_editor, title="Ändrad")
        with pytest.raises(VersionNotEditable):
            services.set_learning_outcomes(version=draft, acting_user=provider_editor, outcomes=[])
        second = services.start_new_version(
            microcredential=draft.microcredential, acting_user=provider_editor
        )
        assert second.number == 2
        assert [o.text for o in second.learning_outcomes.all()] == [
            o.text for o in draft.learning_outcomes.all()
        ]
        assert list(second.sectors.all()) == list(draft.sectors.all())
        with pytest.raises(DraftExists):
            services.start_new_version(microcredential=draft.microcredential, acting_user=provider_editor)
        services.update_draft(version=second, acting_user=provider_editor, title="Demensvård – grunder, 2026")
        publish(second)
        draft.refresh_from_db()
        assert draft.status == VersionStatus.RETIRED
        assert draft.title == "Demensvård – grunder"
        assert AuditEntry.objects.filter(action="microcredential.published").count() == 2
