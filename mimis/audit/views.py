from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from mimis.accounts.permissions import require_platform_admin
from mimis.audit.export import csv_lines
from mimis.audit.selectors import audit_entries
from mimis.audit.services import verify_chain


@login_required
def log(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    action = request.GET.get("action", "").strip()
    page = Paginator(audit_entries(action=action or None), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action, "chain": verify_chain()})


@login_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The whole log (or one action's entries) as CSV, oldest first, with the hashes of the chain."""
    require_platform_admin(request.user)
    action = request.GET.get("action", "").strip()
    entries = audit_entries(action=action or None).order_by("sequence").iterator(chunk_size=2000)
    response = StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="mimis-audit-{stamp}.csv"'
    return response
