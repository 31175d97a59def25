"""Reads for the VC API."""

from __future__ import annotations

from mimis.accounts.models import Organisation
from mimis.issuing.models import IssuerSettings


def may_sign_any_credential(organisation: Organisation) -> bool:
    """Whether a region admin has let ``organisation`` sign any well-formed VC (conformance testing)."""
    return IssuerSettings.objects.filter(organisation=organisation, vc_api_any_credential=True).exists()
