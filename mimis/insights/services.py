"""Writes of regional insights: importing job ads (a region admin's upload or ``mimis insights
import-ads``) and reading the skills in them. Refreshing the rollups is ``mimis.insights.rollups``."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.accounts.permissions import require_platform_admin
from mimis.audit.services import record
from mimis.insights.errors import JobAdFileError
from mimis.insights.models import JobAd, JobAdImport
from mimis.taxonomy.models import Concept, Source

MAX_AD_TEXT_CHARS = 20_000


def _concept_ids(items: Any) -> list[str]:
    """JobTech concept ids in a list of {"concept_id": ...} objects; anything else is ignored."""
    if not isinstance(items, list):
        return []
    return [str(item["concept_id"]) for item in items if isinstance(item, dict) and item.get("concept_id")]


def _nested(ad: dict[str, Any], *path: str) -> Any:
    value: Any = ad
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def parse_job_ads(content: bytes) -> list[dict[str, Any]]:
    """The ads of a JobTech file: a JSON array (historical ads, JobStream snapshot), an object with
    ``hits`` (JobSearch) or one ad per line (JSON Lines). Raises ``JobAdFileError`` saying what is wrong."""
    limit = settings.MIMIS_INSIGHTS_MAX_AD_FILE_BYTES
    if len(content) > limit:
        raise JobAdFileError(
            _("The file is %(size)s MB. At most %(max)s MB can be read; split it into smaller files.")
            % {"size": round(len(content) / 1_048_576, 1), "max": limit // 1_048_576},
            code="file_too_large",
        )
    if not content.strip():
        raise JobAdFileError(_("The file is empty."), code="empty_file")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JobAdFileError(
            _("The file is not UTF-8 text. Upload the JSON file exactly as exported from JobTech."),
            code="not_text",
        ) from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        data = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data.append(json.loads(line))
            except json.JSONDecodeError:
                raise JobAdFileError(
                    _(
                        "Line %(line)d is not valid JSON. Upload a JobTech JSON export (an array of ads) or JSON Lines."
                    )
                    % {"line": number},
                    code="not_json",
                ) from None
    if isinstance(data, dict) and isinstance(data.get("hits"), list):
        data = data["hits"]
    if isinstance(data, dict) and "id" in data:
        data = [data]
    if not isinstance(data, list):
        raise JobAdFileError(
            _("The file is JSON but not a list of job ads in JobTech's format."), code="wrong_format"
        )
    if not data:
        raise JobAdFileError(_("The file has no job ads."), code="no_ads")
    if len(data) > settings.MIMIS_INSIGHTS_MAX_ADS:
        raise JobAdFileError(
            _(
                "The file has %(count)d ads. At most %(max)d can be imported at once; split it into smaller files."
            )
            % {"count": len(data), "max": settings.MIMIS_INSIGHTS_MAX_ADS},
            code="too_many_ads",
        )
    for number, ad in enumerate(data, start=1):
        if not isinstance(ad, dict) or not ad.get("id"):
            raise JobAdFileError(
                _("Ad number %(number)d has no id. Is this a JobTech job-ad export?") % {"number": number},
                code="wrong_format",
            )
        if not (ad.get("headline") or _nested(ad, "description", "text")):
            raise JobAdFileError(
                _("Ad number %(number)d (id %(id)s) has neither a headline nor a description text.")
                % {"number": number, "id": str(ad["id"])[:40]},
                code="wrong_format",
            )
    return data


def _publication_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@transaction.atomic
def import_job_ads(*, file_name: str, content: bytes, acting_user: User | None) -> JobAdImport:
    """Import a file of job ads whole, or refuse it whole. An ad imported before (same JobTech id) is
    updated, and keeps the skills already read from it when its text is unchanged. The skills in new or
    changed texts are read by a background task after the import is committed."""
    if acting_user is not None:
        require_platform_admin(acting_user)
    ads = parse_job_ads(content)
    jobtech_ids: set[str] = set()
    for ad in ads:
        jobtech_ids.update(_concept_ids(_nested(ad, "must_have", "skills")))
        jobtech_ids.update(_concept_ids(_nested(ad, "nice_to_have", "skills")))
        for key in ("occupation_group", "occupation"):
            if _nested(ad, key, "concept_id"):
                jobtech_ids.add(str(_nested(ad, key, "concept_id")))
    concepts = dict(
        Concept.objects.filter(source=Source.JOBTECH, source_id__in=sorted(jobtech_ids)).values_list(
            "source_id", "pk"
        )
    )
    imported = JobAdImport.objects.create(
        file_name=file_name[:255], imported_by=acting_user, ad_count=len(ads)
    )
    existing = {ad.source_id: ad for ad in JobAd.objects.filter(source_id__in=[str(a["id"]) for a in ads])}
    new, changed, seen = [], [], set()
    for data in ads:
        source_id = str(data["id"])[:100]
        if source_id in seen:
            continue  # the same ad twice in one file counts once
        seen.add(source_id)
        headline = str(data.get("headline") or "")[:500]
        description = _nested(data, "description", "text") or ""
        text = f"{headline}\n\n{description}".strip()[:MAX_AD_TEXT_CHARS]
        text_hash = hashlib.sha256(text.encode()).hexdigest()
        occupation_id = concepts.get(
            str(_nested(data, "occupation_group", "concept_id") or "")
        ) or concepts.get(str(_nested(data, "occupation", "concept_id") or ""))
        listed = sorted(
            {
                concepts[i]
                for i in _concept_ids(_nested(data, "must_have", "skills"))
                + _concept_ids(_nested(data, "nice_to_have", "skills"))
                if i in concepts
            }
        )
        fields = {
            "imported": imported,
            "headline": headline,
            "text": text,
            "text_hash": text_hash,
            "employer_name": str(_nested(data, "employer", "name") or "")[:300],
            "municipality": str(_nested(data, "workplace_address", "municipality") or "")[:100],
            "occupation_id": occupation_id,
            "occupation_label": str(
                _nested(data, "occupation_group", "label") or _nested(data, "occupation", "label") or ""
            )[:300],
            "occupation_field": str(_nested(data, "occupation_field", "label") or "")[:300],
            "published_on": _publication_date(data.get("publication_date")),
            "listed_skill_ids": listed,
        }
        ad = existing.get(source_id)
        if ad is None:
            new.append(JobAd(source_id=source_id, skill_ids=None, **fields))
            continue
        unchanged = ad.text_hash == text_hash and ad.listed_skill_ids == listed
        for name, value in fields.items():
            setattr(ad, name, value)
        if not unchanged:
            ad.skill_ids = None
        changed.append(ad)
    JobAd.objects.bulk_create(new, batch_size=1000)
    if changed:
        JobAd.objects.bulk_update(changed, [*fields, "skill_ids"], batch_size=1000)
    imported.ad_count = len(seen)
    imported.save(update_fields=["ad_count"])
    record(
        "insights.job_ads_imported",
        actor=acting_user,
        target=imported,
        actor_label=None if acting_user else "shell",
        data={"file": imported.file_name, "ads": len(seen), "new": len(new), "updated": len(changed)},
    )
    from mimis.insights import tasks

    transaction.on_commit(partial(tasks.read_job_ad_skills.enqueue, import_id=imported.pk))
    return imported


def read_job_ad_skills(*, import_id: int | None = None, chunk: int = 200) -> int:
    """Read the skills of every ad that has none cached yet; returns how many ads were read.

    Skills are JobTech's own lists plus ``mimis.skills.selectors.suggest_skills`` on the text. Cached on
    the ad: an ad whose text does not change is never read again.
    """
    from mimis.skills.errors import SkillTextError
    from mimis.skills.selectors import suggest_skills

    pending = JobAd.objects.filter(skill_ids__isnull=True)
    if import_id is not None:
        pending = pending.filter(imported_id=import_id)
    read = 0
    cache: dict[str, list[int]] = {}
    while batch := list(pending.order_by("pk")[:chunk]):
        for ad in batch:
            if ad.text_hash not in cache:
                try:
                    cache[ad.text_hash] = sorted({s.concept_id for s in suggest_skills(ad.text).skills})
                except SkillTextError:
                    cache[ad.text_hash] = []
            ad.skill_ids = sorted(set(cache[ad.text_hash]) | set(ad.listed_skill_ids or []))
        JobAd.objects.bulk_update(batch, ["skill_ids"])
        read += len(batch)
    return read
