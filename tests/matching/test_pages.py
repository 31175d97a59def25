"""The pages: an employer's competence needs (make a profile from an occupation, edit it into a new
version), a learner's paths to jobs and gap page, the region's shortage occupations; who may see what."""

from __future__ import annotations

import pytest

from mimis.matching import services
from mimis.matching.models import RoleProfile, ShortageOccupation
from mimis.matching.services import SkillSpec
from tests.conftest import signed_in, verified_client
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(employer, employer_editor, skill):  # type: ignore[no-untyped-def]
    return services.create_role_profile(
        organisation=employer,
        acting_user=employer_editor,
        title="Vårdbiträde",
        visibility="shared",
        skills=[SkillSpec(skill["Omvårdnad"].pk), SkillSpec(skill["Ergonomi"].pk)],
    )


class TestCompetenceNeeds:
    def test_an_editor_makes_a_profile_from_an_occupation(self, employer, employer_editor, care_group):
        response = signed_in(employer_editor).post(
            "/organisations/kristianstad/role-profiles/",
            {"from_occupation": "1", "occupation": care_group.pk},
        )
        profile = RoleProfile.objects.get(organisation=employer)
        assert response.status_code == 302
        assert response.url == f"/organisations/kristianstad/role-profiles/{profile.pk}/"
        assert profile.current_version.profile_skills.count() == 5

    def test_editing_saves_a_new_version(self, employer_editor, profile, skill):
        url = f"/organisations/kristianstad/role-profiles/{profile.pk}/"
        page = signed_in(employer_editor).get(url)
        assert "Kompetensbehov" in page.content.decode()
        response = signed_in(employer_editor).post(
            url,
            {
                "title": "Vårdbiträde natt",
                "visibility": "shared",
                f"requirement-{skill['Omvårdnad'].pk}": "meritorious",
                f"weight-{skill['Omvårdnad'].pk}": "4",
                f"remove-{skill['Ergonomi'].pk}": "1",
                "add": [skill["Demensvård"].pk],
            },
        )
        assert response.status_code == 302
        profile.refresh_from_db()
        version = profile.current_version
        assert (version.number, version.title) == (2, "Vårdbiträde natt")
        assert [(s.skill.preferred_label, s.requirement, s.weight) for s in version.profile_skills.all()] == [
            ("Omvårdnad", "meritorious", 4),
            ("Demensvård", "required", None),
        ]

    def test_removing_every_skill_is_refused_and_loses_nothing(self, employer_editor, profile, skill):
        url = f"/organisations/kristianstad/role-profiles/{profile.pk}/"
        response = signed_in(employer_editor).post(
            url,
            {
                "title": "Vårdbiträde",
                "visibility": "shared",
                f"remove-{skill['Omvårdnad'].pk}": "1",
                f"remove-{skill['Ergonomi'].pk}": "1",
            },
        )
        assert response.status_code == 200
        assert "Välj minst en färdighet." in response.content.decode()
        profile.refresh_from_db()
        assert profile.current_version.number == 1

    def test_outsiders_do_not_see_an_organisations_profiles(self, profile):
        response = signed_in(UserFactory()).get("/organisations/kristianstad/role-profiles/")
        assert response.status_code == 404

    def test_a_viewer_sees_the_profiles_but_cannot_change_them(self, employer, profile):
        viewer = member(employer, "viewer")
        page = signed_in(viewer).get(f"/organisations/kristianstad/role-profiles/{profile.pk}/")
        assert page.status_code == 200
        assert "Spara som ny version" not in page.content.decode()


class TestPathsToJobs:
    def test_the_gap_page_explains_what_is_missing_and_what_closes_it(
        self, learner, profile, make_mc, award, skill
    ):
        award(make_mc("Basal hygien", [skill["Omvårdnad"]], hours=20))
        make_mc("Förflyttning och ergonomi", [skill["Ergonomi"]], hours=12)
        page = signed_in(learner).get(f"/my/paths-to-jobs/role/{profile.pk}/").content.decode()
        assert "Du har 1 av de 2 färdigheter som krävs." in page
        assert "Förflyttning och ergonomi" in page
        assert "Täcker Ergonomi." in page
        assert "Ungefär 12 timmars studier" in page
        assert "visas av ”Basal hygien”" in page

    def test_shortage_occupations_are_the_default_view(
        self, learner, care_group, shop_group, make_mc, award, skill
    ):
        award(make_mc("Kassa och omvårdnad", [skill["Kassavana"], skill["Omvårdnad"]]))
        ShortageOccupation.objects.create(
            occupation=care_group, marked_on="2026-10-01", source="Yrkesbarometern"
        )
        page = signed_in(learner).get("/my/paths-to-jobs/").content.decode()
        assert "Bristyrken i Skåne som passar dina färdigheter" in page
        assert "Vårdbiträden" in page
        assert "Butikssäljare" not in page
        everything = signed_in(learner).get("/my/paths-to-jobs/?all=1").content.decode()
        assert "Butikssäljare" in everything

    def test_the_learner_menu_links_to_paths_to_jobs(self, learner):
        page = signed_in(learner).get("/start/").content.decode()
        assert "/my/paths-to-jobs/" in page


