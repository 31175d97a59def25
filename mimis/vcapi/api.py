# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""The W3C CCG VC API at the site root: ``POST /credentials/issue`` and ``POST /credentials/verify``.

A NinjaAPI of its own (namespace ``vc-api``, OpenAPI at ``/credentials/openapi.json``, docs at
``/credentials/docs``), because the VC API fixes its paths and its status codes: 201 for an issued
credential, 400 for every request it cannot act on (MIMIS's 422 included) and for a credential that does
not verify (with the verification result as body), 401 without a token, 403 without the right. Errors are MIMIS's usual ``{"code", "message"}``. See :mod:`mimis.vcapi.services`
for what issuing reads from the posted credential and why.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict

from mimis import __version__
from mimis.accounts.scopes import ISSUE
from mimis.api.auth import require_scope, token_auth
from mimis.api.schemas import ErrorOut
from mimis.errors import MimisError
from mimis.vcapi import services
from mimis.verification.services import verify

vc_api = NinjaAPI(
    title="MIMIS VC API",
    version=__version__,
    description=(
        "The W3C Credentials Community Group's Verifiable Credentials API "
        "(https://w3c-ccg.github.io/vc-api/). `POST /credentials/issue` needs an API token with the "
        "`issue` scope and issues a credential for a published micro-credential of the token's "
        "organisation (or, for an organisation a region admin has allowed, signs any well-formed VC for "
        "conformance testing); `POST /credentials/verify` is open to anyone and answers 400 with the "
        "verification result when a credential does not verify. MIMIS's own REST API is at /api/v1/."
    ),
    urls_namespace="vc-api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


# ``POST /presentations/verify`` lives under another path prefix, so it needs a NinjaAPI of its own.
vc_api_presentations = NinjaAPI(
    title="MIMIS VC API: presentations",
    version=__version__,
    description="`POST /presentations/verify` of the W3C CCG VC API; see /credentials/docs for the rest.",
    urls_namespace="vc-api-presentations",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


class IssueRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    credential: dict[str, Any]
    options: dict[str, Any] = {}


class IssueResponse(Schema):
    verifiableCredential: dict[str, Any]


class VerifyOptions(Schema):
    # The VC API lets clients send options a verifier does not know; they are ignored, not refused.
    model_config = ConfigDict(extra="ignore")

    returnCredential: bool = False
    #: Problem details are always returned; the option is accepted for clients that send it.
    returnProblemDetails: bool = True
    #: Checks the client wants. MIMIS always runs all of its checks (it never reports a credential as
    #: verified on fewer); a requested check it does not know is reported as a warning.
    checks: list[str] | None = None
    #: When given, every proof must carry this challenge / domain (Data Integrity 1.0 §4.5).
    challenge: str | None = None
    domain: str | list[str] | None = None


class VerifyRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    verifiableCredential: dict[str, Any] | str
    options: VerifyOptions = VerifyOptions()


class VerifyPresentationRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    verifiablePresentation: dict[str, Any]
    options: VerifyOptions = VerifyOptions()


class ProblemDetail(Schema):
    type: str
    code: int | None = None
    title: str
    detail: str


class VerifyResponse(Schema):
    verified: bool
    checks: list[str]
    warnings: list[ProblemDetail]
    errors: list[ProblemDetail]
    credential: dict[str, Any] | str | None = None


class VerifyPresentationResponse(VerifyResponse):
    credentialResults: list[VerifyResponse] = []
    presentation: dict[str, Any] | None = None


@vc_api.exception_handler(MimisError)
def mimis_error(request: HttpRequest, exc: MimisError) -> HttpResponse:
    status = 400 if exc.http_status == 422 else exc.http_status
    return vc_api.create_response(request, {"code": exc.code, "message": exc.message}, status=status)


@vc_api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return vc_api.create_response(
        request,
        {"code": "not_authenticated", "message": _("Send a valid API token: Authorization: Bearer <token>.")},
        status=401,
    )


@vc_api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return vc_api.create_response(
        request,
        {"code": "malformed_request", "message": _("The request was not valid."), "errors": exc.errors},
        status=400,
    )


@vc_api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja raises HttpError(400) for a body that is not JSON.
    message = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
    code = "malformed_request" if exc.status_code == 400 else "error"
    return vc_api.create_response(request, {"code": code, "message": message}, status=exc.status_code)


for _exception, _handler in (
    (MimisError, mimis_error),
    (AuthenticationError, authentication_error),
    (NinjaValidationError, validation_error),
    (HttpError, http_error),
):
    vc_api_presentations.add_exception_handler(_exception, _handler)


@vc_api.post(
    "/issue",
    auth=token_auth,
    response={201: IssueResponse, 200: IssueResponse, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Issue a credential for a published micro-credential (200: the learner already holds it)",
    tags=["Credentials"],
    operation_id="issueCredential",
)
def issue_credential(request: HttpRequest, payload: IssueRequest) -> Status[dict]:
    require_scope(request, ISSUE)
    issued = services.issue(
        credential=payload.credential,
        options=payload.options,
        acting_user=request.user,
        token=request.api_token,  # type: ignore[attr-defined]
    )
    body = {"verifiableCredential": services.verifiable_credential(issued)}
    return Status(201 if issued.created else 200, body)


@vc_api.post(
    "/verify",
    auth=None,
    response={200: VerifyResponse, 400: VerifyResponse | ErrorOut},
    exclude_none=True,
    summary=(
        "Verify a credential (a JSON-LD credential, an enveloped JWT or, as an extension, a JWT string); "
        "400 with the same result body when it does not verify"
    ),
    tags=["Credentials"],
    operation_id="verifyCredential",
)
def verify_credential(request: HttpRequest, payload: VerifyRequest) -> Status[dict]:
    credential = services.credential_to_verify(payload.verifiableCredential)
    report = verify(credential)
    options = payload.options
    body = services.verification_result(
        report,
        return_credential=options.returnCredential,
        checks=options.checks,
        challenge=options.challenge,
        domain=options.domain,
    )
    return Status(200 if body["verified"] else 400, body)


@vc_api_presentations.post(
    "/verify",
    auth=None,
    response={200: VerifyPresentationResponse, 400: VerifyPresentationResponse | ErrorOut},
    exclude_none=True,
    summary=(
        "Verify a presentation: its authentication proof (with the expected challenge and domain), its holder "
        "and every credential in it; 400 with the same result body when any of it does not verify"
    ),
    tags=["Presentations"],
    operation_id="verifyPresentation",
)
def verify_presentation(request: HttpRequest, payload: VerifyPresentationRequest) -> Status[dict]:
    options = payload.options
    body = services.verify_presentation(
        payload.verifiablePresentation,
        checks=options.checks,
        challenge=options.challenge,
        domain=options.domain,
        return_presentation=options.returnCredential,
    )
    return Status(200 if body["verified"] else 400, body)
