from django.urls import path

from mimis.issuing.download_views import BADGE_PNG, BADGE_SVG, CERTIFICATE
from mimis.wallet import views

app_name = "wallet"

urlpatterns = [
    path("my/credentials/", views.my_credentials, name="my_credentials"),
    path("my/credentials/<uuid:credential_id>/download/", views.download, name="download"),
    path(
        "my/credentials/<uuid:credential_id>/badge.png",
        views.artefact,
        {"artefact": BADGE_PNG},
        name="badge_png",
    ),
    path(
        "my/credentials/<uuid:credential_id>/badge.svg",
        views.artefact,
        {"artefact": BADGE_SVG},
        name="badge_svg",
    ),
    path(
        "my/credentials/<uuid:credential_id>/certificate.pdf",
        views.artefact,
        {"artefact": CERTIFICATE},
        name="certificate",
    ),
]
