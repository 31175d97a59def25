"""Skills fixtures: the full JobTech skill list (from the bundled copy), a few care skills, fresh rate limits."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

import pytest
from django.core.cache import cache

from mimis.taxonomy.importers.jobtech import BUNDLE
from mimis.taxonomy.models import Concept
from mimis.taxonomy.text import search_text


@pytest.fixture(scope="module")
def jobtech_skills(django_db_setup, django_db_blocker) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """All JobTech skills of the bundled export in the test database for the module; removed afterwards.

    Written straight into the concept table (not through ``import_jobtech``) so that no audit entry, which
    is append-only, outlives the module; the importer itself is tested in tests/taxonomy.
    """
    with zipfile.ZipFile(BUNDLE) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith("skills.json"))
        concepts = json.loads(bundle.read(name).decode("utf-8"))["data"]["concepts"]
    with django_db_blocker.unblock():
        Concept.objects.bulk_create(
            [
                Concept(
                    scheme="skill",
                    source="jobtech",
                    source_id=c["id"],
                    preferred_label=c["preferred_label"],
                    search_text=search_text([c["preferred_label"]]),
                )
                for c in concepts
            ],
            batch_size=1000,
        )
    yield len(concepts)
    with django_db_blocker.unblock():
        Concept.objects.filter(source="jobtech").delete()


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
