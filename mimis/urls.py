from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from mimis.api.api import api
from mimis.core.views import healthz
from mimis.issuing import batch_views
from mimis.issuing.download_views import BADGE_PNG, BADGE_SVG, CERTIFICATE, issuer_artefact
from mimis.issuing.views import (
    badge_image,
    did_json,
    eu_microcredential_context,
    organisation_credentials,
    revoke_credential,
    status_list,
)
from mimis.vcapi.api import vc_api, vc_api_presentations

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    # The W3C CCG VC API: /credentials/issue and /credentials/verify at the site root.
    path("credentials/", vc_api.urls),
    path("presentations/", vc_api_presentations.urls),
    path("issuers/<slug:slug>/did.json", did_json, name="issuer_did"),
    path("badges/<slug:slug>/<int:number>.png", badge_image, name="badge_image"),
    path("issuers/<slug:slug>/status/<str:purpose>/<int:number>", status_list, name="issuer_status_list"),
    # MIMIS_EU_CONTEXT_PATH (mimis.vc.jsonld): the extension context every issued credential names.
    path(
        "contexts/eu-microcredential-v1.jsonld", eu_microcredential_context, name="eu_microcredential_context"
    ),
]
urlpatterns += i18n_patterns(
    path("", include("mimis.core.urls")),
    path("", include("mimis.accounts.urls")),
    path("", include("mimis.audit.urls")),
    path("", include("mimis.wallet.urls")),
    path("", include("mimis.catalog.urls")),
    path("", include("mimis.recognition.urls")),
    path("", include("mimis.skills.urls")),
    path("", include("mimis.validation.urls")),
    path("", include("mimis.quality.urls")),
    path("", include("mimis.verification.urls")),
    path("", include("mimis.matching.urls")),
    path("", include("mimis.insights.urls")),
    path("organisations/<slug:slug>/credentials/", organisation_credentials, name="issuer_credentials"),
    path(
        "organisations/<slug:slug>/credentials/<uuid:credential_id>/revoke/",
        revoke_credential,
        name="issuer_credential_revoke",
    ),
    path("organisations/<slug:slug>/keys/", include("mimis.issuing.key_urls")),
    path(
        "organisations/<slug:slug>/credentials/<uuid:credential_id>/badge.png",
        issuer_artefact,
        {"artefact": BADGE_PNG},
        name="issuer_badge_png",
    ),
    path(
        "organisations/<slug:slug>/credentials/<uuid:credential_id>/badge.svg",
        issuer_artefact,
        {"artefact": BADGE_SVG},
        name="issuer_badge_svg",
    ),
    path(
        "organisations/<slug:slug>/credentials/<uuid:credential_id>/certificate.pdf",
        issuer_artefact,
        {"artefact": CERTIFICATE},
        name="issuer_certificate",
    ),
    path(
        "organisations/<slug:slug>/credentials/batches/new/", batch_views.new_batch, name="issuer_batch_new"
    ),
    path(
        "organisations/<slug:slug>/credentials/batches/example.xlsx",
        batch_views.example_file,
        name="issuer_batch_example",
    ),
    path(
        "organisations/<slug:slug>/credentials/batches/<uuid:batch_id>/",
        batch_views.batch_detail,
        name="issuer_batch",
    ),
    path(
        "organisations/<slug:slug>/credentials/batches/<uuid:batch_id>/progress/",
        batch_views.batch_progress,
        name="issuer_batch_progress",
    ),
    prefix_default_language=False,
)

handler400 = "mimis.core.errors.bad_request"
handler404 = "mimis.core.errors.page_not_found"
handler403 = "mimis.core.errors.permission_denied"
handler500 = "mimis.core.errors.server_error"
