"""/organisations/<slug>/keys/…: an organisation's signing keys (included from mimis/urls.py)."""

from __future__ import annotations

from django.urls import path

from mimis.issuing import key_views

urlpatterns = [
    path("", key_views.key_list, name="issuer_keys"),
    path("rotate/<str:algorithm>/", key_views.rotate, name="issuer_key_rotate"),
    path("<str:key_id>/compromise/", key_views.compromise, name="issuer_key_compromise"),
    path("<str:key_id>/reissue/", key_views.continue_reissue, name="issuer_key_reissue"),
    path("<str:key_id>/reissue/progress/", key_views.reissue_progress, name="issuer_key_reissue_progress"),
]
