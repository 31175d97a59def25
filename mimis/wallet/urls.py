from django.urls import path

from mimis.wallet import views

app_name = "wallet"

urlpatterns = [path("my/credentials/", views.my_credentials, name="my_credentials")]
