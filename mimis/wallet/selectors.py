from __future__ import annotations

from django.db.models import QuerySet

from mimis.accounts.models import User
from mimis.errors import NotFound
from mimis.issuing.models import Credential


def credentials_for_learner(*, learner: User) -> QuerySet[Credential]:
    """Credentials issued to the learner's verified e-mail address (an unverified address sees none)."""
    if not learner.is_authenticated or not learner.email_verified:
        return Credential.objects.none()
    return (
        Credential.objects.filter(recipient_email__iexact=learner.email)
        .select_related("version__microcredential", "organisation")
        .order_by("-issued_at")
    )


def credential_of_learner(*, learner: User, credential_id: str) -> Credential:
    credential = credentials_for_learner(learner=learner).filter(pk=credential_id).first()
    if credential is None:
        raise NotFound()
    return credential
