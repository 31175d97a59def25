"""Taxonomy fixtures: the shared JobTech export, the ESCO fixture, a small concept factory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import factory
import pytest

from mimis.taxonomy.models import Concept
from mimis.taxonomy.text import search_text


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    # These tests read importer messages word for word in English, the language they are written in;
    # the Swedish wording is checked by tests/core/test_translations.py like every other string.
    from django.utils import translation

    translation.activate("en")


JOBTECH_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "taxonomy" / "jobtech"
ESCO_DIR = Path(__file__).resolve().parent / "fixtures" / "esco"


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concept

    scheme = "skill"
    source = "mimis-demo"
    source_id = factory.Sequence(lambda n: f"test-{n}")
    preferred_label = factory.Sequence(lambda n: f"Färdighet {n}")
    search_text = factory.LazyAttribute(
        lambda o: search_text([o.preferred_label, o.preferred_label_en, *o.alternative_labels])
    )
    alternative_labels = factory.LazyFunction(list)
    preferred_label_en = ""


@pytest.fixture
def jobtech_dir() -> Path:
    # The full export's published counts need the full export: missing, that is a failure, not a skip.
    if not JOBTECH_DIR.is_dir():
        pytest.fail(f"the shared JobTech export is not at {JOBTECH_DIR}")
    return JOBTECH_DIR


def write_concepts(directory: Path, name: str, concepts: list[dict[str, Any]]) -> Path:
    """Write a JobTech-shaped file ``{"data": {"concepts": [...]}}``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps({"data": {"concepts": concepts}}, ensure_ascii=False), encoding="utf-8")
    return path


def skill(concept_id: str, label: str) -> dict[str, Any]:
    return {"id": concept_id, "preferred_label": label, "type": "skill"}
