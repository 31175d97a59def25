"""Co-design: the provider invites an employer, union or association, who can then edit and comment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mimis.catalog import codesign
from mimis.catalog.errors import VersionNotEditable
from mimis.catalog.models import CoDesigner, Comment
from mimis.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.conftest import verified_client
from tests.factories import OrganisationFactory, member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return OrganisationFactory(name="Omsorgsförvaltningen", slug="omsorg", kind="employer")


def test_provider_invites_an_employer_who_then_edits_and_comments(draft, provider_editor, employer):
    slug = draft.microcredential.slug
    employer_editor = member(employer, "editor")
    outsider_browser = verified_client(employer_editor)
    assert outsider_browser.get(reverse("catalog:edit", args=[slug, "basics"])).status_code == 404

    browser = verified_client(provider_editor)
    page = browser.get(reverse("catalog:edit", args=[slug, "preview"])).content.decode()
    assert 'value="omsorg"' in page
    browser.post(reverse("catalog:add_codesigner", args=[slug]), {"organisation": "omsorg"})
    assert CoDesigner.objects.filter(organisation=employer).exists()

    assert outsider_browser.get(reverse("catalog:edit", args=[slug, "basics"])).status_code == 200
    outsider_browser.post(
        reverse("catalog:add_comment", args=[slug]),
        {"element": "learning_outcomes", "text": "Lägg till ett mål om bemötande."},
    )
    comment = Comment.objects.get()
    assert comment.organisation == employer and comment.element == "learning_outcomes"
    preview = browser.get(reverse("catalog:edit", args=[slug, "preview"])).content.decode()
    assert "Lägg till ett mål om bemötande." in preview
    assert "Omsorgsförvaltningen" in preview


def test_only_the_providers_authors_choose_codesigners(draft, employer, other_admin):
    employer_admin = member(employer, "admin", "editor")
    with pytest.raises(NotFound):
        codesign.add_codesigner(
            microcredential=draft.microcredential, organisation=employer, acting_user=other_admin
        )
    codesign.add_codesigner(
        microcredential=draft.microcredential,
        organisation=employer,
        acting_user=member(draft.microcredential.provider, "editor"),
    )
    with pytest.raises((NotFound, PermissionDenied)):
        codesign.add_codesigner(
            microcredential=draft.microcredential,
            organisation=OrganisationFactory(kind="union"),
            acting_user=employer_admin,
        )


def test_refused_codesigners(draft, provider_editor, employer):
    microcredential = draft.microcredential
    with pytest.raises(ValidationFailed):
        codesign.add_codesigner(
            microcredential=microcredential,
            organisation=microcredential.provider,
            acting_user=provider_editor,
        )
    with pytest.raises(ValidationFailed):
        codesign.add_codesigner(
            microcredential=microcredential,
            organisation=OrganisationFactory(kind="qa_body"),
            acting_user=provider_editor,
        )
    with pytest.raises(ValidationFailed):
        codesign.add_codesigner(
            microcredential=microcredential,
            organisation=OrganisationFactory(kind="employer", status="pending"),
            acting_user=provider_editor,
        )
    codesign.add_codesigner(
        microcredential=microcredential, organisation=employer, acting_user=provider_editor
    )
    with pytest.raises(Conflict):
        codesign.add_codesigner(
            microcredential=microcredential, organisation=employer, acting_user=provider_editor
        )


def test_comments_need_text_and_an_editable_version(draft, provider_editor, region_admin):
    with pytest.raises(ValidationFailed):
        codesign.add_comment(version=draft, acting_user=provider_editor, text="  ")
    with pytest.raises(ValidationFailed):
        codesign.add_comment(version=draft, acting_user=provider_editor, text="x", element="colour")
    publish(draft)
    with pytest.raises(VersionNotEditable):
        codesign.add_comment(version=draft, acting_user=provider_editor, text="För sent")
    assert Comment.objects.count() == 0
