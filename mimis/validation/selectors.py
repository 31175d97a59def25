"""Reads for validation. Every read of a case takes the viewer and returns only what they may see."""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet

from mimis.accounts.models import Membership, Organisation, User
from mimis.accounts.permissions import Capability, capabilities_in, has_capability
from mimis.errors import NotFound
from mimis.validation.models import CaseState, Consent, ValidationCase

ASSESSABLE_STATES = (CaseState.SUBMITTED, CaseState.ASSESSING, CaseState.DECIDED)


class Viewer(StrEnum):
    PERSON = "person"
    COUNSELLOR = "counsellor"
    ASSESSOR = "assessor"


def active_consent(*, person: User, counsellor: User) -> Consent | None:
    if not counsellor.is_authenticated:
        return None
    return Consent.objects.filter(person=person, counsellor=counsellor, withdrawn_at__isnull=True).first()


def is_assessor(user: User, organisation: Organisation) -> bool:
    """Assessors are the provider's members who may issue its credentials: a decision issues one."""
    return has_capability(user, Capability.ISSUE_CREDENTIALS, organisation)


def viewer_role(user: User, case: ValidationCase) -> Viewer | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if case.person_id == user.pk:
        return Viewer.PERSON
    if active_consent(person=case.person, counsellor=user) is not None:
        return Viewer.COUNSELLOR
    if case.state in ASSESSABLE_STATES and is_assessor(user, case.provider):
        return Viewer.ASSESSOR
    return None


def _cases() -> QuerySet[ValidationCase]:
    return ValidationCase.objects.select_related(
        "person", "assessor", "version__microcredential__provider", "credential"
    )


def case_for(*, user: User, case_id: object) -> tuple[ValidationCase, Viewer]:
    """The case and how ``user`` sees it; NotFound for everyone else (existence does not leak)."""
    case = _cases().filter(pk=case_id).first() if _is_uuid(case_id) else None
    if case is None:
        raise NotFound()
    role = viewer_role(user, case)
    if role is None:
        raise NotFound()
    return case, role


def _is_uuid(value: object) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def cases_visible_to(*, user: User) -> QuerySet[ValidationCase]:
    if not user.is_authenticated:
        return ValidationCase.objects.none()
    consenting = Consent.objects.filter(counsellor=user, withdrawn_at__isnull=True).values("person")
    provider_ids = [
        m.organisation_id
        for m in Membership.objects.filter(user=user).select_related("organisation")
        if Capability.ISSUE_CREDENTIALS in capabilities_in(user, m.organisation)
    ]
    return _cases().filter(
        Q(person=user)
        | Q(person__in=consenting)
        | Q(version__microcredential__provider__in=provider_ids, state__in=ASSESSABLE_STATES)
    )


def assessor_queue(*, user: User, organisation: Organisation) -> QuerySet[ValidationCase]:
    if not is_assessor(user, organisation):
        raise NotFound()
    return (
        _cases()
        .filter(version__microcredential__provider=organisation, state__in=ASSESSABLE_STATES)
        .order_by("state", "submitted_at")
    )


def open_case(*, person: User, version: object) -> ValidationCase | None:
    return (
        ValidationCase.objects.filter(person=person, version=version)
        .exclude(state__in=[CaseState.DECIDED, CaseState.WITHDRAWN])
        .first()
    )
