from __future__ import annotations

from pathlib import Path

import pytest

from mimis.taxonomy.demo_data import CONCEPTS, RELATED_SKILLS, load_demo_taxonomy
from mimis.taxonomy.models import Concept, ConceptRelation
from mimis.taxonomy.selectors import search_concepts
from mimis.taxonomy.services import import_jobtech
from tests.taxonomy.test_jobtech_import import EXPECTED_CONCEPTS


@pytest.mark.django_db
class TestDemoTaxonomy:
    def test_loading_twice_creates_the_subset_once(self) -> None:
        assert load_demo_taxonomy() == len(CONCEPTS)
        assert load_demo_taxonomy() == 0
        assert Concept.objects.count() == len(CONCEPTS)
        assert ConceptRelation.objects.count() == len(RELATED_SKILLS)
        group = Concept.objects.select_related("parent").get(source_id="jY19_knH_MJp")
        assert (group.code, group.parent.code, group.preferred_label_en[:16]) == (
            "5321",
            "532",
            "Assistant nurses",
        )
        assert [c.source_id for c in search_concepts(query="demensvården", scheme="skill")] == [
            "hqYJ_jyZ_Ks8"
        ]

    def test_the_pilot_tracks_are_covered(self) -> None:
        load_demo_taxonomy()
        labels = set(Concept.objects.values_list("preferred_label", flat=True))

        assert {
            "Basala hygienrutiner inom hälso- och sjukvård",
            "Demensvård",
            "Bokföringsvana",
            "Truckvana",
        } <= labels
        assert Concept.objects.filter(scheme="industry", code__in=["Q", "G", "C"]).count() == 3

    def test_a_full_import_afterwards_updates_the_subset_in_place_without_duplicates(
        self, jobtech_dir: Path
    ) -> None:
        load_demo_taxonomy()
        demo_ids = dict(Concept.objects.values_list("source_id", "id"))

        report = import_jobtech(directory=jobtech_dir)

        assert Concept.objects.count() == sum(EXPECTED_CONCEPTS.values())
        assert report.total("created") == sum(EXPECTED_CONCEPTS.values()) - len(CONCEPTS)
        assert report.total("deprecated") == 0
        assert dict(Concept.objects.filter(source_id__in=demo_ids).values_list("source_id", "id")) == demo_ids
        group = Concept.objects.get(source_id="jY19_knH_MJp")
        assert group.definition  # filled by the import
        assert group.preferred_label_en.startswith("Assistant nurses")  # the demo's English label stays
        assert load_demo_taxonomy() == 0
