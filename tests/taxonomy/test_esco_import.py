from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.models import Concept, ConceptRelation
from mimis.taxonomy.services import import_esco
from tests.taxonomy.conftest import ESCO_DIR

SKILL = "http://data.europa.eu/esco/skill/a1b2c3d4-0001-4000-8000-00000000000"
OCCUPATION = "http://data.europa.eu/esco/occupation/b1b2c3d4-0002-4000-8000-00000000000"


@pytest.mark.django_db
class TestImportEsco:
    def test_the_fixture_is_imported_with_labels_definitions_relations_and_parents(self) -> None:
        report = import_esco(directory=ESCO_DIR)

        assert report.concepts == {"skill": {"created": 8}, "occupation_name": {"created": 3}}
        assert report.relations == {
            "essential_skill": {"created": 7},
            "optional_skill": {"created": 2},
            "broader": {"created": 2, "skipped": 1},
        }
        hygiene = Concept.objects.get(source="esco", source_id=f"{SKILL}1")
        assert hygiene.preferred_label == "hantera basal hygien"
        assert hygiene.alternative_labels == ["tillämpa basala hygienrutiner", "följa hygienrutiner"]
        assert hygiene.definition.startswith("Följa rutiner för handhygien")
        assert hygiene.parent_id is None  # its broader skill group is not in the fixture
        dementia = Concept.objects.select_related("parent").get(source_id=f"{SKILL}2")
        assert dementia.parent.preferred_label == "omvårdnad"
        nurse = Concept.objects.get(source_id=f"{OCCUPATION}1")
        assert (nurse.scheme, nurse.code) == ("occupation_name", "5321.1")
        assert set(
            ConceptRelation.objects.filter(from_concept=nurse, kind="essential_skill").values_list(
                "to_concept__preferred_label", flat=True
            )
        ) == {
            "hantera basal hygien",
            "ge omsorg till personer med demenssjukdom",
            "dokumentera i omsorgsjournal",
            "bemöta vårdtagare",
        }

    def test_a_second_import_changes_nothing(self) -> None:
        import_esco(directory=ESCO_DIR)
        ids = dict(Concept.objects.values_list("source_id", "id"))

        report = import_esco(directory=ESCO_DIR)

        assert report.total("created") == report.total("updated") == 0
        assert report.total("unchanged") == 11
        assert dict(Concept.objects.values_list("source_id", "id")) == ids

    def test_an_english_import_adds_english_labels_without_replacing_the_swedish_ones(
        self, tmp_path: Path
    ) -> None:
        import_esco(directory=ESCO_DIR)
        (tmp_path / "skills_en.csv").write_text(
            "conceptType,conceptUri,preferredLabel,altLabels,description\n"
            f'KnowledgeSkillCompetence,{SKILL}1,apply basic hygiene,"follow hygiene routines",Follow routines.\n',
            encoding="utf-8",
        )

        report = import_esco(directory=tmp_path, language="en")

        hygiene = Concept.objects.get(source_id=f"{SKILL}1")
        assert (hygiene.preferred_label, hygiene.preferred_label_en) == (
            "hantera basal hygien",
            "apply basic hygiene",
        )
        assert report.concepts["skill"]["updated"] == 1
        assert report.concepts["skill"]["deprecated"] == 7  # the English file here holds one skill only


@pytest.mark.django_db
class TestBadEscoInput:
    def _copy(self, tmp_path: Path) -> Path:
        target = tmp_path / "esco"
        shutil.copytree(ESCO_DIR, target)
        return target

    def test_a_truncated_csv_names_the_file_and_line_and_saves_nothing(self, tmp_path: Path) -> None:
        directory = self._copy(tmp_path)
        path = directory / "occupations_sv.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("hemtjänstpersonal") + 5], encoding="utf-8")

        with pytest.raises(TaxonomyImportError) as caught:
            import_esco(directory=directory)

        assert caught.value.message.startswith("occupations_sv.csv: line ")
        assert "truncated" in caught.value.message
        assert Concept.objects.count() == 0

    def test_a_missing_column_is_named(self, tmp_path: Path) -> None:
        directory = self._copy(tmp_path)
        path = directory / "skills_sv.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace("preferredLabel", "label", 1), encoding="utf-8"
        )

        with pytest.raises(TaxonomyImportError) as caught:
            import_esco(directory=directory)

        assert caught.value.message.startswith("skills_sv.csv: line 1: ")
        assert "preferredLabel" in caught.value.message
        assert Concept.objects.count() == 0

    def test_an_unknown_relation_type_names_the_line_and_field(self, tmp_path: Path) -> None:
        directory = self._copy(tmp_path)
        path = directory / "occupationSkillRelations_sv.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace(",optional,", ",sometimes,", 1), encoding="utf-8"
        )

        with pytest.raises(TaxonomyImportError) as caught:
            import_esco(directory=directory)

        assert "occupationSkillRelations_sv.csv: line 6, relationType" in caught.value.message
        assert Concept.objects.count() == 0

    def test_an_invalid_language_code_is_refused(self) -> None:
        with pytest.raises(TaxonomyImportError) as caught:
            import_esco(directory=ESCO_DIR, language="../sv")

        assert caught.value.field == "language"

    def test_a_file_that_is_not_utf8_names_the_byte(self, tmp_path: Path) -> None:
        directory = self._copy(tmp_path)
        path = directory / "skills_sv.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))

        with pytest.raises(TaxonomyImportError) as caught:
            import_esco(directory=directory)

        assert caught.value.message.startswith("skills_sv.csv: byte ")
        assert Concept.objects.count() == 0
