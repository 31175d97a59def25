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


# --- invitations: invited → accepted / declined, withdrawable --------------------------------------------


@pytest.fixture
def employer_admin(employer):
    return member(employer, "admin", email="anna@omsorg.example.se", name="Anna Holm", language="en")


@pytest.fixture
def employer_editor(employer):
    return member(employer, "editor", email="bo@omsorg.example.se", name="Bo Lind")


@pytest.fixture
def invitation(draft, provider_editor, employer, employer_admin, employer_editor, on_commit):
    with on_commit():
        return codesign.add_codesigner(
            microcredential=draft.microcredential, organisation=employer, acting_user=provider_editor
        )


def actions() -> list[str]:
    from mimis.audit.models import AuditEntry

    return list(
        AuditEntry.objects.filter(action__startswith="microcredential.codesigner")
        .order_by("sequence")
        .values_list("action", flat=True)
    )


class TestInviting:
    def test_the_invited_organisations_admins_and_editors_are_emailed_in_their_language(self, invitation):
        from django.core import mail

        assert invitation.status == "invited"
        by_address = {m.to[0]: m for m in mail.outbox}
        assert set(by_address) == {"anna@omsorg.example.se", "bo@omsorg.example.se"}
        english, swedish = by_address["anna@omsorg.example.se"], by_address["bo@omsorg.example.se"]
        assert english.subject == "Högskolan Kristianstad invites you to design “Demensvård – grunder”"
        assert swedish.subject == "Högskolan Kristianstad bjuder in er att utforma ”Demensvård – grunder”"
        assert f"/en/codesign/{invitation.pk}/" in english.body
        assert f"/codesign/{invitation.pk}/" in swedish.body and "/en/" not in swedish.body
        assert actions() == ["microcredential.codesigner_invited"]

    def test_an_invited_organisation_is_shown_nowhere_before_it_accepts(
        self, invitation, draft, employer_editor
    ):
        from django.test import Client

        from mimis.quality import selectors as quality_selectors

        microcredential = draft.microcredential
        assert list(microcredential.accepted_co_designers) == []
        assert quality_selectors.reviewed_content(draft)["co_designers"] == []
        publish(draft)
        page = Client().get(reverse("catalog:detail", args=[microcredential.slug])).content.decode()
        assert "Omsorgsförvaltningen" not in page and "Utformad tillsammans med" not in page
        api = Client().get(f"/api/v1/microcredentials/{microcredential.pk}").json()
        assert api["co_designers"] == []
        # Nor can its people edit or comment.
        with pytest.raises(NotFound):
            codesign.add_comment(version=draft, acting_user=employer_editor, text="Hej")

    def test_once_accepted_its_name_is_on_the_public_page_and_in_the_api(
        self, invitation, draft, employer_editor
    ):
        from django.test import Client

        codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        publish(draft)
        microcredential = draft.microcredential
        page = Client().get(reverse("catalog:detail", args=[microcredential.slug])).content.decode()
        assert "<dt>Utformad tillsammans med</dt><dd>Omsorgsförvaltningen</dd>" in page
        assert Client().get(f"/api/v1/microcredentials/{microcredential.pk}").json()["co_designers"] == [
            "omsorg"
        ]

    def test_inviting_twice_is_refused_but_a_declined_organisation_can_be_invited_again(
        self, invitation, draft, provider_editor, employer, employer_editor
    ):
        with pytest.raises(Conflict) as twice:
            codesign.add_codesigner(
                microcredential=draft.microcredential, organisation=employer, acting_user=provider_editor
            )
        assert twice.value.message == "Omsorgsförvaltningen är redan inbjuden."
        codesign.decline_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        again = codesign.add_codesigner(
            microcredential=draft.microcredential, organisation=employer, acting_user=provider_editor
        )
        assert (again.pk, again.status, again.responded_at) == (invitation.pk, "invited", None)


