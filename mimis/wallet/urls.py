from django.urls import path

from mimis.wallet import views

app_name = "wallet"

urlpatterns = [
    path("my/credentials/", views.my_credentials, name="my_credentials"),
    path("my/credentials/<uuid:credential_id>/download/", views.download, name="download"),
]
