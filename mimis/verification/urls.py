from django.urls import path

from mimis.verification import views

app_name = "verification"

urlpatterns = [
    path("verify/", views.verify_page, name="verify"),
    path("verify/credentials/<uuid:credential_id>/", views.credential_page, name="credential"),
]
