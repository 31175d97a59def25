"""The JobTech Taxonomy bundled with MIMIS, imports from zip archives, recorded versions, the full format."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from mimis.audit.models import AuditEntry
from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.importers import jobtech
from mimis.taxonomy.models import Concept, ConceptRelation, TaxonomyImport
from mimis.taxonomy.selectors import search_concepts, taxonomy_version
from mimis.taxonomy.services import ensure_bundled_jobtech, import_jobtech
from tests.taxonomy.conftest import skill, write_concepts
from tests.taxonomy.test_jobtech_import import EXPECTED_CONCEPTS, EXPECTED_RELATIONS

API_SAMPLE = Path(__file__).resolve().parent / "fixtures" / "jobtech-api"


def _zip(target: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return target


def _bundle_files() -> dict[str, bytes]:
    with zipfile.ZipFile(jobtech.BUNDLE) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_bundle_holds_the_files_the_importer_reads_and_a_cc0_manifest() -> None:
    files = _bundle_files()
    manifest = json.loads(files["manifest.json"])

    assert set(files) == {"manifest.json", *(spec.name for spec in jobtech.FILES)}
    assert (manifest["version"], manifest["downloaded"], manifest["licence"]) == ("30", "2025-12", "CC0-1.0")
    assert 1_000_000 < jobtech.BUNDLE.stat().st_size < 1_500_000


def test_rebuilding_the_bundle_from_the_shared_export_gives_the_same_bytes(
    jobtech_dir: Path, tmp_path: Path
) -> None:
    rebuilt = jobtech.build_bundle(jobtech_dir, tmp_path / "jobtech.zip", version="30", downloaded="2025-12")

    assert rebuilt.read_bytes() == jobtech.BUNDLE.read_bytes()


@pytest.mark.django_db
class TestBundledImport:
    def test_round_trip_gives_the_published_counts_records_the_version_and_changes_nothing_again(
        self,
    ) -> None:
        report = import_jobtech()

        assert {scheme: counts["created"] for scheme, counts in report.concepts.items()} == EXPECTED_CONCEPTS
        assert {kind: counts["created"] for kind, counts in report.relations.items()} == EXPECTED_RELATIONS
        assert Concept.objects.filter(scheme="skill").count() == 6657
        assert Concept.objects.filter(scheme="occupation_group", level=4).count() == 400
        assert ConceptRelation.objects.filter(kind="related_skill").count() == 17517
        assert Concept.objects.filter(scheme="occupation_name").count() == 2412
        assert Concept.objects.filter(scheme="industry", code="Q", level=1).exists()  # SNI
        assert Concept.objects.filter(scheme="education_level").exists()  # SUN
        assert ConceptRelation.objects.filter(kind="substitutable", weight__isnull=False).count() == 8324
        name = Concept.objects.select_related("parent").get(source_id="bSEB_VKd_Ub3")
        assert (name.scheme, name.parent.code, name.parent.parent.code) == ("occupation_name", "5321", "532")
        imported = TaxonomyImport.objects.get()
        assert (imported.source, imported.version, imported.downloaded, imported.origin) == (
            "jobtech",
            "30",
            "2025-12",
            "bundled",
        )
        assert imported.counts["concepts"]["skill"] == {"created": 6657}
        assert taxonomy_version() == "30"
        ids_before = dict(Concept.objects.values_list("source_id", "id"))

        again = import_jobtech()

        assert again.total("created") == again.total("updated") == again.total("deprecated") == 0
        assert again.total("unchanged") == sum(EXPECTED_CONCEPTS.values())
        assert dict(Concept.objects.values_list("source_id", "id")) == ids_before
        assert TaxonomyImport.objects.count() == 2
        assert AuditEntry.objects.filter(action="taxonomy.imported").first().data["version"] == "30"

    def test_ensure_imports_the_bundle_once(self) -> None:
        assert ensure_bundled_jobtech() is not None
        assert ensure_bundled_jobtech() is None
        assert TaxonomyImport.objects.count() == 1

    def test_ensure_leaves_an_import_made_before_versions_were_recorded(self, tmp_path: Path) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])
        import_jobtech(tmp_path)
        TaxonomyImport.objects.all().delete()  # as a database migrated from before this record

        assert ensure_bundled_jobtech() is None
        assert Concept.objects.count() == 1

    def test_a_newer_export_as_a_zip_deprecates_what_it_no_longer_has(self, tmp_path: Path) -> None:
        import_jobtech()
        files = _bundle_files()
        skills = json.loads(files["skills.json"])
        elsewhere = b"".join(content for name, content in files.items() if name != "skills.json")
        # A skill that no occupation lists (a related skill is a concept of that file too).
        gone = next(c for c in skills["data"]["concepts"] if c["id"].encode() not in elsewhere)
        skills["data"]["concepts"].remove(gone)
        files["skills.json"] = json.dumps(skills, ensure_ascii=False).encode()
        files["manifest.json"] = json.dumps({"version": "31", "downloaded": "2026-06"}).encode()
        newer = _zip(tmp_path / "jobtech-31.zip", {f"jobtech-31/{n}": c for n, c in files.items()})

        report = import_jobtech(newer)

        assert report.concepts["skill"] == {"unchanged": 6656, "deprecated": 1}
        concept = Concept.objects.get(source_id=gone["id"])
        assert concept.deprecated is True
        assert taxonomy_version() == "31"
        assert TaxonomyImport.objects.first().origin == "jobtech-31.zip"
        assert ensure_bundled_jobtech() is None  # the demo leaves the newer export alone


@pytest.mark.django_db
class TestVersions:
    def test_an_export_without_a_version_is_recorded_as_unknown(self, tmp_path: Path) -> None:
        write_concepts(tmp_path / "export", "skills.json", [skill("aaa_1", "Demensvård")])

        report = import_jobtech(tmp_path / "export")

        assert report.version == ""
        assert TaxonomyImport.objects.get().version == ""
        assert taxonomy_version() is None

    def test_the_version_option_wins_over_the_export(self, tmp_path: Path) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])
        (tmp_path / "manifest.json").write_text('{"version": 29}', encoding="utf-8")

        assert import_jobtech(tmp_path).version == "29"
        assert import_jobtech(tmp_path, version="30").version == "30"
        assert taxonomy_version() == "30"
        assert taxonomy_version("esco") is None

    def test_the_api_versions_file_gives_the_newest_version(self) -> None:
        import_jobtech(API_SAMPLE)

        assert taxonomy_version() == "30"

    def test_the_versions_endpoint_lists_the_imports(self, client: Client) -> None:
        import_jobtech(API_SAMPLE)

        body = client.get("/api/v1/taxonomy/versions").json()

        assert body["current"] == {"jobtech": "30"}
        assert [(i["source"], i["version"], i["origin"]) for i in body["imports"]] == [
            ("jobtech", "30", "jobtech-api")
        ]
        assert body["imports"][0]["concepts"]["skill"] == {"created": 3}


@pytest.mark.django_db
class TestFullFormat:
    def test_alternative_and_hidden_labels_are_kept_and_found(self) -> None:
        import_jobtech(API_SAMPLE)

        truck = Concept.objects.get(source_id="pGts_PKK_c8W")
        assert truck.alternative_labels == ["Truckkörning", "Erfarenhet av truck"]
        assert truck.hidden_labels == ["Truck vana", "Truckvanna"]
        assert [c.source_id for c in search_concepts(query="truckvanna")] == ["pGts_PKK_c8W"]
        assert [c.source_id for c in search_concepts(query="demensomsorg")] == ["hqYJ_jyZ_Ks8"]
        assert Concept.objects.get(source_id="Fiq4_siu_LXn").alternative_labels == []

    def test_esco_matches_are_stored_with_their_kind(self, client: Client) -> None:
        import_jobtech(API_SAMPLE)

        truck = Concept.objects.get(source_id="pGts_PKK_c8W")
        assert [(m["match"], m["uri"][-1], m["label"]) for m in truck.esco_matches] == [
            ("exact", "1", "köra gaffeltruck"),
            ("broad", "2", "använda lagerutrustning"),
        ]
        detail = client.get(f"/api/v1/taxonomy/concepts/{truck.pk}").json()
        assert detail["esco_matches"][0]["match"] == "exact"
        assert detail["alternative_labels"] == ["Truckkörning", "Erfarenhet av truck"]
        assert "hidden_labels" not in detail

    def test_the_full_format_over_the_plain_bundle_adds_synonyms_in_place(self) -> None:
        import_jobtech()
        before = Concept.objects.get(source_id="pGts_PKK_c8W")

        report = import_jobtech(API_SAMPLE)

        after = Concept.objects.get(source_id="pGts_PKK_c8W")
        assert after.pk == before.pk and after.alternative_labels
        assert report.concepts["skill"]["updated"] == 2  # Bokföringsvana has no synonyms: unchanged
        assert Concept.objects.filter(scheme="skill", deprecated=True).count() == 6657 - 3

    def test_a_synonym_that_is_not_a_text_is_named(self, tmp_path: Path) -> None:
        write_concepts(
            tmp_path,
            "skills.json",
            [{**skill("aaa_1", "Demensvård"), "alternative_labels": ["Demensomsorg", 7]}],
        )

        with pytest.raises(TaxonomyImportError) as caught:
            import_jobtech(tmp_path)

        assert caught.value.message.startswith("skills.json: data.concepts[0].alternative_labels[1]: ")

    def test_a_match_without_uri_or_id_is_named(self, tmp_path: Path) -> None:
        write_concepts(
            tmp_path,
            "skills.json",
            [{**skill("aaa_1", "Demensvård"), "exact_match": [{"preferred_label": "vård"}]}],
        )

        with pytest.raises(TaxonomyImportError) as caught:
            import_jobtech(tmp_path)

        assert caught.value.message.startswith("skills.json: data.concepts[0].exact_match[0].uri: ")
        assert Concept.objects.count() == 0


@pytest.mark.django_db
class TestArchives:
    def test_a_file_that_is_not_a_zip_archive_is_refused_by_name(self, tmp_path: Path) -> None:
        (tmp_path / "export.zip").write_bytes(b"not a zip archive at all")

        with pytest.raises(TaxonomyImportError) as caught:
            import_jobtech(tmp_path / "export.zip")

        assert caught.value.message == "export.zip: it is not a readable zip archive. Nothing was imported."
        assert TaxonomyImport.objects.count() == 0

    def test_a_truncated_archive_is_refused(self, tmp_path: Path) -> None:
        content = jobtech.BUNDLE.read_bytes()
        (tmp_path / "cut.zip").write_bytes(content[: len(content) // 2])

        with pytest.raises(TaxonomyImportError, match=r"^cut\.zip: it is not a readable zip archive"):
            import_jobtech(tmp_path / "cut.zip")
        assert Concept.objects.count() == 0

    def test_a_broken_file_inside_an_archive_is_named(self, tmp_path: Path) -> None:
        archive = _zip(tmp_path / "in.zip", {"skills.json": b'{"data": {"concepts": [{"id": "x"'})

        with pytest.raises(TaxonomyImportError, match=r"^skills\.json: line 1, column \d+: "):
            import_jobtech(archive)

    def test_an_archive_without_taxonomy_files_is_refused(self, tmp_path: Path) -> None:
        archive = _zip(tmp_path / "photos.zip", {"a.txt": b"hello"})

        with pytest.raises(TaxonomyImportError, match="photos.zip holds none of the JobTech Taxonomy files"):
            import_jobtech(archive)

    def test_a_path_that_does_not_exist_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(TaxonomyImportError, match="is not a folder or a zip archive"):
            import_jobtech(tmp_path / "nowhere")


@pytest.mark.django_db
class TestCommand:
    def test_import_jobtech_without_a_path_imports_the_bundle(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        call_command("taxonomy", "import-jobtech")
        call_command("taxonomy", "versions")

        out = capsys.readouterr().out
        assert "Imported jobtech version 30" in out
        assert "skill: created 6657" in out
        assert "jobtech\t30\tbundled\t" in out

    def test_import_jobtech_with_a_zip_and_a_version(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        archive = _zip(tmp_path / "x.zip", {"skills.json": (API_SAMPLE / "skills.json").read_bytes()})

        call_command("taxonomy", "import-jobtech", str(archive), "--version", "30.1")

        assert "Imported jobtech version 30.1" in capsys.readouterr().out
        assert taxonomy_version() == "30.1"

    def test_a_bad_archive_is_a_command_error(self, tmp_path: Path) -> None:
        (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04broken")

        with pytest.raises(CommandError, match=r"^bad\.zip: it is not a readable zip archive"):
            call_command("taxonomy", "import-jobtech", str(tmp_path / "bad.zip"))

    def test_bundle_jobtech_writes_an_archive_that_imports(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        write_concepts(tmp_path / "export", "skills.json", [skill("aaa_1", "Demensvård")])

        call_command(
            "taxonomy",
            "bundle-jobtech",
            str(tmp_path / "export"),
            "--version",
            "31",
            "--downloaded",
            "2026-06",
            "--output",
            str(tmp_path / "out.zip"),
        )

        assert "Wrote" in capsys.readouterr().out
        assert import_jobtech(tmp_path / "out.zip").version == "31"


@pytest.mark.django_db
def test_an_import_tells_the_apps_that_build_on_the_taxonomy(tmp_path: Path) -> None:
    from mimis.taxonomy.signals import taxonomy_imported

    heard = []

    def listener(sender, report, **kwargs):  # type: ignore[no-untyped-def]
        heard.append((sender, report.total("created")))

    taxonomy_imported.connect(listener)
    try:
        write_concepts(tmp_path, "skills.json", [skill("aaaa_bbb_ccc", "Demensvård")])
        import_jobtech(directory=tmp_path)
    finally:
        taxonomy_imported.disconnect(listener)
    assert heard == [("jobtech", 1)]
