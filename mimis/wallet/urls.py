from django.urls import path

from mimis.issuing.download_views import BADGE_PNG, BADGE_SVG, CERTIFICATE
from mimis.wallet import claim_views, issuer_views, share_views, views

app_name = "wallet"

urlpatterns = [
    path("my/credentials/", views.my_credentials, name="my_credentials"),
    path("my/credentials/import/", views.import_credential, name="import"),
    path("my/credentials/imported/<uuid:credential_id>/", views.imported, name="imported"),
    path(
        "my/credentials/imported/<uuid:credential_id>/download/",
        views.imported_download,
        name="imported_download",
    ),
    path("my/credentials/<uuid:credential_id>/", views.credential_detail, name="credential"),
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
    path("my/credentials/<uuid:credential_id>/europass.jsonld", views.elm_export, name="elm"),
    path("my/credentials/<uuid:credential_id>/linkedin/", views.linkedin, name="linkedin"),
    path("my/sharing/", views.sharing, name="sharing"),
    path("my/sharing/<uuid:share_id>/qr.svg", views.share_qr, name="share_qr"),
    path("my/email-addresses/", views.addresses, name="addresses"),
    path("my/email-addresses/verify/<str:token>/", views.verify_address, name="verify_address"),
    path("my/privacy/", views.privacy, name="privacy"),
    path("my/privacy/export/", views.export_data, name="export"),
    path("my/privacy/delete/", views.delete_account, name="delete_account"),
    path("claim/<str:token>/", claim_views.claim, name="claim"),
    path("claim/<str:token>/new-link/", claim_views.new_claim_link, name="new_claim_link"),
    path("shared/<str:token>/", share_views.shared, name="shared"),
    path("shared/<str:token>/<uuid:credential_id>/", share_views.shared_item, name="shared_item"),
    path(
        "shared/<str:token>/<uuid:credential_id>/download/",
        share_views.shared_download,
        name="shared_download",
    ),
    path(
        "shared/<str:token>/imported/<uuid:credential_id>/download/",
        share_views.shared_imported_download,
        name="shared_imported_download",
    ),
    path(
        "organisations/<slug:slug>/participants/new/",
        issuer_views.register_participant,
        name="register_participant",
    ),
    path(
        "organisations/<slug:slug>/credentials/<uuid:credential_id>/resend-claim/",
        issuer_views.resend_claim,
        name="resend_claim",
    ),
]
