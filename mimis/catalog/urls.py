from django.urls import path

from mimis.catalog import views

app_name = "catalog"

urlpatterns = [
    path("microcredentials/", views.catalogue, name="catalogue"),
    path("microcredentials/<slug:slug>/", views.detail, name="detail"),
]
