"""Course occasions (kurstillfällen): when, where and in which language a micro-credential is given, how to apply.

Practical information the provider keeps up to date at any time: not part of a version's reviewed content,
so changing it never starts a new version or a new review.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.accounts.permissions import Capability, require_capability
from mimis.audit.services import record
from mimis.catalog.models import CourseOccasion, MicroCredential
from mimis.errors import NotFound, ValidationFailed

FIELDS = (
    "start_date",
    "end_date",
    "online",
    "place",
    "language",
    "application_deadline",
    "how_to_apply",
    "application_url",
)


def require_occasion_editor(user: User, microcredential: MicroCredential) -> None:
    """The provider's editors keep the occasions (co-designers design the content, not the offer)."""
    require_capability(user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)


def _date(field: str, value: Any, message: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ValidationFailed(message, field=field) from exc


def _clean(data: dict[str, Any], current: CourseOccasion | None = None) -> dict[str, Any]:
    unknown = set(data) - set(FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationFailed(_("Unknown field: %(field)s.") % {"field": field}, field=field)
    values = {name: getattr(current, name) for name in FIELDS} if current else {}
    bad_date = _("Give the date as year-month-day, such as 2026-09-01.")
    for name in ("start_date", "end_date", "application_deadline"):
        if name in data:
            values[name] = _date(name, data[name], bad_date)
    for name in ("place", "how_to_apply", "application_url"):
        if name in data:
            values[name] = str(data[name] or "").strip()
    if "online" in data:
        values["online"] = bool(data["online"])
    if "language" in data or current is None:
        language = str(data.get("language") or "sv").strip().lower()
        if len(language) != 2 or not language.isalpha():
            raise ValidationFailed(
                _("Give the language as a two-letter code, such as sv or en."), field="language"
            )
        values["language"] = language
    if not values.get("start_date"):
        raise ValidationFailed(_("Give the date the occasion starts."), field="start_date")
    if values.get("end_date") and values["end_date"] < values["start_date"]:
        raise ValidationFailed(_("The occasion cannot end before it starts."), field="end_date")
    if not values.get("online") and not values.get("place"):
        raise ValidationFailed(_("Give the place, or say that the occasion is online."), field="place")
    url = values.get("application_url") or ""
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError as exc:
            raise ValidationFailed(
                _("Give the sign-up page as a full web address starting with https://."),
                field="application_url",
            ) from exc
    return values


@transaction.atomic
def create_occasion(*, microcredential: MicroCredential, acting_user: User, **fields: Any) -> CourseOccasion:
    require_occasion_editor(acting_user, microcredential)
    occasion = CourseOccasion.objects.create(microcredential=microcredential, **_clean(fields))
    record(
        "occasion.created",
        actor=acting_user,
        organisation=microcredential.provider,
        target=occasion,
        data={"microcredential": microcredential.slug, "start_date": occasion.start_date.isoformat()},
    )
    return occasion


@transaction.atomic
def update_occasion(*, occasion: CourseOccasion, acting_user: User, **fields: Any) -> CourseOccasion:
    occasion = (
        CourseOccasion.objects.select_for_update()
        .select_related("microcredential__provider")
        .get(pk=occasion.pk)
    )
    require_occasion_editor(acting_user, occasion.microcredential)
    for name, value in _clean(fields, current=occasion).items():
        setattr(occasion, name, value)
    occasion.save()
    record(
        "occasion.updated",
        actor=acting_user,
        organisation=occasion.microcredential.provider,
        target=occasion,
        data={"microcredential": occasion.microcredential.slug, "fields": sorted(fields)},
    )
    return occasion


@transaction.atomic
def delete_occasion(*, occasion: CourseOccasion, acting_user: User) -> None:
    occasion = (
        CourseOccasion.objects.select_for_update()
        .select_related("microcredential__provider")
        .get(pk=occasion.pk)
    )
    require_occasion_editor(acting_user, occasion.microcredential)
    record(
        "occasion.deleted",
        actor=acting_user,
        organisation=occasion.microcredential.provider,
        target=occasion,
        data={
            "microcredential": occasion.microcredential.slug,
            "start_date": occasion.start_date.isoformat(),
        },
    )
    occasion.delete()


def occasions_of(
    *, microcredential: MicroCredential, upcoming_only: bool = False
) -> QuerySet[CourseOccasion]:
    """The occasions in date order; ``upcoming_only`` leaves out those that have ended (or started, if no end)."""
    occasions = CourseOccasion.objects.filter(microcredential=microcredential)
    if upcoming_only:
        today = timezone.localdate()
        occasions = occasions.exclude(end_date__lt=today).exclude(end_date__isnull=True, start_date__lt=today)
    return occasions.order_by("start_date", "pk")


def occasion_of(*, microcredential: MicroCredential, occasion_id: int) -> CourseOccasion:
    occasion = CourseOccasion.objects.filter(microcredential=microcredential, pk=occasion_id).first()
    if occasion is None:
        raise NotFound()
    return occasion
