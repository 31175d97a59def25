from __future__ import annotations

import pytest

from mimis.taxonomy.selectors import search_concepts
from mimis.taxonomy.text import normalise, search_text, stem
from tests.taxonomy.conftest import ConceptFactory


class TestStemmer:
    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("omsorgen", "omsorg"),
            ("vårdade", "vård"),
            ("vården", "vård"),
            ("bilarna", "bil"),
            ("arbetsmiljöer", "arbetsmiljö"),
            ("bokföringen", "bokföring"),
            ("vård", "vård"),
            ("är", "är"),
        ],
    )
    def test_common_inflections_are_stripped(self, word: str, expected: str) -> None:
        assert stem(word) == expected

    def test_normalise_folds_case_accents_and_punctuation_but_keeps_swedish_letters(self) -> None:
        assert normalise("Café-ÄGARE, Djur\u00adomvårdnad / C++") == "cafe ägare djuromvårdnad c++"

    def test_search_text_marks_label_boundaries_and_adds_stems(self) -> None:
        assert (
            search_text(["Basal hygien", "Hygienrutiner", ""])
            == "|basal hygien|hygienrutiner| basal hygi hygienrutin"
        )


@pytest.mark.django_db
class TestSearchConcepts:
    def test_inflected_queries_find_the_base_form_and_the_other_way_round(self) -> None:
        care = ConceptFactory(preferred_label="Vård")
        ConceptFactory(preferred_label="Omsorgen om äldre")

        assert [c.preferred_label for c in search_concepts(query="vårdade", scheme="skill")] == ["Vård"]
        assert [c.preferred_label for c in search_concepts(query="omsorg", scheme="skill")] == [
            "Omsorgen om äldre"
        ]
        assert search_concepts(query="VÅRDEN", scheme="skill")[0] == care

    def test_alternative_labels_match(self) -> None:
        concept = ConceptFactory(
            preferred_label="Truckvana", alternative_labels=["Truckkörning", "Gaffeltruck"]
        )

        assert search_concepts(query="gaffeltruckar", scheme="skill") == [concept]

    def test_results_are_ranked_exact_then_prefix_then_word_prefix_then_contains(self) -> None:
        ConceptFactory(preferred_label="Demensvård, specialistområde")
        ConceptFactory(preferred_label="Palliativ vård")
        ConceptFactory(preferred_label="Vårdplanering")
        ConceptFactory(preferred_label="Vård")
        ConceptFactory(preferred_label="Hemtjänst", alternative_labels=["Vård i hemmet"])

        labels = [c.preferred_label for c in search_concepts(query="vård", scheme="skill")]

        assert labels == [
            "Vård",
            "Hemtjänst",
            "Vårdplanering",
            "Palliativ vård",
            "Demensvård, specialistområde",
        ]

    def test_every_word_must_match_and_scheme_limit_and_deprecation_filter(self) -> None:
        ConceptFactory(preferred_label="Basala hygienrutiner inom hälso- och sjukvård")
        ConceptFactory(preferred_label="Livsmedelshygien")
        ConceptFactory(preferred_label="Basal hygien", scheme="occupation_name")
        ConceptFactory(preferred_label="Basal hygien, gammal", deprecated=True)

        assert [c.preferred_label for c in search_concepts(query="basal hygien", scheme="skill")] == [
            "Basala hygienrutiner inom hälso- och sjukvård"
        ]
        assert len(search_concepts(query="hygien", scheme=None)) == 3
        assert len(search_concepts(query="hygien", scheme=None, limit=1)) == 1
        assert search_concepts(query="  --  ", scheme=None) == []

    def test_a_search_is_one_query(self, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
        ConceptFactory.create_batch(5, preferred_label="Kundtjänst")

        with django_assert_num_queries(1):
            search_concepts(query="kundtjänsten", scheme="skill")
