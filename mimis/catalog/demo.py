"""Loading the demo micro-credentials (idempotent). Called by ``mimis demo`` after the demo taxonomy."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mimis.accounts.models import Organisation
from mimis.catalog.demo_data import DRAFTS, MICROCREDENTIALS, PATHWAYS
from mimis.catalog.models import (
    CoDesigner,
    CoDesignerStatus,
    CourseOccasion,
    LevelDecision,
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
                (
                    text,
                    text_en,
                    [_concept({Scheme.SKILL}, preferred_label=label) for label in skills],
                    domain[0] if domain else "",
                )
                for text, text_en, skills, *domain in spec["outcomes"]
            ],
        )
        refresh_search_text(version)
        # Through the real workflow: the provider submits, Kvalitetsrådet reviews, the provider publishes.
        publish_demo_version(version)
        if spec.get("myh_decision"):
            decided_on = datetime.date.fromisoformat(spec["myh_decision"]["decided_on"])
            LevelDecision.objects.create(
                microcredential=microcredential,
                seqf_level=level,
                decision_number=spec["myh_decision"]["number"],
                decided_on=decided_on,
                valid_until=decided_on.replace(year=decided_on.year + 10) - datetime.timedelta(days=1),
            )
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
                (
                    text,
                    text_en,
                    [_concept({Scheme.SKILL}, preferred_label=label) for label in skills],
                    domain[0] if domain else "",
                )
                for text, text_en, skills, *domain in spec["outcomes"]
            ],
        )
        refresh_search_text(version)
        created += 1
    created += _load_demo_occasions()
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


# Where the demo providers give their courses (towns only: the demo does not claim real addresses).
DEMO_TOWNS = {
    "hkr": "Kristianstad",
    "medborgarskolan-syd": "Malmö",
    "natverket-ideburen-sektor-skane": "Lund",
}


def _load_demo_occasions() -> int:
    """One or two upcoming course occasions per published demo micro-credential, dated from today."""
    created = 0
    today = timezone.localdate()
    for index, spec in enumerate(MICROCREDENTIALS):
        microcredential = MicroCredential.objects.select_related("provider").get(slug=spec["slug"])
        if microcredential.occasions.exists():
            continue
        online_only = spec["participation"] == ["online"]
        online = online_only or "blended" in spec["participation"]
        weeks = max(1, round(spec["hours"] / 10))
        for number in range(1 + index % 2):
            start = today + datetime.timedelta(days=21 + 7 * (index % 4) + 91 * number)
            CourseOccasion.objects.create(
                microcredential=microcredential,
                start_date=start,
                end_date=start + datetime.timedelta(weeks=weeks),
                online=online,
                place="" if online_only else DEMO_TOWNS.get(spec["provider"], "Malmö"),
                language=spec["languages"][0],
                application_deadline=start - datetime.timedelta(days=7),
                how_to_apply="Anmäl dig på anordnarens webbplats. Frågor: skriv till anordnaren.",
                application_url=microcredential.provider.website,
            )
            created += 1
    return created
