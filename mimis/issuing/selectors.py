"""Reading what an organisation has issued."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mimis.accounts.models import Organisation
from mimis.issuing.models import Credential

MAX_QUERY_LENGTH = 200


def issued_credentials(*, organisation: Organisation, query: str = "") -> QuerySet[Credential]:
    """The organisation's credentials, newest first; ``query`` narrows them to learners whose name or
    e-mail address contains it (any case)."""
    credentials = Credential.objects.filter(organisation=organisation).select_related(
        "version__microcredential", "organisation"
    )
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if query:
        credentials = credentials.filter(
            Q(recipient_name__icontains=query) | Q(recipient_email__icontains=query)
        )
    return credentials
