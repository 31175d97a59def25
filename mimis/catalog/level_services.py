"""Recording MYH's level decisions for a micro-credential (see ``mimis.catalog.levels``).

The provider's administrators record the decision they received (they are the applicant); the region's
administrators may record it too. Every decision names MYH's case number so that anyone can check it, is
audited, and is never changed afterwards: a correction is a new decision record.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin, require_capability
from mimis.audit.services import record
from mimis.catalog.levels import DECISION_YEARS, decision_dict
from mimis.catalog.models import LevelDecision, LevelDecisionNotice, MicroCredential
from mimis.errors import ValidationFailed


def can_record_level_decision(user: User, microcredential: MicroCredential) -> bool:
    return is_platform_admin(user) or has_capability(
        user, Capability.EDIT_ORGANISATION, microcredential.provider
    )


def _date(field: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("Give the date as YYYY-MM-DD, for example 2026-05-01."), field=field
        ) from None


def _ten_years_after(day: date) -> date:
    """The day before the same date ten years later (a decision of 1 May 2026 lasts until 30 April 2036)."""
    try:
        same_day = day.replace(year=day.year + DECISION_YEARS)
    except ValueError:  # 29 February
        same_day = day.replace(year=day.year + DECISION_YEARS, day=28)
    return date.fromordinal(same_day.toordinal() - 1)


@transaction.atomic
def record_level_decision(
    *,
    microcredential: MicroCredential,
    acting_user: User,
    seqf_level: Any,
    decision_number: Any,
    decided_on: Any,
    valid_until: Any = None,
    decision_url: Any = "",
) -> LevelDecision:
    """Record MYH's decision; raises ``ValidationFailed`` naming the field that is wrong."""
    if not can_record_level_decision(acting_user, microcredential):
        require_capability(acting_user, Capability.EDIT_ORGANISATION, microcredential.provider)
    try:
        level = int(seqf_level)
    except (TypeError, ValueError):
        level = 0
    if not 1 <= level <= 8 or isinstance(seqf_level, bool):
        raise ValidationFailed(_("The level must be a whole number from 1 to 8."), field="seqf_level")
    number = str(decision_number or "").strip()
    if not number:
        raise ValidationFailed(
            _("Write MYH's case number (diarienummer) so that others can check the decision."),
            field="decision_number",
        )
    if len(number) > 64:
        raise ValidationFailed(_("The case number can be at most 64 characters."), field="decision_number")
    decided = _date("decided_on", decided_on)
    if decided > timezone.localdate():
        raise ValidationFailed(_("The date of the decision cannot be in the future."), field="decided_on")
    until = _date("valid_until", valid_until) if valid_until not in (None, "") else _ten_years_after(decided)
    if until <= decided:
        raise ValidationFailed(
            _("The decision must be valid until a date after the date of the decision."), field="valid_until"
        )
    url = str(decision_url or "").strip()
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except DjangoValidationError:
            raise ValidationFailed(
                _("The link must be a web address that starts with https://."), field="decision_url"
            ) from None
    decision = LevelDecision.objects.create(
        microcredential=microcredential,
        seqf_level=level,
        decision_number=number,
        decided_on=decided,
        valid_until=until,
        decision_url=url,
        recorded_by=acting_user,
    )
    record(
        "microcredential.level_decision_recorded",
        actor=acting_user,
        organisation=microcredential.provider,
        target=microcredential,
        data=decision_dict(decision),
    )
    return decision


def send_level_decision_notices(*, today: date | None = None) -> tuple[int, int]:
    """The daily run: tell providers before an MYH level decision expires, and when it has expired.

    Only the newest decision for a micro-credential counts: one replaced by a later decision needs no
    reminder. After expiry new credentials state the level as proposed again (``catalog.levels``).
    Each notice is sent once. Returns (reminded, lapsed).
    """
    today = today or timezone.localdate()
    reminded = lapsed = 0
    newest: dict[int, LevelDecision] = {}
    for decision in LevelDecision.objects.select_related("microcredential__provider").order_by(
        "microcredential_id", "-decided_on", "-pk"
    ):
        newest.setdefault(decision.microcredential_id, decision)
    soon = today + timedelta(days=settings.MIMIS_LEVEL_DECISION_REMINDER_DAYS)
    for decision in newest.values():
        if decision.valid_until < today:
            lapsed += _notice(decision, LevelDecisionNotice.LAPSED)
        elif decision.valid_until <= soon:
            reminded += _notice(decision, LevelDecisionNotice.REMINDER)
    return reminded, lapsed


@transaction.atomic
def _notice(decision: LevelDecision, kind: str) -> int:
    _row, created = LevelDecisionNotice.objects.get_or_create(decision=decision, kind=kind)
    if not created:
        return 0
    record(
        "microcredential.level_decision_lapsed"
        if kind == LevelDecisionNotice.LAPSED
        else "microcredential.level_decision_reminder",
        actor=None,
        actor_label="mimis quality lapse",
        organisation=decision.microcredential.provider,
        target=decision.microcredential,
        data=decision_dict(decision),
    )
    from mimis.catalog import tasks

    transaction.on_commit(
        lambda: tasks.notify_provider_of_level_decision.enqueue(decision_id=decision.pk, kind=kind)
    )
    return 1
