from __future__ import annotations

import time
from pathlib import Path

import pytest

from mimis.audit.models import AuditEntry
from mimis.taxonomy import services
from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.models import Concept, ConceptRelation
from mimis.taxonomy.services import import_jobtech
from tests.taxonomy.conftest import skill, write_concepts

EXPECTED_CONCEPTS = {
    "skill": 6657,
    "occupation_group": 603,  # SSYK 2012: 10 + 46 + 147 + 400
    "occupation_name": 2412,
    "industry": 1817,  # SNI 2007 levels 1–5: 21 + 88 + 272 + 615 + 821
    "education_field": 531,
    "education_level": 71,
    "isco_group": 412,
    "language": 470,
}
EXPECTED_RELATIONS = {"related_skill": 17517, "isco_mapping": 565, "substitutable": 8324}


@pytest.mark.django_db(transaction=False)
class TestImportJobtechFullData:
    def test_full_import_gives_the_published_counts_and_a_second_import_changes_nothing(
        self, jobtech_dir: Path
    ) -> None:
        started = time.perf_counter()
        report = import_jobtech(directory=jobtech_dir)
        first_seconds = time.perf_counter() - started

        assert {scheme: counts["created"] for scheme, counts in report.concepts.items()} == EXPECTED_CONCEPTS
        assert {kind: counts["created"] for kind, counts in report.relations.items()} == EXPECTED_RELATIONS
        assert Concept.objects.filter(scheme="occupation_group", level=4).count() == 400
        assert Concept.objects.count() == sum(EXPECTED_CONCEPTS.values())
        assert ConceptRelation.objects.count() == sum(EXPECTED_RELATIONS.values())
        assert sorted(name for name, _reason in report.files_skipped) == [
            "concept-types.json",
            "eu-regions.json",
            "occupations-with-no-edcuational-requirements.json",
            "sni-level-1.json",
            "sni-level-2.json",
        ]
        assert first_seconds < 30

        group = Concept.objects.select_related("parent").get(scheme="occupation_group", code="5321")
        assert group.source_id == "jY19_knH_MJp"
        assert group.parent.code == "532"
        assert group.definition
        name = Concept.objects.get(source_id="bSEB_VKd_Ub3")
        assert (name.scheme, name.parent_id) == ("occupation_name", group.pk)
        assert Concept.objects.get(source="jobtech", scheme="industry", code="Q").parent_id is None
        ids_before = dict(Concept.objects.values_list("source_id", "id"))

        again = import_jobtech(directory=jobtech_dir)

        assert again.total("created") == 0
        assert again.total("updated") == 0
        assert again.total("deprecated") == 0
        assert again.total("unchanged") == sum(EXPECTED_CONCEPTS.values())
        assert all(set(counts) == {"unchanged"} for counts in again.relations.values())
        assert dict(Concept.objects.values_list("source_id", "id")) == ids_before
        assert AuditEntry.objects.filter(action="taxonomy.imported").count() == 2


@pytest.mark.django_db
class TestReimport:
    def test_a_concept_missing_from_a_reimport_is_deprecated_not_deleted_and_revived_later(
        self, tmp_path: Path
    ) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård"), skill("bbb_2", "Bokföring")])
        import_jobtech(directory=tmp_path)
        kept = Concept.objects.get(source_id="bbb_2")
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])

        report = import_jobtech(directory=tmp_path)

        assert report.concepts["skill"] == {"unchanged": 1, "deprecated": 1}
        kept.refresh_from_db()
        assert kept.deprecated is True
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård"), skill("bbb_2", "Bokföring")])
        assert import_jobtech(directory=tmp_path).concepts["skill"] == {"unchanged": 1, "updated": 1}
        kept.refresh_from_db()
        assert kept.deprecated is False

    def test_a_changed_label_is_updated_in_place_with_the_same_id(self, tmp_path: Path) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvard")])
        import_jobtech(directory=tmp_path)
        before = Concept.objects.get(source_id="aaa_1")
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])

        report = import_jobtech(directory=tmp_path)

        after = Concept.objects.get(source_id="aaa_1")
        assert report.concepts["skill"] == {"updated": 1}
        assert (after.pk, after.preferred_label) == (before.pk, "Demensvård")
        assert "demensvård" in after.search_text

    def test_schemes_whose_file_is_absent_are_left_alone(self, tmp_path: Path) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])
        write_concepts(
            tmp_path,
            "languages.json",
            [{"id": "lang_1", "preferred_label": "Svenska", "type": "language", "iso_639_1_2002": "SV"}],
        )
        import_jobtech(directory=tmp_path)
        (tmp_path / "languages.json").unlink()
        write_concepts(tmp_path, "notes.json", [])

        report = import_jobtech(directory=tmp_path)

        assert report.files_read == ["skills.json"]
        assert report.files_skipped == [("notes.json", "not a file this importer reads")]
        assert Concept.objects.get(source_id="lang_1").deprecated is False


