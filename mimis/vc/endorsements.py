"""Build Open Badges 3.0 ``EndorsementCredential`` documents: an organisation vouches for something
identified by an IRI (in MIMIS: a micro-credential version's achievement id).

Sign them like any credential, with :func:`mimis.vc.credentials.sign_credential`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .credentials import OB_CREDENTIAL_CONTEXTS, IssuerProfile, _prune, _require_iri
from .errors import CredentialError
from .proofs._common import xsd_datetime

ENDORSEMENT_TYPE = "EndorsementCredential"


def build_endorsement(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    subject_id: str,
    comment: str,
    valid_from: datetime,
    name: str,
    description: str | None = None,
) -> dict[str, Any]:
    """An unsigned ``EndorsementCredential`` whose subject is ``subject_id`` with ``endorsementComment``."""
    _require_iri(credential_id, "Credential id")
    _require_iri(subject_id, "Endorsed subject id")
    if valid_from.tzinfo is None:
        raise CredentialError("validFrom must be timezone-aware", code="invalid_datetime")
    if not comment.strip():
        raise CredentialError("An endorsement needs a comment", code="missing_comment")
    return _prune(
        {
            "@context": list(OB_CREDENTIAL_CONTEXTS),
            "id": credential_id,
            "type": ["VerifiableCredential", ENDORSEMENT_TYPE],
            "name": name,
            "description": description,
            "issuer": issuer.to_json(),
            "validFrom": xsd_datetime(valid_from),
            "credentialSubject": {
                "id": subject_id,
                "type": ["EndorsementSubject"],
                "endorsementComment": comment.strip(),
            },
        }
    )
