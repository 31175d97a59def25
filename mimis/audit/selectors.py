from __future__ import annotations

from django.db.models import QuerySet

from mimis.audit.models import AuditEntry


def audit_entries(*, action: str | None = None, organisation_id: int | None = None) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("organisation").order_by("-sequence")
    if action:
        entries = entries.filter(action=action)
    if organisation_id:
        entries = entries.filter(organisation_id=organisation_id)
    return entries
