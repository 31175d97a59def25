from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mimis.accounts.permissions import require_platform_admin
from mimis.audit.selectors import audit_entries
from mimis.audit.services import verify_chain


@login_required
def log(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    action = request.GET.get("action", "").strip()
    page = Paginator(audit_entries(action=action or None), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action, "chain": verify_chain()})
