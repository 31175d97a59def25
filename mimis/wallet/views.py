from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def my_credentials(request: HttpRequest) -> HttpResponse:
    # Credentials arrive with the signed-credentials capability; until then the list is honestly empty.
    return render(request, "wallet/my_credentials.html", {"credentials": []})
