"""Loading the demo micro-credentials (idempotent). Called by ``mimis demo`` after the demo taxonomy."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from mimis.accounts.models import Organisation
from mimis.catalog.demo_data import DRAFTS, MICROCREDENTIALS, PATHWAYS
from mimis.catalog.models import (
    CoDesigner,
    CoDesignerStatus,
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    PathwayStep,
    VersionStatus,
)
from mimis.catalog.services import create_outcomes, refresh_search_text
from mimis.quality.demo import publish_demo_version
from mimis.taxonomy.models import Concept, Scheme


def _concept(scheme: set[str], **lookup: str) -> Concept:
    concept = Concept.objects.filter(scheme__in=scheme, **lookup).order_by("-level").first()
    if concept is None:
        raise LookupError(f"demo taxonomy lacks {lookup}")
    return concept


@transaction.atomic
def load_demo_catalogue() -> int:
    created = 0
    for spec in MICROCREDENTIALS:
        if MicroCredential.objects.filter(slug=spec["slug"]).exists():
            continue
        provider = Organisation.objects.get(slug=spec["provider"])
        microcredential = MicroCredential.objects.create(provider=provider, slug=spec["slug"], is_demo=True)
        for slug in spec["codesigners"]:
            CoDesigner.objects.create(
                microcredential=microcredential,
                organisation=Organisation.objects.get(slug=slug),
                status=CoDesignerStatus.ACCEPTED,
            )
        level = spec["level"]
        version = MicroCredentialVersion.objects.create(
            microcredential=microcredential,
            number=1,
            status=VersionStatus.DRAFT,
            title=spec["title"],
            title_en=spec["title_en"],
            summary=spec["summary"],
            summary_en=spec["summary_en"],
            workload_hours=spec["hours"],
            workload_ects=Decimal(spec["ects"]) if spec["ects"] else None,
            eqf_level=level,
            seqf_level=level,
            assessment_type=spec["assessment"],
            assessment_description="",
            participation_form=spec["participation"],
            quality_assurance="external_review",
            identity_verification="supervised_id_checked",
            target_groups=spec["groups"],
            languages=spec["languages"],
            price=spec["price"],
            validity_months=spec["validity"],
            grading_scheme="Godkänd / Ej godkänd",
        )
        version.sectors.set([_concept({Scheme.INDUSTRY}, code=code) for code in spec["sectors"]])
        version.occupations.set(
            [_concept({Scheme.OCCUPATION_GROUP}, code=code) for code in spec["occupations"]]
        )
        create_outcomes(
            version,
            [
                (text, text_en, [_concept({Scheme.SKILL}, preferred_label=label) for label in skills])
                for text, text_en, skills in spec["outcomes"]
            ],
        )
        refresh_search_text(version)
        # Through the real workflow: the provider submits, Kvalitetsrådet reviews, the provider publishes.
        publish_demo_version(version)
        created += 1
    for spec in DRAFTS:
        if MicroCredential.objects.filter(slug=spec["slug"]).exists():
            continue
        provider = Organisation.objects.get(slug=spec["provider"])
        microcredential = MicroCredential.objects.create(provider=provider, slug=spec["slug"], is_demo=True)
        version = MicroCredentialVersion.objects.create(
            microcredential=microcredential,
            number=1,
            status=VersionStatus.DRAFT,
            title=spec["title"],
            title_en=spec["title_en"],
            summary=spec["summary"],
            languages=["sv"],
        )
        create_outcomes(
            version,
            [
                (text, text_en, [_concept({Scheme.SKILL}, preferred_label=label) for label in skills])
                for text, text_en, skills in spec["outcomes"]
            ],
        )
        refresh_search_text(version)
        created += 1
    for spec in PATHWAYS:
        slug = slugify(spec["title"])
        if Pathway.objects.filter(slug=slug).exists():
            continue
        target = None
        if spec["target_occupation_code"]:
            target = _concept({Scheme.OCCUPATION_GROUP}, code=spec["target_occupation_code"])
        pathway = Pathway.objects.create(
            slug=slug,
            owner=Organisation.objects.get(slug=spec["owner"]),
            title=spec["title"],
            title_en=spec["title_en"],
            description=spec["description"],
            rule=spec["rule"],
            required_count=spec["required_count"],
            target_occupation=target,
            is_demo=True,
        )
        PathwayStep.objects.bulk_create(
            [
                PathwayStep(pathway=pathway, microcredential=MicroCredential.objects.get(slug=mc), position=i)
                for i, mc in enumerate(spec["microcredentials"])
            ]
        )
        created += 1
    return created
