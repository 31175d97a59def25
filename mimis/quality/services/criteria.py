"""Publishing a new version of the quality criteria."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.accounts.permissions import is_platform_admin
from mimis.audit.services import record
from mimis.errors import ValidationFailed
from mimis.quality.errors import NotAllowedToPublishCriteria
from mimis.quality.models import CriteriaVersion, Criterion, CriterionGroup


@transaction.atomic
def publish_criteria_version(
    *, acting_user: User, criteria: list[dict[str, Any]], notes: str = ""
) -> CriteriaVersion:
    """A new set of criteria for reviews assigned from now on; running reviews keep their version.

    Each criterion: ``{"code", "group", "title", "title_en"?, "guidance"?, "guidance_en"?}``.
    """
    if not is_platform_admin(acting_user):
        raise NotAllowedToPublishCriteria()
    if not criteria:
        raise ValidationFailed(_("Give at least one criterion."), field="criteria")
    cleaned, codes = [], set()
    for index, item in enumerate(criteria, start=1):
        code = slugify(str(item.get("code") or ""))
        title = str(item.get("title") or "").strip()
        group = str(item.get("group") or "")
        if not code or code in codes:
            raise ValidationFailed(
                _("Criterion %(n)d needs a code of its own.") % {"n": index}, field=f"criteria.{index}.code"
            )
        if not title:
            raise ValidationFailed(
                _("Criterion %(n)d needs a title.") % {"n": index}, field=f"criteria.{index}.title"
            )
        if group not in CriterionGroup.values:
            raise ValidationFailed(
                _("Choose the group of criterion %(n)d.") % {"n": index}, field=f"criteria.{index}.group"
            )
        codes.add(code)
        cleaned.append(
            {
                "code": code,
                "group": group,
                "title": title,
                "title_en": str(item.get("title_en") or "").strip(),
                "guidance": str(item.get("guidance") or "").strip(),
                "guidance_en": str(item.get("guidance_en") or "").strip(),
            }
        )
    number = (CriteriaVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
    criteria_version = CriteriaVersion.objects.create(
        number=number, notes=(notes or "").strip(), published_by=acting_user
    )
    Criterion.objects.bulk_create(
        [Criterion(criteria_version=criteria_version, position=i, **item) for i, item in enumerate(cleaned)]
    )
    record(
        "quality.criteria_published",
        actor=acting_user,
        target=criteria_version,
        data={"number": number, "criteria": [c["code"] for c in cleaned]},
    )
    return criteria_version
