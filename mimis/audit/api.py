from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from mimis.accounts.permissions import require_platform_admin
from mimis.accounts.scopes import ADMIN
from mimis.api.auth import require_scope
from mimis.api.schemas import AuditEntryOut, AuditVerifyOut
from mimis.audit.export import csv_lines
from mimis.audit.selectors import audit_entries
from mimis.audit.services import verify_chain

router = Router(tags=["audit"])


@router.get("", response=list[AuditEntryOut], summary="The audit log, newest first (region admins)")
@paginate(PageNumberPagination, page_size=50)
def list_audit_entries(request: HttpRequest, action: str | None = None):  # type: ignore[no-untyped-def]
    require_scope(request, ADMIN)
    require_platform_admin(request.user)
    return audit_entries(action=action)


@router.get(
    "/export.csv",
    summary="The audit log as CSV, oldest first, with each entry's hashes (region admins)",
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def export_csv(request: HttpRequest, action: str | None = None) -> StreamingHttpResponse:
    require_scope(request, ADMIN)
    require_platform_admin(request.user)
    entries = audit_entries(action=action).order_by("sequence").iterator(chunk_size=2000)
    return StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")


@router.get("/verify", response=AuditVerifyOut, summary="Check the audit trail's hash chain")
def verify(request: HttpRequest) -> dict:
    require_scope(request, ADMIN)
    require_platform_admin(request.user)
    report = verify_chain()
    return {
        "intact": report.intact,
        "checked": report.checked,
        "first_bad_sequence": report.first_bad_sequence,
        "problem": report.problem,
    }
