"""The demo's validations: Fatima (outside the labour market) is showing what she learned in her work
placement, with her supervisor's confirmation still pending; Johan had "Förflyttningsteknik och ergonomi"
recognised in full by validation, assessed by Jonas at Högskolan Kristianstad (assessors are the members who
issue their organisation's credentials). No partial case: every published demo micro-credential has a single
learning outcome, so a part of one cannot be recognised."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mimis.accounts.models import User
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.validation import services
from mimis.validation.models import Evidence, EvidenceKind, StatementRequest, ValidationCase

DOMAIN = "demo.mimis.example"


def _version(slug: str) -> MicroCredentialVersion | None:
    return MicroCredentialVersion.objects.filter(
        microcredential__slug=slug, status=VersionStatus.PUBLISHED
    ).first()


def _prepared(person: User, version: MicroCredentialVersion, workplace: str, where: str) -> ValidationCase:
    case = services.start_case(version=version, person=person, acting_user=person, workplace=workplace)
    outcomes = list(version.learning_outcomes.order_by("position", "pk"))
    services.save_self_assessment(
        case=case,
        acting_user=person,
        answers=[{"outcome": o.pk, "frequency": "often", "where_learned": where} for o in outcomes],
    )
    return case


def _confirmed_statement(
    case: ValidationCase, *, name: str, role: str, organisation: str, observed: str
) -> None:
    """A statement already confirmed through its link (the demo has no mailbox to click it in)."""
    outcomes = list(case.version.learning_outcomes.all())
    evidence = Evidence.objects.create(
        case=case, kind=EvidenceKind.STATEMENT, title=f"Intyg från {organisation}", dated=timezone.localdate()
    )
    evidence.outcomes.set(outcomes)
    StatementRequest.objects.create(
        evidence=evidence,
        email=f"handledare.{case.person.email.split('@')[0]}@{DOMAIN}",
        token_hash=services._hash_token(f"demo-{case.pk}"),
        expires_at=timezone.now() + timedelta(days=14),
        used_at=timezone.now(),
        name=name,
        role=role,
        organisation=organisation,
        observed=observed,
        observed_period="2024–2025",
    )


def load_demo_validations() -> int:
    fatima = User.objects.filter(email=f"fatima@{DOMAIN}").first()
    johan = User.objects.filter(email=f"johan@{DOMAIN}").first()
    if fatima is None or johan is None or ValidationCase.objects.filter(person__in=[fatima, johan]).exists():
        return 0
    created = 0
    meals = _version("mat-och-maltider-for-aldre")
    if meals is not None:
        case = _prepared(
            fatima, meals, "Solgårdens äldreboende (praktik)", "Praktik i köket på Solgården, 2025"
        )
        services.add_link_evidence(
            case=case,
            acting_user=fatima,
            url="https://example.org/solgarden/praktik",
            title="Beskrivning av praktikplatsen",
            outcomes=[meals.learning_outcomes.order_by("position", "pk").first().pk],
        )
        services.request_statement(
            case=case,
            acting_user=fatima,
            email=f"handledare.solgarden@{DOMAIN}",
            title="Handledarens intyg från praktiken",
            outcomes=[o.pk for o in meals.learning_outcomes.all()],
        )
        created += 1
    jonas = User.objects.filter(email=f"jonas.hkr@{DOMAIN}").first()
    handling = _version("forflyttning-och-ergonomi")
    if handling is not None and jonas is not None:
        case = _prepared(johan, handling, "Hemtjänsten i Åhus", "Fem år som timanställd i hemtjänsten")
        _confirmed_statement(
            case,
            name="Anna Lind",
            role="Enhetschef",
            organisation="Hemtjänsten i Åhus",
            observed="Johan har gjort säkra förflyttningar med lyft och glidlakan varje vecka.",
        )
        services.submit_case(case=case, acting_user=johan)
        services.assign_assessor(case=case, assessor=jonas, acting_user=jonas)
        services.record_demonstration(
            case=case,
            acting_user=jonas,
            place="Vårdboendet Linden, Kristianstad",
            on=None,
            at_other_workplace=True,
        )
        services.record_judgements(
            case=case,
            acting_user=jonas,
            judgements=[{"outcome": o.pk, "result": "met"} for o in handling.learning_outcomes.all()],
        )
        services.decide(case=case, acting_user=jonas, rationale="Alla mål visade vid en praktisk visning.")
        created += 1
    return created
