"""Consent-first candidate search and contact requests: only learners who opted in and did not block the
organisation appear, pseudonymously; fewer than k people are never shown; every search that listed a
learner is visible to them; contact requests are stored once and reveal contact details only on accept."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.issuing import services as issuing
from mimis.matching import contact, services
from mimis.matching.models import (
    AbuseReport,
    CandidateSearch,
    ContactRequest,
    ContactStatus,
    SearchAppearance,
)
from mimis.matching.search import search_candidates, searches_that_found
from mimis.matching.services import SkillSpec
from mimis.matching.verified import refresh_verified_skills
from mimis.wallet.services import set_findable_by_skills
from tests.conftest import signed_in, verified_client
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

NAMES = ["Fatima Ahmed", "Erik Lund", "Maja Berg", "Omar Said"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def token(user, scopes=("read", "write"), organisation=None) -> str:  # type: ignore[no-untyped-def]
    return create_api_token(user=user, name="matching", scopes=list(scopes), organisation=organisation)[1]


def call(method: str, url: str, secret: str, body: object = None):  # type: ignore[no-untyped-def]
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(Client(), method)(url, **kwargs)


@pytest.fixture
def role(employer, employer_editor, skill):  # type: ignore[no-untyped-def]
    return services.create_role_profile(
        organisation=employer,
        acting_user=employer_editor,
        title="Vårdbiträde",
        skills=[
            SkillSpec(skill["Omvårdnad"].pk, "required", 5),
            SkillSpec(skill["Demensvård"].pk),
            SkillSpec(skill["Ergonomi"].pk),
            SkillSpec(skill["Social dokumentation"].pk, "meritorious"),
        ],
    )


@pytest.fixture
def courses(make_mc, skill):  # type: ignore[no-untyped-def]
    return {
        "care": make_mc("Omvårdnad i hemtjänst", [skill["Omvårdnad"], skill["Ergonomi"]]),
        "dementia": make_mc("Demensvård grund", [skill["Demensvård"]]),
        "docs": make_mc("Social dokumentation", [skill["Social dokumentation"]]),
    }


@pytest.fixture
def people(courses, learner):  # type: ignore[no-untyped-def]
    """Four learners who opted in: Fatima has care + dementia, Erik care, Maja care + docs, Omar dementia."""
    persons = [learner] + [UserFactory(email=f"{n.split()[0].lower()}@example.se", name=n) for n in NAMES[1:]]
    holdings = [["care", "dementia"], ["care"], ["care", "docs"], ["dementia"]]
    for person, held in zip(persons, holdings, strict=True):
        for key in held:
            issuing.issue_credential(
                version=courses[key], email=person.email, name=person.name, acting_user=None
            )
        refresh_verified_skills(learner=person)
        set_findable_by_skills(user=person, findable=True)
    return persons


def search(employer, employer_editor, role):  # type: ignore[no-untyped-def]
    return search_candidates(organisation=employer, acting_user=employer_editor, profile_id=role.pk)


class TestWhoAppears:
    def test_opted_in_learners_are_ranked_by_required_then_meritorious_skills(
        self, employer, employer_editor, role, people
    ):
        result = search(employer, employer_editor, role)
        assert result.shown_individually
        assert result.matched == 4
        ranked = [[s.skill.preferred_label for s in c.covered] for c in result.candidates]
        # Fatima 5+1+1 required, Maja 5+1 required + meritorious, Erik 5+1, Omar 1.
        assert ranked == [
            ["Omvårdnad", "Demensvård", "Ergonomi"],
            ["Omvårdnad", "Ergonomi", "Social dokumentation"],
            ["Omvårdnad", "Ergonomi"],
            ["Demensvård"],
        ]
        assert result.candidates[0].credential_titles == ["Demensvård grund", "Omvårdnad i hemtjänst"]

    def test_a_learner_who_did_not_opt_in_never_appears(self, employer, employer_editor, role, people):
        set_findable_by_skills(user=people[0], findable=False)
        result = search(employer, employer_editor, role)
        assert result.matched == 3
        assert not SearchAppearance.objects.filter(learner=people[0]).exists()

    def test_opting_out_removes_the_learner_from_the_next_search_at_once(
        self, employer, employer_editor, role, people
    ):
        search(employer, employer_editor, role)
        set_findable_by_skills(user=people[1], findable=False)
        second = search(employer, employer_editor, role)
        assert not SearchAppearance.objects.filter(search=second.search, learner=people[1]).exists()

    def test_a_learner_who_blocked_the_organisation_never_appears(
        self, employer, employer_editor, role, people
    ):
        contact.block_organisation(learner=people[0], organisation_id=employer.pk)
        result = search(employer, employer_editor, role)
        assert result.matched == 3
        assert not SearchAppearance.objects.filter(learner=people[0]).exists()

    def test_a_revoked_credential_stops_counting_in_search(self, employer, employer_editor, role, people):
        from mimis.issuing.models import Credential

        for credential in Credential.objects.filter(recipient_email="omar@example.se"):
            issuing.revoke_credential(credential=credential, reason="fel", acting_user=None)
        result = search(employer, employer_editor, role)
        assert result.matched == 3


class TestNothingIdentifying:
    def test_the_json_has_no_name_email_or_credential_id(self, employer, employer_editor, role, people):
        response = call("post", f"/api/v1/role-profiles/{role.pk}/candidates", token(employer_editor), {})
        assert response.status_code == 200, response.content
        text = response.content.decode()
        body = response.json()
        assert len(body["candidates"]) == 4
        for person in people:
            assert person.name not in text
            assert person.email not in text
            assert str(person.pk) not in [str(c["pseudonym"]) for c in body["candidates"]]
        from mimis.issuing.models import Credential

        for credential in Credential.objects.all():
            assert str(credential.pk) not in text
        assert set(body["candidates"][0]) == {
            "pseudonym",
            "rank",
            "required_covered",
            "required_total",
            "weighted_coverage",
            "covered",
            "missing",
            "credential_titles",
        }

    def test_the_page_has_no_name_email_or_credential_id(self, employer, employer_editor, role, people):
        page = verified_client(employer_editor).post(
            f"/organisations/kristianstad/role-profiles/{role.pk}/candidates/", {}
        )
        html = page.content.decode()
        assert page.status_code == 200
        assert "Demensvård grund" in html
        from mimis.issuing.models import Credential

        for person in people:
            assert person.name not in html
            assert person.email not in html
        for credential in Credential.objects.all():
            assert str(credential.pk) not in html

    def test_pseudonyms_differ_between_searches(self, employer, employer_editor, role, people):
        first = {
            a.learner_id: a.pseudonym
            for a in search(employer, employer_editor, role).search.appearances.all()
        }
        second = {
            a.learner_id: a.pseudonym
            for a in search(employer, employer_editor, role).search.appearances.all()
        }
        assert first.keys() == second.keys()
        assert all(first[k] != second[k] for k in first)


class TestSinglingOut:
    def test_fewer_than_k_people_are_never_shown(self, employer, employer_editor, role, people):
        for person in people[1:3]:
            set_findable_by_skills(user=person, findable=False)
        response = call("post", f"/api/v1/role-profiles/{role.pk}/candidates", token(employer_editor), {})
        body = response.json()
        assert body["candidates"] == []
        assert body["matched"] is None
        assert body["fewer_than_min_group"] is True
        assert all(s["candidates"] is None for s in body["skills"])
        assert not SearchAppearance.objects.exists()
        page = verified_client(employer_editor).post(
            f"/organisations/kristianstad/role-profiles/{role.pk}/candidates/", {}
        )
        assert "Färre än 3 personer matchar" in page.content.decode()

    def test_a_profile_of_one_rare_skill_gives_only_the_skill_summary(
        self, employer, employer_editor, people, skill
    ):
        rare = services.create_role_profile(
            organisation=employer,
            acting_user=employer_editor,
            title="Demens",
            skills=[SkillSpec(skill["Omvårdnad"].pk)],
        )
        result = search(employer, employer_editor, rare)
        assert not result.shown_individually
        assert result.reason == "too_few_skills"
        assert result.candidates == []
        assert [s.candidates for s in result.summary] == [3]

    def test_repeated_narrowing_is_rate_limited(
        self, employer, employer_editor, role, people, skill, settings
    ):
        settings.MIMIS_MATCHING_VERSIONS_PER_DAY = 2
        secret = token(employer_editor)
        url = f"/api/v1/role-profiles/{role.pk}/candidates"
        assert call("post", url, secret, {}).status_code == 200
        services.update_role_profile(profile=role, acting_user=employer_editor, title="Vårdbiträde natt")
        assert call("post", url, secret, {}).status_code == 200
        services.update_role_profile(profile=role, acting_user=employer_editor, title="Vårdbiträde natt 2")
        response = call("post", url, secret, {})
        assert response.status_code == 429
        assert response.json()["code"] == "candidate_search_rate_limited"

    def test_searches_per_hour_are_limited_per_organisation(
        self, employer, employer_editor, role, people, settings
    ):
        settings.MIMIS_MATCHING_SEARCHES_PER_HOUR = 2
        secret = token(employer_editor)
        url = f"/api/v1/role-profiles/{role.pk}/candidates"
        assert [call("post", url, secret, {}).status_code for _ in range(3)] == [200, 200, 429]


class TestWhoMaySearch:
    def test_an_unapproved_employer_is_refused(self, role, people):
        pending = OrganisationFactory(name="Nytt AB", slug="nytt", kind="employer", status="pending")
        editor = member(pending, "editor", email="a@nytt.example.se")
        response = call(
            "post", f"/api/v1/role-profiles/{role.pk}/candidates", token(editor), {"organisation": "nytt"}
        )
        assert response.status_code in (403, 404)
        assert not CandidateSearch.objects.exists()

    def test_a_suspended_organisation_is_refused(self, employer, employer_editor, role, people):
        contact.suspend_organisation(organisation_id=employer.pk, reason="Missbruk", acting_user=None)
        response = call("post", f"/api/v1/role-profiles/{role.pk}/candidates", token(employer_editor), {})
        assert response.status_code == 403
        assert response.json()["code"] == "candidate_search_suspended"

    def test_a_viewer_role_and_a_learner_cannot_search(self, employer, role, people):
        viewer = member(employer, "viewer", email="v@kristianstad.example.se")
        response = call("post", f"/api/v1/role-profiles/{role.pk}/candidates", token(viewer), {})
        assert response.json()["code"] == "candidate_search_not_allowed"
        response = call(
            "post",
            f"/api/v1/role-profiles/{role.pk}/candidates",
            token(people[0]),
            {"organisation": "kristianstad"},
        )
        assert response.status_code == 404

    def test_the_read_scope_is_needed(self, employer_editor, role, people):
        response = call(
            "post",
            f"/api/v1/role-profiles/{role.pk}/candidates",
            token(employer_editor, scopes=["write"]),
            {},
        )
        assert response.status_code == 403


class TestTheLearnerSeesEverySearch:
    def test_each_search_that_listed_the_learner_is_visible_to_them(
        self, employer, employer_editor, role, people
    ):
        search(employer, employer_editor, role)
        search(employer, employer_editor, role)
        found = list(searches_that_found(learner=people[0]))
        assert [(a.search.organisation, a.search.profile_version.title) for a in found] == [
            (employer, "Vårdbiträde"),
            (employer, "Vårdbiträde"),
        ]
        page = signed_in(people[0]).get("/my/paths-to-jobs/employers/").content.decode()
        assert "Kristianstads kommun" in page
        assert page.count("Vårdbiträde") >= 2


def send(employer_editor, result, pseudonym=None):  # type: ignore[no-untyped-def]
    return call(
        "post",
        "/api/v1/contact-requests",
        token(employer_editor),
        {
            "search": result.search.pk,
            "candidate": pseudonym or result.candidates[0].pseudonym,
            "message": "Vi söker vårdbiträden till hemtjänsten.",
            "contact": "Lena Ström, 044-123 45",
        },
    )


class TestContactRequests:
    def test_a_replayed_request_is_stored_once(
        self, employer, employer_editor, role, people, django_capture_on_commit_callbacks
    ):
        result = search(employer, employer_editor, role)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            first, again = send(employer_editor, result), send(employer_editor, result)
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"]
        assert ContactRequest.objects.count() == 1
        assert [m.to for m in mail.outbox] == [["fatima@example.se"]]
        assert "Kristianstads kommun" in mail.outbox[0].subject
        assert "Vi söker" not in mail.outbox[0].body  # the message is read signed in

    def test_the_learner_sees_organisation_and_message_and_contact_details_only_after_accepting(
        self, employer, employer_editor, role, people, django_capture_on_commit_callbacks
    ):
        result = search(employer, employer_editor, role)
        sent = send(employer_editor, result).json()
        assert sent["shared_name"] == sent["shared_email"] == ""
        mine = call("get", "/api/v1/me/contact-requests", token(people[0])).json()
        assert mine[0]["organisation_name"] == "Kristianstads kommun"
        assert mine[0]["message"] == "Vi söker vårdbiträden till hemtjänsten."
        assert mine[0]["employer_contact"] is None
        with django_capture_on_commit_callbacks(execute=True):
            accepted = call(
                "post",
                f"/api/v1/me/contact-requests/{mine[0]['id']}/accept",
                token(people[0]),
                {"share_email": True},
            ).json()
        assert accepted["employer_contact"] == "Lena Ström, 044-123 45"
        request = ContactRequest.objects.get()
        assert (request.shared_name, request.shared_email) == ("", "fatima@example.se")
        assert any("lena@kristianstad.example.se" in m.to for m in mail.outbox)

    def test_another_learner_cannot_answer_it(self, employer, employer_editor, role, people):
        result = search(employer, employer_editor, role)
        request_id = send(employer_editor, result).json()["id"]
        response = call("post", f"/api/v1/me/contact-requests/{request_id}/decline", token(people[1]))
        assert response.status_code == 404

    def test_decline_ends_it_and_accept_after_decline_is_refused(
        self, employer, employer_editor, role, people
    ):
        result = search(employer, employer_editor, role)
        request_id = send(employer_editor, result).json()["id"]
        secret = token(people[0])
        assert (
            call("post", f"/api/v1/me/contact-requests/{request_id}/decline", secret).json()["status"]
            == "declined"
        )
        response = call(
            "post", f"/api/v1/me/contact-requests/{request_id}/accept", secret, {"share_name": True}
        )
        assert response.json()["code"] == "contact_request_answered"

    def test_blocking_ends_pending_requests_and_refuses_new_ones(
        self, employer, employer_editor, role, people
    ):
        result = search(employer, employer_editor, role)
        send(employer_editor, result)
        contact.block_organisation(learner=people[0], organisation_id=employer.pk)
        assert ContactRequest.objects.get().status == ContactStatus.ENDED
        maja = SearchAppearance.objects.get(search=result.search, learner=people[2]).pseudonym
        erik = SearchAppearance.objects.get(search=result.search, learner=people[1]).pseudonym
        assert send(employer_editor, result, maja).status_code == 201  # someone else: fine
        contact.block_organisation(learner=people[1], organisation_id=employer.pk)
        response = send(employer_editor, result, erik)
        assert response.json()["code"] == "candidate_not_found"
        assert ContactRequest.objects.count() == 2

    def test_another_organisation_cannot_use_the_search(self, employer, employer_editor, role, people):
        result = search(employer, employer_editor, role)
        other = OrganisationFactory(name="Annan AB", slug="annan", kind="employer")
        outsider = member(other, "editor", email="x@annan.example.se")
        response = send(outsider, result)
        assert response.status_code == 404
        assert not ContactRequest.objects.exists()


class TestAbuseReports:
    def test_a_learner_reports_an_organisation_that_found_them_and_the_region_can_suspend(
        self, employer, employer_editor, role, people
    ):
        search(employer, employer_editor, role)
        contact.report_abuse(learner=people[0], organisation_id=employer.pk, text="Ringer hela tiden.")
        assert AbuseReport.objects.get().organisation == employer
        contact.suspend_organisation(organisation_id=employer.pk, reason="Rapport", acting_user=None)
        from mimis.matching.errors import SearchSuspended

        with pytest.raises(SearchSuspended):
            search(employer, employer_editor, role)

    def test_an_organisation_that_never_found_the_learner_cannot_be_reported(self, employer, people):
        from mimis.errors import NotFound

        with pytest.raises(NotFound):
            contact.report_abuse(learner=people[0], organisation_id=employer.pk, text="x")


class TestConsentPage:
    def test_off_by_default_the_page_explains_what_employers_see_and_the_learner_opts_in_and_out(
        self, learner
    ):
        from mimis.wallet.selectors import privacy_of

        browser = signed_in(learner)
        html = browser.get("/my/paths-to-jobs/employers/").content.decode()
        assert "Nej: arbetsgivare kan inte hitta dig" in html
        assert "påhittat namn" in html
        assert "aldrig ditt namn, din e-postadress" in html
        browser.post("/my/paths-to-jobs/employers/", {"action": "consent", "findable": "on"})
        assert privacy_of(user=learner).findable_by_skills is True
        browser.post("/my/paths-to-jobs/employers/", {"action": "consent"})
        assert privacy_of(user=learner).findable_by_skills is False


class TestPages:
    def test_the_employer_sends_a_request_from_the_results_page_and_sees_the_answer(
        self, employer, employer_editor, role, people
    ):
        browser = verified_client(employer_editor)
        browser.post(f"/organisations/kristianstad/role-profiles/{role.pk}/candidates/", {})
        search_row = CandidateSearch.objects.get()
        fatima = SearchAppearance.objects.get(search=search_row, learner=people[0])
        response = browser.post(
            "/organisations/kristianstad/contact-requests/",
            {"search": search_row.pk, "candidate": fatima.pseudonym, "message": "Hej!", "contact": "044-1"},
        )
        assert response.status_code == 302
        page = browser.get("/organisations/kristianstad/contact-requests/").content.decode()
        assert fatima.pseudonym in page
        assert "fatima@example.se" not in page
        learner_page = signed_in(people[0])
        request_id = ContactRequest.objects.get().pk
        learner_page.post(
            "/my/paths-to-jobs/employers/",
            {"action": "accept", "request": request_id, "share_email": "on"},
        )
        page = browser.get("/organisations/kristianstad/contact-requests/").content.decode()
        assert "fatima@example.se" in page
        assert "Fatima Ahmed" not in page  # she did not choose to share her name

    def test_only_region_admins_see_the_reports(self, region_admin, learner):
        assert verified_client(region_admin).get("/platform/candidate-search/").status_code == 200
        assert signed_in(learner).get("/platform/candidate-search/").status_code == 403


class TestErasure:
    def test_deleting_the_account_erases_searches_requests_and_shared_contact_details(
        self, employer, employer_editor, role, people
    ):
        from mimis.wallet.personal_data import erase_account

        result = search(employer, employer_editor, role)
        request = contact.send_contact_request(
            organisation=employer,
            acting_user=employer_editor,
            search_id=result.search.pk,
            pseudonym=SearchAppearance.objects.get(search=result.search, learner=people[0]).pseudonym,
            message="Hej",
            contact="044-1",
        ).request
        contact.accept_contact_request(
            learner=people[0], request_id=request.pk, share_name=True, share_email=True
        )
        contact.report_abuse(learner=people[0], organisation_id=employer.pk, text="Konstigt samtal")
        erase_account(user=people[0], password=PASSWORD)
        assert not ContactRequest.objects.filter(pk=request.pk).exists()
        assert not SearchAppearance.objects.filter(learner=people[0]).exists()
        assert AbuseReport.objects.get().learner is None
