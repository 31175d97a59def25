"""The curated lists read everyday ad phrasings of the pilot occupations' skills, in Swedish and English.

The phrasings are written here from the taxonomy's related skills of each occupation group (SSYK-4), not taken
from the labelled benchmark set: a paraphrase a recruiter would sign maps to the skill, a job title does not.
"""

from __future__ import annotations

import pytest

from mimis.skills.selectors import suggest_skills

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jobtech_skills")]


def _by_label(text: str) -> dict:  # type: ignore[type-arg]
    return {skill.label: skill for skill in suggest_skills(text).skills}


class TestSwedishPhrasings:
    @pytest.mark.parametrize(
        ("text", "label", "evidence"),
        [
            (
                "Du kommer att hjälpa till med dusch och hygien.",
                "Personlig omvårdnad",
                "hjälpa till med dusch",
            ),
            (
                "Du ska kunna ge läkemedel enligt ordination.",
                "Läkemedelsansvarig, erfarenhet",
                "ge läkemedel",
            ),
            ("Du skriver daganteckningar varje pass.", "Social dokumentation", "daganteckningar"),
            ("Du är van vid att köra truck.", "Truckvana", "van vid att köra truck"),
            ("Arbetet innebär tunga lyft.", "God fysik (tunga lyft)", "tunga lyft"),
            ("Du ska fylla på varor och hålla butiken fin.", "Påfyllningsservice", "fylla på varor"),
            ("Du har arbetat med lokalvård i några år.", "Städtjänster", "lokalvård"),
            ("Du kan bona golv med maskin.", "Golvvård", "bona golv"),
            ("Du har erfarenhet av månadsbokslut.", "Bokslut", "månadsbokslut"),
            ("Du kan binda armering.", "Armering", "binda armering"),
        ],
    )
    def test_an_everyday_phrasing_finds_the_skill(self, text: str, label: str, evidence: str) -> None:
        skill = _by_label(text)[label]
        assert [span.text for span in skill.spans] == [evidence]
        assert text[skill.spans[0].start : skill.spans[0].end] == evidence

    def test_a_job_title_is_not_the_skill(self) -> None:
        assert "Städtjänster" not in _by_label("Vi söker lokalvårdare till skolor i Malmö.")


class TestEnglishPhrasings:
    @pytest.mark.parametrize(
        ("text", "label", "evidence"),
        [
            ("You will help with showering and meals.", "Personlig omvårdnad", "help with showering"),
            (
                "You have experience of medication administration.",
                "Läkemedelsansvarig, erfarenhet",
                "medication administration",
            ),
            ("You can drive a forklift safely.", "Truckvana", "drive a forklift"),
            (
                "You keep the shelves full and handle customer complaints.",
                "Reklamationer, handläggningsvana",
                "customer complaints",
            ),
            ("You work with 5S on the line.", "Ständiga förbättringar/Lean", "5S"),
            ("You handle supplier invoices.", "Leverantörsreskontra", "supplier invoices"),
            ("You have a MEWP card.", "Utbildningsbevis, mobila arbetsplattformar", "MEWP"),
        ],
    )
    def test_an_everyday_phrasing_finds_the_skill(self, text: str, label: str, evidence: str) -> None:
        skill = _by_label(text)[label]
        assert [span.text for span in skill.spans] == [evidence]
