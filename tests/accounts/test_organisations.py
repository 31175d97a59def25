"""Organisations apply to join; a region admin approves or rejects; members edit their own organisation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from mimis.accounts import services
from mimis.accounts.errors import OrganisationNotPending, SlugTaken
from mimis.accounts.models import Organisation, OrganisationStatus
from mimis.audit.models import AuditEntry
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from tests.conftest import verified_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestRegisterOrganisation:
    def test_applicant_becomes_admin_of_a_pending_organisation_and_the_region_is_told(
        self, region_admin, on_commit
    ):
        applicant = UserFactory()
        with on_commit():
            organisation = services.register_organisation(
                acting_user=applicant, name="Folkhögskolan Nordost", kind="education_provider"
            )
        assert organisation.status == OrganisationStatus.PENDING
        assert organisation.slug == "folkhogskolan-nordost"
        assert set(applicant.memberships.values_list("role", flat=True)) == {"admin"}
        assert mail.outbox[-1].to == [region_admin.email]

    def test_nobody_can_apply_to_become_a_region(self, db):
        with pytest.raises(ValidationFailed) as excinfo:
            services.register_organisation(acting_user=UserFactory(), name="Fake Region", kind="region")
        assert excinfo.value.field == "kind"
        assert Organisation.objects.count() == 0

    def test_taken_short_name_is_refused(self, provider):
        with pytest.raises(SlugTaken):
            services.register_organisation(
                acting_user=UserFactory(), name="X", kind="employer", slug=provider.slug
            )

    def test_application_through_the_page(self, learner):
        client = verified_client(learner)
        response = client.post(
            reverse("accounts:organisation_create"),
            {
                "name": "Österlens Bageri AB",
                "kind": "employer",
                "slug": "",
                "website": "bageri.example.se",
            },
        )
        organisation = Organisation.objects.get()
        assert response["Location"] == reverse("accounts:organisation_detail", args=[organisation.slug])
        assert organisation.website == "https://bageri.example.se"


class TestDecideOrganisation:
    def test_region_admin_approves_and_the_applicant_can_work(self, region_admin, on_commit):
        applicant = UserFactory()
        organisation = services.register_organisation(acting_user=applicant, name="Bageriet", kind="employer")
        with on_commit():
            services.decide_organisation(organisation=organisation, acting_user=region_admin, approve=True)
        organisation.refresh_from_db()
        assert organisation.status == OrganisationStatus.APPROVED
        assert mail.outbox[-1].to == [applicant.email]
        assert AuditEntry.objects.filter(
            action="organisation.approved", object_id=str(organisation.pk)
        ).exists()

    def test_rejection_needs_a_reason(self, region_admin):
        organisation = services.register_organisation(acting_user=UserFactory(), name="X", kind="employer")
        with pytest.raises(ValidationFailed):
            services.decide_organisation(organisation=organisation, acting_user=region_admin, approve=False)
        organisation.refresh_from_db()
        assert organisation.status == OrganisationStatus.PENDING

    def test_only_region_admins_decide(self, provider_admin):
        organisation = services.register_organisation(acting_user=UserFactory(), name="X", kind="employer")
        with pytest.raises(PermissionDenied):
            services.decide_organisation(organisation=organisation, acting_user=provider_admin, approve=True)

    def test_a_decision_is_final(self, region_admin, provider):
        with pytest.raises(OrganisationNotPending):
            services.decide_organisation(
                organisation=provider, acting_user=region_admin, approve=False, reason="x"
            )

    def test_decision_through_the_page(self, region_admin):
        organisation = services.register_organisation(
            acting_user=UserFactory(), name="Bageriet", kind="employer"
        )
        client = verified_client(region_admin)
        page = client.get(reverse("accounts:organisation_applications"))
        assert "Bageriet" in page.content.decode()
        client.post(
            reverse("accounts:organisation_applications"),
            {"organisation": organisation.pk, "decision": "reject", "reason": "Okänd verksamhet"},
        )
        organisation.refresh_from_db()
        assert organisation.status == OrganisationStatus.REJECTED


class TestEditOrganisation:
    def test_admin_edits_own_organisation(self, provider, provider_admin):
        verified_client(provider_admin).post(
            reverse("accounts:organisation_edit", args=[provider.slug]),
            {
                "name": "Högskolan Kristianstad (HKR)",
                "description": "Ny text",
            },
        )
        provider.refresh_from_db()
        assert provider.name == "Högskolan Kristianstad (HKR)"

    def test_admin_of_another_organisation_cannot_edit(self, provider, other_admin):
        with pytest.raises(NotFound):
            services.update_organisation(
                organisation=provider,
                acting_user=other_admin,
                name="Hijacked",
                description="",
                website="",
                municipality="",
                organisation_number="",
            )
        provider.refresh_from_db()
        assert provider.name == "Högskolan Kristianstad"

    def test_public_list_shows_only_approved_organisations(self, provider, client):
        services.register_organisation(acting_user=UserFactory(), name="Väntande förening", kind="union")
        body = client.get(reverse("accounts:organisation_list")).content.decode()
        assert "Högskolan Kristianstad" in body
        assert "Väntande förening" not in body
