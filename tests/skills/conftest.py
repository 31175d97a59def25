from __future__ import annotations

import pytest
from django.core.cache import cache

from mimis.taxonomy.models import Concept
from mimis.taxonomy.text import search_text


def skill(label: str, source_id: str) -> Concept:
    return Concept.objects.create(
        scheme="skill",
        source="jobtech",
        source_id=source_id,
        preferred_label=label,
        search_text=search_text([label]),
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # The rate limiter counts in the cache, which outlives a test.
    cache.clear()


@pytest.fixture
def care_skills(db) -> dict[str, Concept]:
    return {
        "demensvard": skill("Demensvård", "hqYJ_jyZ_Ks8"),
        "truck": skill("Truckkörning", "test-truck"),
        "hygien": skill("Basala hygienrutiner", "test-hygien"),
        "kassa": skill("Kassahantering", "test-kassa"),
    }


AD = "Vi söker en undersköterska med erfarenhet av Demensvård. Meriterande: Truckkörning.\nÅäö 😀 slut."
