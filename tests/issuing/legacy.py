"""Credentials as MIMIS issued them before one 2-bit status entry: two entries, two 1-bit lists."""

from __future__ import annotations

import uuid

from django.utils import timezone

from mimis.issuing import keys, services
from mimis.issuing.models import (
    Credential,
    CredentialFormat,
    IssuerKey,
    KeyAlgorithm,
    KeyStatus,
    StatusPurpose,
)
from mimis.vc import status as vc_status


def issue_two_entry_credential(
    version, email: str, credential_format: str = CredentialFormat.LDP
) -> Credential:
    """Sign and store a credential with a revocation and a suspension entry, as issuing used to."""
    template = services.issue_credential(
        version=version, email=f"template-{email}", name="Mall", acting_user=None
    ).credential
    organisation = template.organisation
    (revocation_list, revocation_index), (suspension_list, suspension_index) = (
        services.allocate_status_index(organisation=organisation, purpose=purpose)
        for purpose in (StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION)
    )
    credential_id = uuid.uuid4()
    document = {k: v for k, v in template.document.items() if k != "proof"} | {
        "id": f"urn:uuid:{credential_id}",
        "credentialStatus": [
            vc_status.status_list_entry(
                status_list_credential=services.status_list_url(status_list),
                index=index,
                status_purpose=purpose,
            )
            for status_list, index, purpose in (
                (revocation_list, revocation_index, "revocation"),
                (suspension_list, suspension_index, "suspension"),
            )
        ],
    }
    algorithm = KeyAlgorithm.ED25519 if credential_format == CredentialFormat.LDP else KeyAlgorithm.P256
    private_key, method = keys.signing_key(organisation=organisation, algorithm=algorithm)
    signed, token = services.sign_in_format(document, credential_format, private_key, method)
    return Credential.objects.create(
        id=credential_id,
        version=version,
        organisation=organisation,
        recipient_email=email,
        recipient_name="Fatima Ahmed",
        format=credential_format,
        document=signed,
        token=token,
        key=IssuerKey.objects.get(organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE),
        idempotency_key=f"legacy:{email}",
        revocation_list=revocation_list,
        revocation_index=revocation_index,
        suspension_list=suspension_list,
        suspension_index=suspension_index,
        issued_at=timezone.now(),
    )
