"""Skills fixtures: the full JobTech skill list of the shared export, loaded once per test module."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

JOBTECH_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "taxonomy" / "jobtech"


@pytest.fixture(scope="module")
def jobtech_skills(django_db_setup, django_db_blocker) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """All JobTech skills of the shared export in the test database for the module; removed afterwards.

    Written straight into the concept table (not through ``import_jobtech``) so that no audit entry, which
    is append-only, outlives the module; the importer itself is tested in tests/taxonomy.
    """
    path = JOBTECH_DIR / "skills.json"
    if not path.is_file():
        pytest.skip(f"the shared JobTech export is not at {JOBTECH_DIR}")
    from mimis.taxonomy.models import Concept
    from mimis.taxonomy.text import search_text

    concepts = json.loads(path.read_text(encoding="utf-8"))["data"]["concepts"]
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
