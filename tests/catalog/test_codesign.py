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


def accepted(invitation: CoDesigner) -> CoDesigner:
    """The invited organisation's editor accepts (the way most tests need a co-designer)."""
    editor = member(invitation.organisation, "editor")
    return codesign.accept_codesign_invitation(codesigner=invitation, acting_user=editor)


def test_provider_invites_an_employer_who_then_edits_and_comments(draft, provider_editor, employer):
    slug = draft.microcredential.slug
    employer_editor = member(employer, "editor")
    outsider_browser = verified_client(employer_editor)
    assert outsider_browser.get(reverse("catalog:edit", args=[slug, "basics"])).status_code == 404

    browser = verified_client(provider_editor)
    page = browser.get(reverse("catalog:edit", args=[slug, "preview"])).content.decode()
    assert 'value="omsorg"' in page
    browser.post(reverse("catalog:add_codesigner", args=[slug]), {"organisation": "omsorg"})
    invitation = CoDesigner.objects.get(organisation=employer)
    assert invitation.status == "invited"
    # Invited is not yet a co-designer: no editing until the organisation accepts.
    assert outsider_browser.get(reverse("catalog:edit", args=[slug, "basics"])).status_code == 404
    outsider_browser.post(reverse("catalog:accept_codesign", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "accepted"

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


def test_codesigners_cannot_change_once_the_version_is_sent_for_review_or_published(
    draft, provider_editor, employer
):
    """Co-designers are part of the reviewed content: no change that the reviewer did not see."""
    from mimis.catalog.errors import CoDesignersNotEditable
    from mimis.quality import services as quality

    microcredential = draft.microcredential
    accepted(
        codesign.add_codesigner(
            microcredential=microcredential, organisation=employer, acting_user=provider_editor
        )
    )
    union = OrganisationFactory(name="Kommunal Skåne", slug="kommunal", kind="union")
    quality.submit_version(version=draft, acting_user=provider_editor)
    for change in (codesign.add_codesigner, codesign.remove_codesigner):
        organisation = union if change is codesign.add_codesigner else employer
        with pytest.raises(CoDesignersNotEditable) as refused:
            change(microcredential=microcredential, organisation=organisation, acting_user=provider_editor)
        assert refused.value.code == "codesigners_not_editable"
    assert list(microcredential.accepted_co_designers) == [employer]

    browser = verified_client(provider_editor)
    preview = browser.get(reverse("catalog:edit", args=[microcredential.slug, "preview"])).content.decode()
    assert reverse("catalog:add_codesigner", args=[microcredential.slug]) not in preview
    assert reverse("catalog:remove_codesigner", args=[microcredential.slug, "omsorg"]) not in preview
    assert "Vem ni utformar den med är en del av det som granskas och publiceras." in preview
    response = browser.post(
        reverse("catalog:add_codesigner", args=[microcredential.slug]),
        {"organisation": "kommunal"},
        follow=True,
    )
    assert "kan bara ändras i ett utkast" in response.content.decode()
    assert list(microcredential.accepted_co_designers) == [employer]


def test_codesigners_of_a_published_microcredential_change_in_a_new_version(draft, provider_editor, employer):
    from mimis.catalog.errors import CoDesignersNotEditable
    from mimis.catalog.services import start_new_version

    publish(draft)
    microcredential = draft.microcredential
    with pytest.raises(CoDesignersNotEditable):
        codesign.add_codesigner(
            microcredential=microcredential, organisation=employer, acting_user=provider_editor
        )
    start_new_version(microcredential=microcredential, acting_user=provider_editor)
    accepted(
        codesign.add_codesigner(
            microcredential=microcredential, organisation=employer, acting_user=provider_editor
        )
    )
    assert list(microcredential.accepted_co_designers) == [employer]


def test_removing_a_codesigner_says_so(draft, provider_editor, employer):
    accepted(
        codesign.add_codesigner(
            microcredential=draft.microcredential, organisation=employer, acting_user=provider_editor
        )
    )
    browser = verified_client(provider_editor)
    response = browser.post(
        reverse("catalog:remove_codesigner", args=[draft.microcredential.slug, "omsorg"]), follow=True
    )
    assert "Omsorgsförvaltningen utformar inte längre den här mikromeriten." in response.content.decode()
    assert CoDesigner.objects.get().status == "withdrawn"
    assert list(draft.microcredential.accepted_co_designers) == []
