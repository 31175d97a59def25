"""The lexicon: keys derived from JobTech labels, the curated lists, and a cache that follows imports."""

from __future__ import annotations

import json
import zipfile

import pytest

from mimis.skills.lexicon import derive_keys, stop_phrases, synonyms, workplace_ids
from mimis.skills.selectors import suggest_skills
from mimis.taxonomy.importers.jobtech import BUNDLE
from mimis.taxonomy.models import Concept


class TestDeriveKeys:
    def test_the_part_before_a_comma_names_the_skill_when_the_rest_is_its_kind(self) -> None:
        assert derive_keys("SOAP, kommunikationsprotokoll") == ["SOAP, kommunikationsprotokoll", "SOAP"]

    def test_the_part_before_a_comma_is_not_used_when_the_rest_makes_it_another_skill(self) -> None:
        assert derive_keys("Engelska, undervisning gymnasienivå") == ["Engelska, undervisning gymnasienivå"]
        assert derive_keys("Vård av äldre, specialistområde för sjuksköterska") == [
            "Vård av äldre, specialistområde för sjuksköterska"
        ]

    def test_slash_alternatives_are_keys(self) -> None:
        assert derive_keys("Digital marknadsföring/Onlinemarknadsföring") == [
            "Digital marknadsföring/Onlinemarknadsföring",
            "Digital marknadsföring",
            "Onlinemarknadsföring",
        ]

    def test_a_category_prefix_is_dropped(self) -> None:
        assert "Sony Creative Software ACID Pro" in derive_keys("Ljud-Sony Creative Software ACID Pro")

    def test_certificates_are_found_by_what_they_certify(self) -> None:
        keys = derive_keys("Utbildningsbevis, fallskydd")
        assert "fallskydd" in keys
        assert "Utbildningsbevis i fallskydd" in keys


def _export_ids() -> set[str]:
    """The skill ids of the JobTech export bundled with MIMIS."""
    with zipfile.ZipFile(BUNDLE) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith("skills.json"))
        return {c["id"] for c in json.loads(bundle.read(name).decode("utf-8"))["data"]["concepts"]}


class TestCuratedLists:
    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_every_synonym_id_is_a_skill_of_the_taxonomy_export(self, language: str) -> None:
        ids = _export_ids()
        rows = synonyms(language)
        assert len(rows) > 50
        unknown = [
            (row.phrase, source_id) for row in rows for source_id in row.source_ids if source_id not in ids
        ]
        assert unknown == []
        assert all(row.source_ids and row.comment for row in rows)

    def test_every_workplace_id_is_a_skill_of_the_taxonomy_export(self) -> None:
        workplaces = workplace_ids()
        assert "xowU_8Wu_K7C" in workplaces  # Hemtjänst
        assert workplaces <= _export_ids()

    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_stop_phrases_are_read(self, language: str) -> None:
        assert "client" in stop_phrases(language)


@pytest.mark.django_db
@pytest.mark.usefixtures("jobtech_skills")
class TestLexiconCache:
    def test_a_new_skill_is_found_after_it_is_imported(self) -> None:
        text = "Du har erfarenhet av kvantvävning."
        assert suggest_skills(text).skills == []
        Concept.objects.create(
            scheme="skill", source="mimis-demo", source_id="test-kvant", preferred_label="Kvantvävning"
        )
        assert [s.label for s in suggest_skills(text).skills] == ["Kvantvävning"]

    def test_a_deprecated_skill_is_not_suggested(self) -> None:
        Concept.objects.filter(source="jobtech", preferred_label="Truckvana").update(deprecated=True)
        assert "Truckvana" not in {s.label for s in suggest_skills("Du har truckvana.").skills}
