from django.urls import path

from mimis.insights import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/figures/<slug:key>.csv", views.figure_export, {"fmt": "csv"}, name="export_csv"),
    path("insights/figures/<slug:key>.json", views.figure_export, {"fmt": "json"}, name="export_json"),
    path("insights/supply/", views.supply, name="supply"),
    path("insights/job-ads/", views.job_ads, name="job_ads"),
]
