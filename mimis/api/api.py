"""The REST API root, /api/v1/. Each app contributes a router; domain errors map to JSON here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from mimis import __version__
from mimis.accounts.api import router as accounts_router
from mimis.api.auth import token_auth
from mimis.api.errors import install as install_error_handlers
from mimis.audit.api import router as audit_router
from mimis.catalog.api import pathway_router
from mimis.catalog.api import router as catalog_router
from mimis.catalog.codesign_api import router as codesign_router
from mimis.errors import MimisError, ValidationFailed
from mimis.insights.api import router as insights_router
from mimis.issuing.api import router as issuing_router
from mimis.issuing.key_api import router as issuer_keys_router
from mimis.matching.api import me_router as matching_me_router
from mimis.matching.api import router as matching_router
from mimis.quality.api import microcredential_router as quality_microcredential_router
from mimis.quality.api import router as quality_router
from mimis.recognition.api import router as recognition_router
from mimis.skills.api import router as skills_router
from mimis.taxonomy.api import router as taxonomy_router
from mimis.validation.api import router as validation_router
from mimis.vcapi.conformance_api import router as vc_api_conformance_router
from mimis.verification.api import router as verification_router
from mimis.wallet.api import credentials_router as wallet_credentials_router
from mimis.wallet.api import router as wallet_router


class MimisSwagger(Swagger):
    """Swagger UI from local files, in a page with a language, a way back, and readable contrast."""

    template = "api/swagger.html"


api = NinjaAPI(
    title="MIMIS API",
    version="1",
    description=(
        "REST API of MIMIS, Mikromeriter i Skåne. Authenticate with a personal or organisation token "
        "(`Authorization: Bearer ...`); create one on your account page or with `mimis tokens create`. "
        "Error responses carry a stable `code` and a `message` in the language of `Accept-Language`."
    ),
    auth=token_auth,
    urls_namespace="api",
    # Deep links put a link inside each operation's toggle button (nested interactive controls).
    docs=MimisSwagger(settings={"deepLinking": False}),
)


@api.exception_handler(MimisError)
def mimis_error(request: HttpRequest, exc: MimisError) -> HttpResponse:
    body = {"code": exc.code, "message": exc.message}
    if isinstance(exc, ValidationFailed) and exc.field:
        body["field"] = exc.field
    if getattr(exc, "missing", None):
        body["missing"] = [{"field": field, "message": str(message)} for field, message in exc.missing]
    if getattr(exc, "rows", None):  # a batch: every bad row with what is wrong in it
        body["rows"] = [{"row": row.number, "email": row.email, "errors": row.errors} for row in exc.rows]
    response = api.create_response(request, body, status=exc.http_status)
    if getattr(exc, "retry_after", None):  # RateLimited: how many seconds until the next try is counted
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    from django.utils.translation import gettext as _

    return api.create_response(
        request,
        {"code": "not_authenticated", "message": _("Send a valid API token: Authorization: Bearer <token>.")},
        status=401,
    )


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    from django.utils.translation import gettext as _

    return api.create_response(
        request,
        {"code": "validation_failed", "message": _("The request was not valid."), "errors": exc.errors},
        status=422,
    )


install_error_handlers(api)


@api.get("/", auth=None, summary="API root", tags=["meta"])
def root(request: HttpRequest) -> dict[str, str]:
    return {
        "name": "MIMIS",
        "version": __version__,
        "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        "docs": request.build_absolute_uri(reverse("api:openapi-view")),
    }


api.add_router("/", accounts_router)
api.add_router("/audit", audit_router)
api.add_router("/microcredentials", catalog_router)
api.add_router("/microcredentials", quality_microcredential_router)
api.add_router("/microcredentials", recognition_router)
api.add_router("/quality", quality_router)
api.add_router("/pathways", pathway_router)
api.add_router("/codesign", codesign_router)
api.add_router("/verify", verification_router)
api.add_router("/credentials", issuing_router)
api.add_router("/credentials", wallet_credentials_router)
api.add_router("/organisations", issuer_keys_router)
api.add_router("/organisations", vc_api_conformance_router)
api.add_router("/taxonomy", taxonomy_router)
api.add_router("/skills", skills_router)
api.add_router("/validation", validation_router)
api.add_router("/me", wallet_router)
api.add_router("/me", matching_me_router)
api.add_router("/", matching_router)
api.add_router("/insights", insights_router)
