from __future__ import annotations

import uuid

from mimis.errors import NotFound
from mimis.issuing.models import Credential


def stored_credential(*, credential_id: uuid.UUID | str) -> Credential:
    """An issued credential by its id, for the public verification page its QR code opens."""
    credential = (
        Credential.objects.select_related("version__microcredential__provider", "organisation")
        .filter(pk=credential_id)
        .exclude(document__isnull=True, token="")  # erased at the holder's request
        .first()
    )
    if credential is None:
        raise NotFound()
    return credential
