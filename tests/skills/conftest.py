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


@pytest.fixture
def care_draft(provider, provider_editor, care_skills):
    """A complete draft of HKR's with one learning outcome, linked to no skill yet."""
    from mimis.catalog import services
    from tests.catalog.conftest import COMPLETE, concept

    sector = concept("industry", "Vård och omsorg med boende", "87", level=2)
    version = services.create_microcredential(
        provider=provider,
        acting_user=provider_editor,
        title="Demensvård – grunder",
        sectors=[sector.pk],
        **COMPLETE,
    )
    services.set_learning_outcomes(
        version=version,
        acting_user=provider_editor,
        outcomes=[{"text": "Ge god Demensvård och köra truck (Truckkörning).", "skills": []}],
    )
    return version
