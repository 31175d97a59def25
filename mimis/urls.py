from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from mimis.api.api import api
from mimis.core.views import healthz
from mimis.issuing.views import did_json, organisation_credentials, status_list

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("issuers/<slug:slug>/did.json", did_json, name="issuer_did"),
    path("issuers/<slug:slug>/status/<str:purpose>/<int:number>", status_list, name="issuer_status_list"),
]
urlpatterns += i18n_patterns(
    path("", include("mimis.core.urls")),
    path("", include("mimis.accounts.urls")),
    path("", include("mimis.audit.urls")),
    path("", include("mimis.wallet.urls")),
    path("", include("mimis.catalog.urls")),
    path("", include("mimis.verification.urls")),
    path("organisations/<slug:slug>/credentials/", organisation_credentials, name="issuer_credentials"),
    prefix_default_language=False,
)

handler404 = "mimis.core.errors.page_not_found"
handler403 = "mimis.core.errors.permission_denied"
handler500 = "mimis.core.errors.server_error"
