# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""POST /api/v1/verify: anyone may verify a credential (JSON body: the credential, or a JWT string)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from mimis.api.schemas import ErrorOut
from mimis.verification.services import verify

router = Router(tags=["verification"])


class CheckOut(Schema):
    name: str
    ok: bool
    code: str
    message: str
    skipped: bool


class VerifyOut(Schema):
    verified: bool
    known_issuer: bool
    issuer: str | None
    issuer_name: str | None
    checks: list[CheckOut]
    errors: list[CheckOut]


@router.post(
    "",
    response={200: VerifyOut, 400: ErrorOut},
    auth=None,
    summary="Verify a credential: send it as the JSON body, or a JWT as a JSON string or text",
)
def verify_endpoint(request: HttpRequest) -> dict[str, Any]:
    # read_credential handles a JSON credential, a JWT (as text or a JSON string) and {"verifiableCredential": …}.
    return verify(request.body).to_dict()
