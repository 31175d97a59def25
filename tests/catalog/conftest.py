from __future__ import annotations

import pytest

from mimis.catalog import services
from mimis.taxonomy.models import Concept
from mimis.taxonomy.text import search_text


def concept(scheme: str, label: str, code: str = "", level: int | None = None) -> Concept:
    return Concept.objects.create(
        scheme=scheme,
        source="jobtech",
        source_id=f"test-{scheme}-{label}",
        preferred_label=label,
        code=code,
        level=level,
        search_text=search_text([label]),
    )


@pytest.fixture
def skills(db) -> list[Concept]:
    return [concept("skill", "Omvårdnad"), concept("skill", "Demensvård"), concept("skill", "Kundtjänst")]


@pytest.fixture
def care_sector(db) -> Concept:
    return concept("industry", "Vård och omsorg med boende", "87", level=2)


COMPLETE = {
    "summary": "Grunder i personcentrerad demensvård.",
    "workload_hours": 40,
    "workload_ects": "1.5",
    "eqf_level": 4,
    "seqf_level": 4,
    "assessment_type": "written",
    "participation_form": ["online"],
    "quality_assurance": "external_review",
    "languages": ["sv"],
}


@pytest.fixture
def draft(provider, provider_editor, skills, care_sector):
    version = services.create_microcredential(
        provider=provider,
        acting_user=provider_editor,
        title="Demensvård – grunder",
        sectors=[care_sector.pk],
        **COMPLETE,
    )
    services.set_learning_outcomes(
        version=version,
        acting_user=provider_editor,
        outcomes=[
            {"text": "Beskriva hur demens påverkar omsorgen.", "skills": [skills[0].pk, skills[1].pk]},
        ],
    )
    return version
