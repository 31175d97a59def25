"""The matching API's contract: role profiles (PATCH makes a new version), a learner's own gap analysis,
closest and shortage occupations; object-level permissions and clear errors for bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.audit.models import AuditEntry
from mimis.matching.models import RoleProfileVersion
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def token(user, scopes=("read", "write"), organisation=None) -> str:  # type: ignore[no-untyped-def]
    return create_api_token(user=user, name="matching", scopes=list(scopes), organisation=organisation)[1]


def call(method: str, url: str, secret: str, body: object = None):  # type: ignore[no-untyped-def]
    client = Client()
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


@pytest.fixture
def editor_token(employer_editor) -> str:  # type: ignore[no-untyped-def]
    return token(employer_editor)


def create(secret: str, **body):  # type: ignore[no-untyped-def]
    payload = {"organisation": "kristianstad", "title": "Vårdbiträde"} | body
    return call("post", "/api/v1/role-profiles", secret, payload)


class TestRoleProfiles:
    def test_create_with_skills_returns_the_profile_and_its_first_version(self, editor_token, skill):
        response = create(
            editor_token,
            skills=[
                {"skill": skill["Omvårdnad"].pk, "requirement": "required", "weight": 5},
                {"skill": skill["Ergonomi"].pk, "requirement": "meritorious"},
            ],
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["version"] == 1
        assert body["visibility"] == "private"
        assert [(s["skill"], s["requirement"], s["weight"]) for s in body["skills"]] == [
            (skill["Omvårdnad"].pk, "required", 5),
            (skill["Ergonomi"].pk, "meritorious", None),
        ]
        assert AuditEntry.objects.filter(action="role_profile.created").count() == 1

    def test_create_from_an_occupation_takes_its_most_specific_skills_first(
        self, editor_token, care_group, shop_group, skill
    ):
        response = create(editor_token, title="", occupation=care_group.pk)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["title"] == "Vårdbiträden"
        assert body["occupation"] == care_group.pk
        labels = [s["label"] for s in body["skills"]]
        # Omvårdnad is listed by two groups, the others by one: it comes last.
        assert labels[-1] == "Omvårdnad"
        assert sorted(labels[:-1]) == labels[:-1]

    def test_occupation_skill_suggestions_say_how_many_groups_list_each_skill(
        self, editor_token, care_group, shop_group
    ):
        response = call(
            "get", f"/api/v1/role-profiles/occupation-skills?occupation={care_group.pk}", editor_token
        )
        assert response.status_code == 200
        assert response.json()[-1]["occupation_groups"] == 2

    def test_patch_makes_a_new_version_and_keeps_the_old_one(self, editor_token, skill):
        profile = create(editor_token, skills=[skill["Omvårdnad"].pk]).json()
        response = call(
            "patch",
            f"/api/v1/role-profiles/{profile['id']}",
            editor_token,
            {"skills": [skill["Kassavana"].pk]},
        )
        assert response.status_code == 200, response.content
        assert response.json()["version"] == 2
        assert [s["skill"] for s in response.json()["skills"]] == [skill["Kassavana"].pk]
        first = RoleProfileVersion.objects.get(profile_id=profile["id"], number=1)
        assert list(first.profile_skills.values_list("skill_id", flat=True)) == [skill["Omvårdnad"].pk]

    def test_a_private_profile_is_only_for_its_organisations_members(self, editor_token, skill):
        profile = create(editor_token, skills=[skill["Omvårdnad"].pk]).json()
        outsider = token(UserFactory())
        assert call("get", f"/api/v1/role-profiles/{profile['id']}", outsider).status_code == 404
        assert call("get", "/api/v1/role-profiles", outsider).json() == []
        call("patch", f"/api/v1/role-profiles/{profile['id']}", editor_token, {"visibility": "shared"})
        assert call("get", f"/api/v1/role-profiles/{profile['id']}", outsider).status_code == 200

    def test_someone_outside_the_organisation_cannot_change_a_shared_profile(self, editor_token, skill):
        profile = create(editor_token, skills=[skill["Omvårdnad"].pk], visibility="shared").json()
        response = call(
            "patch", f"/api/v1/role-profiles/{profile['id']}", token(UserFactory()), {"title": "X"}
        )
        assert response.status_code == 404

    def test_a_viewer_of_the_organisation_cannot_create_profiles(self, employer, skill):
        viewer = member(employer, "viewer")
        response = create(token(viewer), skills=[skill["Omvårdnad"].pk])
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"

    def test_an_unapproved_organisation_cannot_create_profiles(self, skill):
        pending = OrganisationFactory(slug="ny-arbetsgivare", kind="employer", status="pending")
        response = create(
            token(member(pending, "admin")), organisation="ny-arbetsgivare", skills=[skill["Omvårdnad"].pk]
        )
        assert response.status_code == 403
        assert response.json()["code"] == "organisation_not_approved"

    def test_only_the_region_publishes_templates(self, editor_token, skill):
        response = create(editor_token, skills=[skill["Omvårdnad"].pk], visibility="shared", is_template=True)
        assert response.status_code == 403
        assert response.json()["code"] == "templates_for_region_only"

    @pytest.mark.parametrize(
        ("body", "status", "code"),
        [
            ({"skills": []}, 422, "no_skills"),
            ({"skills": [999_999]}, 422, "unknown_skills"),
            ({"skills": list(range(1, 501))}, 422, "too_many_skills"),
            ({"skills": [{"skill": 1, "requirement": "maybe"}]}, 422, "invalid_skill"),
            ({"organisation": "finns-inte", "skills": [1]}, 404, "not_found"),
            ({"occupation": 999_999}, 422, "unknown_occupation"),
        ],
    )
    def test_bad_input_gets_a_code_and_a_swedish_message(self, editor_token, skill, body, status, code):
        before = RoleProfileVersion.objects.count()
        response = create(editor_token, **body)
        assert response.status_code == status, response.content
        assert response.json()["code"] == code
        assert response.json()["message"]
        assert RoleProfileVersion.objects.count() == before

    def test_the_wrong_organisations_token_cannot_create_for_another(self, employer_editor, employer, skill):
        other = OrganisationFactory(slug="annan", kind="employer")
        Membership = type(employer_editor.memberships.first())
        Membership.objects.create(user=employer_editor, organisation=other, role="editor")
        secret = token(employer_editor, organisation=other)
        assert create(secret, skills=[skill["Omvårdnad"].pk]).status_code == 404


class TestGapAnalysis:
    def test_the_response_follows_the_contract(self, learner, make_mc, award, skill):
        award(make_mc("Basal hygien", [skill["Omvårdnad"]], hours=20))
        ergonomics = make_mc("Ergonomi", [skill["Ergonomi"]], hours=8, ects="0.5")
        response = call(
            "post",
            "/api/v1/gap-analysis",
            token(learner, scopes=("read",)),
            {"skills": [skill["Omvårdnad"].pk, skill["Ergonomi"].pk, skill["Kassavana"].pk]},
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) >= {"covered", "missing", "recommended", "uncoverable", "method", "totals"}
        assert body["covered"][0]["skill"] == skill["Omvårdnad"].pk
        assert body["covered"][0]["credential"]
        assert body["covered"][0]["imported"] is False
        assert [m["skill"] for m in body["missing"]] == [skill["Ergonomi"].pk, skill["Kassavana"].pk]
        recommended = body["recommended"][0]
        assert recommended["microcredential"] == ergonomics.microcredential_id
        assert [s["id"] for s in recommended["covers"]] == [skill["Ergonomi"].pk]
        assert recommended["workload_hours"] == 8
        assert recommended["provider"] == "Högskolan Kristianstad"
        assert [u["skill"] for u in body["uncoverable"]] == [skill["Kassavana"].pk]
        assert body["method"] == "exact"
        assert body["totals"]["workload_hours"] == 8
        assert body["totals"]["required_covered"] == 1

    def test_an_organisation_token_cannot_ask_for_a_gap(self, employer_editor, employer, skill):
        secret = token(employer_editor, organisation=employer)
        response = call("post", "/api/v1/gap-analysis", secret, {"skills": [skill["Omvårdnad"].pk]})
        assert response.status_code == 403
        assert response.json()["code"] == "personal_token_needed"

    def test_a_gap_is_always_the_callers_own(self, learner, make_mc, award, skill):
        award(make_mc("Basal hygien", [skill["Omvårdnad"]], hours=20))
        someone = token(UserFactory())
        body = call("post", "/api/v1/gap-analysis", someone, {"skills": [skill["Omvårdnad"].pk]}).json()
        assert body["covered"] == []

    @pytest.mark.parametrize(
        ("body", "status", "code"),
        [
            ({}, 422, "gap_target_needed"),
            ({"skills": []}, 422, "no_skills"),
            ({"skills": [999_999]}, 422, "unknown_skills"),
            ({"skills": list(range(1, 501))}, 422, "too_many_skills"),
            ({"occupation": 999_999}, 422, "unknown_occupation"),
            ({"role_profile": 999_999}, 404, "not_found"),
            ({"role_profile": 1, "skills": [1]}, 422, "gap_target_needed"),
        ],
    )
    def test_bad_input_gets_a_clear_error(self, learner, body, status, code):
        response = call("post", "/api/v1/gap-analysis", token(learner), body)
        assert response.status_code == status, response.content
        assert response.json()["code"] == code


class TestOccupations:
    def test_closest_occupations_rank_by_overlap_and_flag_shortages(
        self, learner, care_group, shop_group, make_mc, award, skill, region_admin
    ):
        award(make_mc("Demens och ergonomi", [skill["Demensvård"], skill["Ergonomi"], skill["Omvårdnad"]]))
        admin = token(region_admin, scopes=("read", "admin"))
        marked = call(
            "post",
            "/api/v1/shortage-occupations",
            admin,
            {"occupation": care_group.pk, "marked_on": "2026-11-01", "source": "Yrkesbarometern"},
        )
        assert marked.status_code == 201, marked.content
        body = call("get", "/api/v1/me/closest-occupations", token(learner)).json()
        assert [o["code"] for o in body] == ["5330", "5223"]
        assert (body[0]["have"], body[0]["total"]) == (3, 5)
        assert body[0]["shortage"]["source"] == "Yrkesbarometern"
        assert body[1]["shortage"] is None
        only = call("get", "/api/v1/me/closest-occupations?shortage_only=true", token(learner)).json()
        assert [o["code"] for o in only] == ["5330"]

    def test_only_region_admins_mark_shortage_occupations(self, employer_editor, care_group):
        response = call(
            "post",
            "/api/v1/shortage-occupations",
            token(employer_editor, scopes=("read", "admin")),
            {"occupation": care_group.pk, "marked_on": "2026-11-01", "source": "Egen bedömning"},
        )
        assert response.status_code == 403
