from django.urls import path

from mimis.skills import views

app_name = "skills"

urlpatterns = [
    path("skills/", views.what_can_you_do, name="what_can_you_do"),
    path("skills/suggestions/", views.suggestions, name="suggestions"),
]
