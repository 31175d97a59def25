"""Gap analysis: what the learner's verified skills cover of a role, what is missing, and the published
micro-credentials that close the gap in the required skills with the least workload."""

from __future__ import annotations

import pytest

from mimis.errors import NotFound
from mimis.matching import services
from mimis.matching.errors import GapTargetNeeded, NoSkills, TooManySkills, UnknownOccupation, UnknownSkills
from mimis.matching.gap import gap_analysis
from mimis.matching.services import SkillSpec

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(employer, employer_editor, skill):  # type: ignore[no-untyped-def]
    """Vårdbiträde: four required skills, one meritorious."""
    return services.create_role_profile(
        organisation=employer,
        acting_user=employer_editor,
        title="Vårdbiträde",
        visibility="shared",
        skills=[
            SkillSpec(skill["Omvårdnad"].pk, "required", 5),
            SkillSpec(skill["Demensvård"].pk),
            SkillSpec(skill["Ergonomi"].pk),
            SkillSpec(skill["Förflyttningsteknik"].pk),
            SkillSpec(skill["Social dokumentation"].pk, "meritorious"),
        ],
    )


@pytest.fixture
def catalogue(make_mc, skill):  # type: ignore[no-untyped-def]
    return {
        "hygiene": make_mc("Basal hygien", [skill["Omvårdnad"]], hours=20),
        "dementia": make_mc("Demensvård grund", [skill["Demensvård"]], hours=40),
        "handling": make_mc(
            "Förflyttning och ergonomi", [skill["Ergonomi"], skill["Förflyttningsteknik"]], hours=12
        ),
        "ergonomics": make_mc("Ergonomi", [skill["Ergonomi"]], hours=8),
        "transfers": make_mc("Förflyttningsteknik", [skill["Förflyttningsteknik"]], hours=8),
        "big": make_mc(
            "Vårdbiträdesutbildning",
            [
                skill["Demensvård"],
                skill["Ergonomi"],
                skill["Förflyttningsteknik"],
                skill["Social dokumentation"],
            ],
            hours=200,
        ),
    }


class TestGapToARoleProfile:
    def test_covered_skills_name_the_credential_that_proves_them(
        self, learner, role, catalogue, award, skill
    ):
        credential = award(catalogue["hygiene"])
        result = gap_analysis(learner=learner, role_profile=role.pk)
        assert [(c.skill, c.proof.credential_id, c.proof.imported) for c in result.covered] == [
            (skill["Omvårdnad"], str(credential.pk), False)
        ]
        assert result.target.version == role.current_version
        assert (result.required_covered, result.required_total) == (1, 4)

    def test_missing_skills_are_split_into_required_and_meritorious(
        self, learner, role, catalogue, award, skill
    ):
        award(catalogue["hygiene"])
        result = gap_analysis(learner=learner, role_profile=role.pk)
        assert {m.skill.preferred_label for m in result.missing_required} == {
            "Demensvård",
            "Ergonomi",
            "Förflyttningsteknik",
        }
        assert [m.skill for m in result.missing_meritorious] == [skill["Social dokumentation"]]

    def test_the_recommendation_covers_the_missing_required_skills_with_least_workload(
        self, learner, role, catalogue, award
    ):
        award(catalogue["hygiene"])
        result = gap_analysis(learner=learner, role_profile=role.pk)
        # Demensvård (40 h) + Förflyttning och ergonomi (12 h) = 52 h beats the 200-hour course and
        # beats Ergonomi + Förflyttningsteknik (16 h, two courses instead of one 12-hour one).
        assert {r.version for r in result.recommended} == {catalogue["dementia"], catalogue["handling"]}
        assert result.total_hours == 52
        assert result.method == "exact"
        reasons = {r.version.title: r.reason for r in result.recommended}
        assert reasons["Förflyttning och ergonomi"] == "Täcker Ergonomi och Förflyttningsteknik"

    def test_skills_no_published_micro_credential_offers_are_uncoverable(self, learner, role, make_mc, skill):
        make_mc("Demensvård grund", [skill["Demensvård"]], hours=40)
        result = gap_analysis(learner=learner, role_profile=role.pk)
        assert {m.skill.preferred_label for m in result.uncoverable} == {
            "Omvårdnad",
            "Ergonomi",
            "Förflyttningsteknik",
            "Social dokumentation",
        }
        assert [r.version.title for r in result.recommended] == ["Demensvård grund"]

    def test_a_draft_micro_credential_is_never_recommended(self, learner, role, make_mc, skill):
        version = make_mc("Demensvård grund", [skill["Demensvård"]], hours=40)
        version.status = "draft"
        version.save()
        assert gap_analysis(learner=learner, role_profile=role.pk).recommended == []

    def test_a_revoked_credential_leaves_its_skills_missing(self, learner, role, catalogue, award):
        from mimis.issuing import services as issuing

        credential = award(catalogue["hygiene"])
        issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        result = gap_analysis(learner=learner, role_profile=role.pk)
        assert result.covered == []
        assert catalogue["hygiene"] in {r.version for r in result.recommended}

    def test_an_edit_makes_a_new_version_and_the_analysis_names_it(
        self, learner, role, employer_editor, skill
    ):
        first = role.current_version
        services.update_role_profile(
            profile=role, acting_user=employer_editor, skills=[SkillSpec(skill["Kassavana"].pk)]
        )
        result = gap_analysis(learner=learner, role_profile=role.pk)
        assert result.target.version.number == 2
        assert [m.skill for m in result.missing] == [skill["Kassavana"]]
        assert list(first.profile_skills.values_list("skill__preferred_label", flat=True))[0] == "Omvårdnad"

    def test_a_private_profile_of_another_organisation_is_not_found(self, learner, role, employer_editor):
        services.update_role_profile(profile=role, acting_user=employer_editor, visibility="private")
        with pytest.raises(NotFound):
            gap_analysis(learner=learner, role_profile=role.pk)


