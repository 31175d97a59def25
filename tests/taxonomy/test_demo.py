from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import translation

from mimis.taxonomy.demo_data import ENGLISH_LABELS, load_demo_taxonomy
from mimis.taxonomy.models import Concept, ConceptRelation, TaxonomyImport
from mimis.taxonomy.selectors import search_concepts, taxonomy_version
from mimis.taxonomy.services import import_jobtech
from tests.taxonomy.conftest import skill, write_concepts
from tests.taxonomy.test_jobtech_import import EXPECTED_CONCEPTS, EXPECTED_RELATIONS


@pytest.mark.django_db
class TestDemoTaxonomy:
    def test_the_demo_has_the_full_taxonomy_and_a_second_load_imports_nothing(self) -> None:
        assert load_demo_taxonomy() == sum(EXPECTED_CONCEPTS.values())
        assert Concept.objects.count() == sum(EXPECTED_CONCEPTS.values())
        assert ConceptRelation.objects.count() == sum(EXPECTED_RELATIONS.values())
        assert taxonomy_version() == "30"

        assert load_demo_taxonomy() == 0
        assert TaxonomyImport.objects.count() == 1

    def test_the_pilot_concepts_have_our_english_names_and_are_found_by_them(self) -> None:
        load_demo_taxonomy()

        group = Concept.objects.select_related("parent").get(source_id="jY19_knH_MJp")
        assert (group.code, group.parent.code, group.preferred_label_en[:16]) == (
            "5321",
            "532",
            "Assistant nurses",
        )
        assert group.definition  # from the export
        assert Concept.objects.filter(source_id__in=ENGLISH_LABELS, preferred_label_en="").count() == 0
        assert [c.source_id for c in search_concepts(query="demensvården", scheme="skill")][
            0
        ] == "hqYJ_jyZ_Ks8"
        assert "hqYJ_jyZ_Ks8" in [c.source_id for c in search_concepts(query="dementia care", scheme="skill")]
        with translation.override("en"):
            assert Concept.objects.get(source_id="hqYJ_jyZ_Ks8").display_label == "Dementia care"
        with translation.override("sv"):
            assert Concept.objects.get(source_id="hqYJ_jyZ_Ks8").display_label == "Demensvård"

    def test_every_overlay_id_is_a_concept_of_the_bundled_taxonomy(self) -> None:
        load_demo_taxonomy()

        found = set(Concept.objects.filter(source_id__in=ENGLISH_LABELS).values_list("source_id", flat=True))
        assert found == set(ENGLISH_LABELS)

    def test_english_names_set_elsewhere_are_kept(self) -> None:
        load_demo_taxonomy()
        Concept.objects.filter(source_id="hqYJ_jyZ_Ks8").update(
            preferred_label_en="Care of people with dementia"
        )

        load_demo_taxonomy()

        assert (
            Concept.objects.get(source_id="hqYJ_jyZ_Ks8").preferred_label_en == "Care of people with dementia"
        )

    def test_a_newer_export_someone_imported_is_not_replaced_by_the_bundle(self, tmp_path: Path) -> None:
        write_concepts(tmp_path, "skills.json", [skill("hqYJ_jyZ_Ks8", "Demensvård")])
        (tmp_path / "manifest.json").write_text(json.dumps({"version": "31"}), encoding="utf-8")
        import_jobtech(tmp_path)

        assert load_demo_taxonomy() == 0

        assert taxonomy_version() == "31"
        assert Concept.objects.count() == 1
        assert Concept.objects.get().preferred_label_en == "Dementia care"
