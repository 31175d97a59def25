"""Issue 16, "roles that do more than their name", decided in the capability table
(mimis/accounts/permissions.py) and held here:

* an organisation admin administers; issuing needs the issuer role (an admin who issues gives themselves
  the role, which the audit log records);
* a co-designing organisation designs a draft the provider has started; it does not start a new version
  of the provider's published micro-credential;
* a QA body's coordinator acts on that body's reviews only, on every page route (a submission waiting in the
  shared queue may be taken by any approved body's coordinator: that is the queue's purpose).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.catalog import services as catalog
from mimis.catalog.errors import ProviderStartsVersions
from mimis.errors import PermissionDenied
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential
from mimis.quality.models import Review, ReviewStatus
from tests.conftest import verified_client
from tests.factories import member

pytestmark = pytest.mark.django_db


class TestAdminIsNotIssuer:
    def test_an_admin_without_the_issuer_role_cannot_issue(self, published, provider_admin):
        with pytest.raises(PermissionDenied):
            issuing.issue_credential(
                version=published,
                email="anna@example.se",
                name="Anna",
                acting_user=provider_admin,
            )
        assert not Credential.objects.exists()

    def test_an_admin_who_also_holds_the_issuer_role_can(self, published, provider):
        admin_issuer = member(provider, "admin", "issuer")
        issued = issuing.issue_credential(
            version=published, email="anna@example.se", name="Anna", acting_user=admin_issuer
        )
        assert issued.created


class TestCoDesignerDoesNotStartVersions:
    def test_a_codesigner_cannot_start_a_new_version_of_the_published_microcredential(
        self, published, codesigner_editor
    ):
        with pytest.raises(ProviderStartsVersions):
            catalog.start_new_version(
                microcredential=published.microcredential, acting_user=codesigner_editor
            )
        assert published.microcredential.versions.count() == 1

    def test_nor_on_the_page(self, published, codesigner_editor):
        slug = published.microcredential.slug
        response = verified_client(codesigner_editor).post(
            reverse("catalog:new_version", args=[slug]), follow=True
        )
        assert "Bara anordnarens redaktörer startar en ny version" in response.content.decode()
        assert published.microcredential.versions.count() == 1

    def test_the_providers_editor_can_and_the_codesigner_then_edits_the_draft(
        self, published, provider_editor, codesigner_editor
    ):
        draft = catalog.start_new_version(
            microcredential=published.microcredential, acting_user=provider_editor
        )
        catalog.update_draft(version=draft, acting_user=codesigner_editor, title="Ny titel")
        draft.refresh_from_db()
        assert draft.title == "Ny titel"


class TestCoordinatorOfAnotherBody:
    @pytest.fixture
    def foreign_coordinator(self, other_qa_body):  # type: ignore[no-untyped-def]
        return member(other_qa_body, "admin", email="kim@blekinge.example.se", name="Kim Berg")

    def test_every_review_route_is_404_for_them(self, in_review, foreign_coordinator):
        browser = verified_client(foreign_coordinator)
        assert browser.get(reverse("quality:review", args=[in_review.pk])).status_code == 404
        for name in ("start", "checklist", "decide", "unassign"):
            assert browser.post(reverse(f"quality:{name}", args=[in_review.pk]), {}).status_code == 404, name
        review = Review.objects.get(pk=in_review.pk)
        assert review.status == ReviewStatus.IN_PROGRESS and review.reviewer_id == in_review.reviewer_id
