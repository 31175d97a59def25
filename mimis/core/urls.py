from django.urls import path

from mimis.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.dashboard, name="dashboard"),
]
