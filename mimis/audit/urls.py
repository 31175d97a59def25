from django.urls import path

from mimis.audit import views

app_name = "audit"

urlpatterns = [
    path("platform/audit/", views.log, name="log"),
    path("platform/audit/export.csv", views.export_csv, name="export"),
]