class TestAnswering:
    def test_accepting_lets_the_organisation_edit_and_tells_the_provider(
        self, invitation, draft, employer_editor, provider_editor, on_commit
    ):
        from django.core import mail

        mail.outbox.clear()
        with on_commit():
            answered = codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        assert (answered.status, answered.responded_by) == ("accepted", employer_editor)
        assert [m.to for m in mail.outbox] == [["jonas@hkr.example.se"]]
        assert mail.outbox[0].subject == (
            "Omsorgsförvaltningen har tackat ja till er inbjudan att utforma tillsammans"
        )
        comment = codesign.add_comment(
            version=draft, acting_user=employer_editor, text="Lägg till bemötande."
        )
        assert comment.organisation.slug == "omsorg"
        assert actions() == ["microcredential.codesigner_invited", "microcredential.codesigner_accepted"]

    def test_declining_keeps_the_name_hidden_and_cannot_be_undone_by_accepting(
        self, invitation, draft, employer_editor
    ):
        from mimis.catalog.errors import InvitationNotOpen

        codesign.decline_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        with pytest.raises(InvitationNotOpen) as refused:
            codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        assert refused.value.code == "invitation_not_open"
        assert list(draft.microcredential.accepted_co_designers) == []
        assert actions() == ["microcredential.codesigner_invited", "microcredential.codesigner_declined"]

    def test_only_the_invited_organisations_editors_and_admins_answer(
        self, invitation, employer, provider_editor, other_admin
    ):
        viewer = member(employer, "viewer")
        with pytest.raises(PermissionDenied):
            codesign.accept_codesign_invitation(codesigner=invitation, acting_user=viewer)
        for outsider in (provider_editor, other_admin):
            with pytest.raises(NotFound):
                codesign.accept_codesign_invitation(codesigner=invitation, acting_user=outsider)
            with pytest.raises(NotFound):
                codesign.decline_codesign_invitation(codesigner=invitation, acting_user=outsider)
        invitation.refresh_from_db()
        assert invitation.status == "invited"

    def test_accepting_waits_while_the_version_is_in_review(
        self, invitation, draft, provider_editor, employer_editor
    ):
        from mimis.catalog.errors import CannotAcceptNow
        from mimis.quality import services as quality

        quality.submit_version(version=draft, acting_user=provider_editor)
        with pytest.raises(CannotAcceptNow) as refused:
            codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        assert refused.value.code == "codesign_not_acceptable_now"
        invitation.refresh_from_db()
        assert invitation.status == "invited"
        # Declining is always possible: it changes nothing that is reviewed or shown.
        codesign.decline_codesign_invitation(codesigner=invitation, acting_user=employer_editor)


class TestWithdrawing:
    def test_the_provider_withdraws_an_invitation_which_then_cannot_be_accepted(
        self, invitation, provider_editor, employer_editor
    ):
        from mimis.catalog.errors import InvitationNotOpen

        withdrawn = codesign.withdraw_codesigner(codesigner=invitation, acting_user=provider_editor)
        assert withdrawn.status == "withdrawn"
        with pytest.raises(NotFound):
            codesign.invitation_for(invitation_id=invitation.pk, user=employer_editor)
        with pytest.raises(InvitationNotOpen):
            codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        assert actions() == ["microcredential.codesigner_invited", "microcredential.codesigner_withdrawn"]

    def test_an_invitation_can_be_withdrawn_even_while_in_review(self, invitation, draft, provider_editor):
        from mimis.quality import services as quality

        quality.submit_version(version=draft, acting_user=provider_editor)
        assert (
            codesign.withdraw_codesigner(codesigner=invitation, acting_user=provider_editor).status
            == "withdrawn"
        )

    def test_the_invited_organisation_cannot_withdraw_it(self, invitation, employer_editor):
        with pytest.raises(NotFound):
            codesign.withdraw_codesigner(codesigner=invitation, acting_user=employer_editor)


class TestConflictOfInterest:
    def test_invited_and_accepted_organisations_cannot_review_but_declined_ones_can(
        self, invitation, draft, employer, employer_editor
    ):
        from mimis.quality import selectors as quality_selectors

        def conflicted() -> bool:
            return employer.pk in quality_selectors.conflicted_organisation_ids(draft)

        assert conflicted()
        codesign.accept_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
        assert conflicted()
        invitation.refresh_from_db()
        invitation.status = "declined"
        invitation.save()
        assert not conflicted()


class TestPages:
    def test_the_invited_editor_sees_what_is_asked_and_accepts_on_the_invitation_page(
        self, invitation, employer_editor
    ):
        browser = verified_client(employer_editor)
        listing = browser.get(reverse("catalog:codesign_invitations")).content.decode()
        assert "Högskolan Kristianstad bjuder in Omsorgsförvaltningen" in listing
        page = browser.get(reverse("catalog:codesign_invitation", args=[invitation.pk])).content.decode()
        assert "Det här ombeds ni utforma tillsammans" in page
        assert "Demensvård – grunder" in page and "Beskriva hur demens påverkar omsorgen." in page
        assert reverse("catalog:accept_codesign", args=[invitation.pk]) in page
        response = browser.post(reverse("catalog:accept_codesign", args=[invitation.pk]), follow=True)
        assert "Du har tackat ja." in response.content.decode()

    def test_the_english_invitation_page(self, invitation, employer_admin):
        browser = verified_client(employer_admin)
        page = browser.get(
            "/en" + reverse("catalog:codesign_invitation", args=[invitation.pk])
        ).content.decode()
        assert "What you are asked to co-design" in page and ">Accept</button>" in page

    def test_the_provider_sees_the_invitation_waiting_and_can_withdraw_it(
        self, invitation, draft, provider_editor
    ):
        browser = verified_client(provider_editor)
        preview = browser.get(
            reverse("catalog:edit", args=[draft.microcredential.slug, "preview"])
        ).content.decode()
        assert "Omsorgsförvaltningen: inbjuden" in preview
        assert reverse("catalog:withdraw_codesign", args=[invitation.pk]) in preview
        response = browser.post(reverse("catalog:withdraw_codesign", args=[invitation.pk]), follow=True)
        assert "Inbjudan till Omsorgsförvaltningen är tillbakadragen." in response.content.decode()

    def test_outsiders_get_404(self, invitation, other_admin):
        browser = verified_client(other_admin)
        assert browser.get(reverse("catalog:codesign_invitation", args=[invitation.pk])).status_code == 404
        assert browser.post(reverse("catalog:accept_codesign", args=[invitation.pk])).status_code == 404


