"""Fixtures of the matching tests: a small taxonomy, published micro-credentials with chosen skills and
workloads, and credentials issued to the learner persona."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mimis.accounts.models import Organisation
from mimis.catalog.models import (
    LearningOutcome,
    LearningOutcomeSkill,
    MicroCredential,
    MicroCredentialVersion,
    VersionStatus,
)
from mimis.issuing import services as issuing
from mimis.taxonomy.models import Concept, ConceptRelation, RelationKind
from mimis.taxonomy.text import search_text
from tests.factories import OrganisationFactory, member

SKILLS = ["Omvårdnad", "Demensvård", "Ergonomi", "Förflyttningsteknik", "Social dokumentation", "Kassavana"]


def concept(scheme: str, label: str, code: str = "", level: int | None = None, parent=None) -> Concept:
    return Concept.objects.create(
        scheme=scheme,
        source="jobtech",
        source_id=f"test-{scheme}-{label}",
        preferred_label=label,
        code=code,
        level=level,
        parent=parent,
        search_text=search_text([label]),
    )


@pytest.fixture
def skill(db) -> dict[str, Concept]:
    return {label: concept("skill", label) for label in SKILLS}


@pytest.fixture
def care_group(skill) -> Concept:
    """SSYK 5330 Vårdbiträden with five related skills; Kassavana belongs to a shop group as well."""
    group = concept("occupation_group", "Vårdbiträden", "5330", level=4)
    for label in SKILLS[:5]:
        ConceptRelation.objects.create(
            from_concept=group, to_concept=skill[label], kind=RelationKind.RELATED_SKILL
        )
    return group


@pytest.fixture
def shop_group(skill) -> Concept:
    group = concept("occupation_group", "Butikssäljare", "5223", level=4)
    for label in ("Kassavana", "Omvårdnad"):
        ConceptRelation.objects.create(
            from_concept=group, to_concept=skill[label], kind=RelationKind.RELATED_SKILL
        )
    return group


@pytest.fixture
def care_name(care_group) -> Concept:
    return concept("occupation_name", "Vårdbiträde", parent=care_group)


@pytest.fixture
def employer(db) -> Organisation:
    return OrganisationFactory(name="Kristianstads kommun", slug="kristianstad", kind="employer")


@pytest.fixture
def employer_editor(employer):  # type: ignore[no-untyped-def]
    return member(employer, "editor", email="lena@kristianstad.example.se", name="Lena Ström")


@pytest.fixture
def make_mc(provider):  # type: ignore[no-untyped-def]
    """make_mc(title, skills, hours=…, ects=…) -> a published micro-credential version with those skills."""
    counter = {"n": 0}

    def make(
        title: str, skills: list[Concept], hours: int | None = 10, ects: str | None = None, validity=None
    ):  # type: ignore[no-untyped-def]
        counter["n"] += 1
        microcredential = MicroCredential.objects.create(provider=provider, slug=f"mc-{counter['n']}")
        version = MicroCredentialVersion.objects.create(
            microcredential=microcredential,
            number=1,
            status=VersionStatus.PUBLISHED,
            title=title,
            workload_hours=hours,
            workload_ects=Decimal(ects) if ects else None,
            languages=["sv"],
            validity_months=validity,
        )
        outcome = LearningOutcome.objects.create(version=version, text=f"Kunna {title.lower()}.")
        for s in skills:
            LearningOutcomeSkill.objects.create(learning_outcome=outcome, skill=s)
        return version

    return make


@pytest.fixture
def award(learner):  # type: ignore[no-untyped-def]
    def give(version, to=None):  # type: ignore[no-untyped-def]
        person = to or learner
        return issuing.issue_credential(
            version=version, email=person.email, name=person.name, acting_user=None
        ).credential

    return give