@pytest.mark.django_db
class TestBadJobtechInput:
    @pytest.fixture(autouse=True)
    def _existing(self, tmp_path: Path) -> None:
        write_concepts(tmp_path / "ok", "skills.json", [skill("old_1", "Truckkörning")])
        import_jobtech(directory=tmp_path / "ok")
        self.count = Concept.objects.count()

    def _import_fails(self, directory: Path) -> TaxonomyImportError:
        with pytest.raises(TaxonomyImportError) as caught:
            import_jobtech(directory=directory)
        assert caught.value.code == "taxonomy_import_invalid"
        assert Concept.objects.count() == self.count
        return caught.value

    def test_a_truncated_file_names_the_file_and_position_and_saves_nothing(self, tmp_path: Path) -> None:
        path = write_concepts(
            tmp_path / "in", "skills.json", [skill(f"new_{n}", f"Skill {n}") for n in range(50)]
        )
        write_concepts(
            tmp_path / "in",
            "languages.json",
            [{"id": "l1", "preferred_label": "Svenska", "type": "language"}],
        )
        path.write_bytes(path.read_bytes()[:700])

        error = self._import_fails(tmp_path / "in")

        assert error.message.startswith("skills.json: line 1, column ")
        assert "truncated" in error.message

    def test_a_file_of_the_wrong_shape_names_the_field(self, tmp_path: Path) -> None:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "skills.json").write_text('{"concepts": []}', encoding="utf-8")

        error = self._import_fails(tmp_path / "in")

        assert error.message.startswith("skills.json: data.concepts: ")
        assert error.field == "data.concepts"

    def test_a_concept_without_an_id_deep_in_a_hierarchy_names_its_path(self, tmp_path: Path) -> None:
        write_concepts(tmp_path / "in", "skills.json", [skill("new_1", "Bokföring")])
        write_concepts(
            tmp_path / "in",
            "sni-hierarchy.json",
            [
                {
                    "id": "q_1",
                    "preferred_label": "Vård och omsorg; sociala tjänster",
                    "type": "sni-level-1",
                    "sni_level_code_2007": "Q",
                    "narrower": [{"preferred_label": "Hälso- och sjukvård", "type": "sni-level-2"}],
                }
            ],
        )

        error = self._import_fails(tmp_path / "in")

        assert error.message.startswith("sni-hierarchy.json: data.concepts[0].narrower[0].id: ")

    def test_a_failure_while_writing_rolls_the_whole_import_back(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        write_concepts(tmp_path / "in", "skills.json", [skill("new_1", "Bokföring")])

        def broken_audit(*args: object, **kwargs: object) -> None:
            raise TaxonomyImportError("audit failed")

        monkeypatch.setattr(services, "record", broken_audit)

        self._import_fails(tmp_path / "in")

        assert not Concept.objects.filter(source_id="new_1").exists()

    def test_a_folder_without_taxonomy_files_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "empty").mkdir()

        error = self._import_fails(tmp_path / "empty")

        assert error.field == "directory"

    def test_a_label_too_long_for_the_database_is_named(self, tmp_path: Path) -> None:
        write_concepts(tmp_path / "in", "skills.json", [skill("new_1", "x" * 501)])

        error = self._import_fails(tmp_path / "in")

        assert error.message.startswith("skills.json: data.concepts[0].preferred_label: longer than 500")