class TestApi:
    @staticmethod
    def client(user, *scopes: str):  # type: ignore[no-untyped-def]
        from django.test import Client

        from mimis.accounts import services as account_services

        _token, secret = account_services.create_api_token(user=user, name="t", scopes=list(scopes))
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def test_invite_list_accept_through_the_api(self, draft, provider_editor, employer, employer_editor):
        provider = self.client(provider_editor, "read", "write")
        invited = provider.post(
            "/api/v1/codesign/invitations",
            {"microcredential_id": draft.microcredential.pk, "organisation": "omsorg"},
            content_type="application/json",
        )
        assert invited.status_code == 201
        body = invited.json()
        assert (body["organisation"], body["status"], body["provider"]) == ("omsorg", "invited", "hkr")
        again = provider.post(
            "/api/v1/codesign/invitations",
            {"microcredential_id": draft.microcredential.pk, "organisation": "omsorg"},
            content_type="application/json",
        )
        assert again.status_code == 409 and again.json()["code"] == "conflict"

        editor = self.client(employer_editor, "read", "write")
        [listed] = editor.get("/api/v1/codesign/invitations").json()
        assert listed["id"] == body["id"]
        accepted_ = editor.post(f"/api/v1/codesign/invitations/{body['id']}/accept")
        assert accepted_.status_code == 200 and accepted_.json()["status"] == "accepted"
        assert accepted_.json()["responded_at"] is not None
        twice = editor.post(f"/api/v1/codesign/invitations/{body['id']}/decline")
        assert twice.status_code == 409 and twice.json()["code"] == "invitation_not_open"
        sent = provider.get(f"/api/v1/codesign/microcredentials/{draft.microcredential.pk}").json()
        assert [(i["organisation"], i["status"]) for i in sent] == [("omsorg", "accepted")]

    def test_decline_and_withdraw_through_the_api(self, invitation, provider_editor, employer_editor):
        editor = self.client(employer_editor, "read", "write")
        provider = self.client(provider_editor, "read", "write")
        # The invited side cannot withdraw, the provider cannot answer.
        assert editor.post(f"/api/v1/codesign/invitations/{invitation.pk}/withdraw").status_code == 404
        assert provider.post(f"/api/v1/codesign/invitations/{invitation.pk}/accept").status_code == 404
        withdrawn = provider.post(f"/api/v1/codesign/invitations/{invitation.pk}/withdraw")
        assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
        assert editor.get(f"/api/v1/codesign/invitations/{invitation.pk}").status_code == 404

    def test_writing_needs_the_write_scope(self, invitation, employer_editor):
        reader = self.client(employer_editor, "read")
        refused = reader.post(f"/api/v1/codesign/invitations/{invitation.pk}/accept")
        assert refused.status_code == 403 and refused.json()["code"] == "insufficient_scope"


def test_existing_codesigners_migrate_as_accepted(draft, employer):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mimis.catalog.migrations.0008_codesigner_invitations")
    CoDesigner.objects.create(microcredential=draft.microcredential, organisation=employer)
    assert CoDesigner.objects.get().status == "invited"
    migration.existing_codesigners_accepted(apps, None)
    assert CoDesigner.objects.get().status == "accepted"


def test_our_microcredentials_page_points_to_invitations_waiting_for_an_answer(invitation, employer_editor):
    page = verified_client(employer_editor).get(
        reverse("catalog:organisation_microcredentials", args=["omsorg"])
    )
    text = page.content.decode()
    assert "1 inbjudan att utforma tillsammans väntar på ert svar." in text
    assert reverse("catalog:codesign_invitations") in text


def test_the_start_page_asks_the_invited_organisation_to_answer(invitation, employer_editor):
    page = verified_client(employer_editor).get(reverse("core:dashboard"))
    text = page.content.decode()
    assert f"Svara på inbjudan att utforma ”{invitation.microcredential.versions.get().title}”" in text
    assert reverse("catalog:codesign_invitation", args=[invitation.pk]) in text


def test_the_start_page_stops_asking_once_the_invitation_is_answered(invitation, employer_editor):
    codesign.decline_codesign_invitation(codesigner=invitation, acting_user=employer_editor)
    page = verified_client(employer_editor).get(reverse("core:dashboard"))
    assert reverse("catalog:codesign_invitation", args=[invitation.pk]) not in page.content.decode()
