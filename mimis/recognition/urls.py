from django.urls import path

from mimis.recognition import views

app_name = "recognition"

urlpatterns = [
    path("microcredentials/<slug:slug>/recognition/", views.dossier, name="dossier"),
    path("microcredentials/<slug:slug>/recognition/dossier.pdf", views.dossier_pdf_view, name="dossier_pdf"),
    path("microcredentials/<slug:slug>/recognition/specimen.pdf", views.specimen, name="specimen"),
]
