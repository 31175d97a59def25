# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""POST /api/v1/verify: anyone may verify a credential. The body is the credential (JSON), a JWT (text or a
JSON string), a MIMIS PDF certificate (``Content-Type: application/pdf``), or a credential id or
verification address (text or a JSON string)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from mimis.api.schemas import ErrorOut
from mimis.verification.services import verify

router = Router(tags=["verification"])


class CheckOut(Schema):
    name: str
    ok: bool
    code: str
    message: str
    skipped: bool


class SubjectOut(Schema):
    kind: str = Field(description='"microcredential", "endorsement" or "other"')
    credential_id: str | None
    title: str | None = Field(description="The micro-credential's title (the endorsement's name)")
    holder_name: str | None
    issued_on: str | None
    valid_until: str | None
    state: str | None = Field(description='MIMIS issuers only: "valid", "suspended" or "revoked"')
    state_reason: str | None = Field(description="The issuer's reason for a revocation or suspension")
    endorsed_title: str | None = Field(description="For an endorsement: the micro-credential it vouches for")


class VerifyOut(Schema):
    verified: bool
    known_issuer: bool
    issuer: str | None
    issuer_name: str | None
    checks: list[CheckOut]
    errors: list[CheckOut]
    source: str = Field(
        description='What was checked: "credential", "pdf_attachment" (the credential embedded in a PDF '
        'certificate), "pdf_reference" (the credential whose id is printed on an older PDF) or "reference" '
        "(a credential id or verification address)"
    )
    subject: SubjectOut | None = Field(
        description="What the credential is about; only when its signature and issuer are confirmed"
    )


@router.post(
    "",
    response={200: VerifyOut, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    summary="Verify a credential: the JSON body, a JWT, a PDF certificate, or a credential id or address",
)
def verify_endpoint(request: HttpRequest) -> dict[str, Any]:
    # read_input handles a JSON credential, a JWT (as text or a JSON string), {"verifiableCredential": …},
    # a PDF certificate and a credential id or verification address (404 unknown_credential if not ours).
    return verify(request.body).to_dict()