class TestShortageOccupations:
    def test_a_region_admin_marks_a_shortage_occupation(self, region_admin, care_group):
        response = verified_client(region_admin).post(
            "/platform/shortage-occupations/",
            {
                "mark": "1",
                "occupation": care_group.pk,
                "marked_on": "2026-10-01",
                "source": "Yrkesbarometern",
            },
        )
        assert response.status_code == 302
        assert ShortageOccupation.objects.get().source == "Yrkesbarometern"

    def test_others_cannot_open_the_page(self, employer_editor):
        assert signed_in(employer_editor).get("/platform/shortage-occupations/").status_code == 403


class TestOtherStarts:
    def test_a_profile_from_a_pasted_job_ad_keeps_the_skills_ticked(self, employer, employer_editor, skill):
        url = "/organisations/kristianstad/role-profiles/job-ad/"
        ad = "Vi söker ett vårdbiträde. Du har erfarenhet av omvårdnad och ergonomi."
        found = signed_in(employer_editor).post(url, {"title": "Vårdbiträde", "text": ad}).content.decode()
        assert f'value="{skill["Omvårdnad"].pk}"' in found
        response = signed_in(employer_editor).post(
            url, {"title": "Vårdbiträde", "text": ad, "save": "1", "keep": [skill["Ergonomi"].pk]}
        )
        assert response.status_code == 302
        version = RoleProfile.objects.get(organisation=employer).current_version
        assert version.origin == "job_ad"
        assert [s.skill for s in version.profile_skills.all()] == [skill["Ergonomi"]]

    def test_an_employer_copies_a_template_of_the_region(self, region, employer, employer_editor, skill):
        template = services.create_role_profile(
            organisation=region,
            acting_user=None,
            title="Lagerarbetare",
            visibility="shared",
            is_template=True,
            skills=[SkillSpec(skill["Kassavana"].pk, "meritorious", 2)],
        )
        page = signed_in(employer_editor).get("/organisations/kristianstad/role-profiles/").content.decode()
        assert "Kopiera ”Lagerarbetare”" in page
        signed_in(employer_editor).post(
            "/organisations/kristianstad/role-profiles/", {"from_template": "1", "template": template.pk}
        )
        copy = RoleProfile.objects.get(organisation=employer)
        assert copy.visibility == "private"
        assert copy.current_version.based_on == template.current_version
        assert [(s.requirement, s.weight) for s in copy.current_version.profile_skills.all()] == [
            ("meritorious", 2)
        ]

    def test_the_organisation_menu_links_to_competence_needs(self, employer_editor, employer):
        page = signed_in(employer_editor).get("/start/").content.decode()
        assert "/organisations/kristianstad/role-profiles/" in page


class TestCommand:
    def test_refresh_and_gap_from_the_command_line(self, learner, make_mc, award, skill):
        import json
        from io import StringIO

        from django.core.management import call_command

        award(make_mc("Basal hygien", [skill["Omvårdnad"]], hours=20))
        out = StringIO()
        call_command("matching", "refresh", "--learner", learner.email, stdout=out)
        assert "1 learners" in out.getvalue()
        out = StringIO()
        call_command(
            "matching", "gap", "--learner", learner.email, "--skills", str(skill["Omvårdnad"].pk), stdout=out
        )
        assert json.loads(out.getvalue())["totals"]["required_covered"] == 1


class TestTemplates:
    def test_a_region_editor_publishes_a_profile_as_a_template(self, region, skill):
        editor = member(region, "editor")
        response = signed_in(editor).post(
            "/organisations/region/role-profiles/new/",
            {
                "title": "Lagerarbetare",
                "visibility": "shared",
                "is_template": "on",
                "add": [skill["Kassavana"].pk],
            },
        )
        assert response.status_code == 302
        assert RoleProfile.objects.get(organisation=region).is_template

    def test_an_employer_has_no_template_choice(self, employer_editor):
        page = (
            signed_in(employer_editor).get("/organisations/kristianstad/role-profiles/new/").content.decode()
        )
        assert "is_template" not in page