class TestOtherTargets:
    def test_an_occupation_name_is_read_as_its_groups_related_skills(
        self, learner, care_name, catalogue, award
    ):
        award(catalogue["hygiene"])
        result = gap_analysis(learner=learner, occupation=care_name.pk)
        assert result.target.occupation == care_name.parent
        assert result.required_total == 5
        assert result.required_covered == 1

    def test_a_list_of_skills_is_compared_as_required_skills(self, learner, skill, catalogue):
        result = gap_analysis(learner=learner, skills=[skill["Ergonomi"].pk])
        assert [r.version for r in result.recommended] == [catalogue["ergonomics"]]

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({}, GapTargetNeeded),
            ({"skills": []}, NoSkills),
            ({"skills": [999_999]}, UnknownSkills),
            ({"skills": list(range(1, 501))}, TooManySkills),
            ({"occupation": 999_999}, UnknownOccupation),
            ({"role_profile": 999_999}, NotFound),
        ],
    )
    def test_bad_targets_get_a_clear_error(self, learner, db, kwargs, error):
        with pytest.raises(error):
            gap_analysis(learner=learner, **kwargs)


def test_role_profiles_are_employers_demand_in_regional_insights(role, employer, region, skill):
    from mimis.insights import selectors as insights_selectors
    from mimis.matching.selectors import role_profile_skill_demand

    services.create_role_profile(
        organisation=region,
        acting_user=None,
        title="Mall: vårdbiträde",
        visibility="shared",
        is_template=True,
        skills=[SkillSpec(skill["Ergonomi"].pk)],
    )
    demand = sorted(role_profile_skill_demand())
    assert demand == sorted(
        [
            (skill["Omvårdnad"].pk, True, employer.pk),
            (skill["Demensvård"].pk, True, employer.pk),
            (skill["Ergonomi"].pk, True, employer.pk),  # once: the template is an example, not demand
            (skill["Förflyttningsteknik"].pk, True, employer.pk),
            (skill["Social dokumentation"].pk, False, employer.pk),
        ]
    )
    rows = {r.concept_id: r for r in insights_selectors.skill_supply_and_demand()}
    assert rows[skill["Demensvård"].pk].employers == 1
    assert rows[skill["Demensvård"].pk].employers_required == 1
    assert rows[skill["Social dokumentation"].pk].employers_required == 0
