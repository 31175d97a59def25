from django.urls import path

from mimis.validation import views

app_name = "validation"

urlpatterns = [
    path("validering/", views.mine, name="mine"),
    path("validering/start/<slug:slug>/", views.start, name="start"),
    path("validering/<uuid:case_id>/", views.case_page, name="case"),
    path("validering/<uuid:case_id>/bevis/<int:evidence_id>/fil", views.evidence_file, name="evidence_file"),
    path("validering/samtycke/", views.consent, name="consent"),
    # The URL argument is called ``token`` so the request log writes "[secret]" instead of it.
    path("validering/intyg/<str:token>/", views.statement, name="statement"),
    path("organisations/<slug:slug>/validering/", views.queue, name="queue"),
]
