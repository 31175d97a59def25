"""Issue 16, "one-time secrets in the request log": share, claim, e-mail verification, invitation and
password-reset links carry their secret in the address, and whoever reads it can use it. Every log line
(MIMIS's request log and Django's own "Not Found" warnings) names the route pattern, never the values."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mimis.core.logging import JsonFormatter
from mimis.wallet import services as wallet_services
from tests.factories import UserFactory
from tests.wallet.conftest import care_sector, credential, draft, published, skills  # noqa: F401

pytestmark = pytest.mark.django_db

SECRET = "S3CR3Tx9k2LmQ7vW4pZr"


def log_lines(caplog) -> list[str]:  # type: ignore[no-untyped-def]
    formatter = JsonFormatter()
    return [formatter.format(record) for record in caplog.records]


def request_paths(caplog) -> list[str]:  # type: ignore[no-untyped-def]
    return [record.path for record in caplog.records if record.name == "mimis.request"]


@pytest.mark.parametrize(
    ("path", "route"),
    [
        (f"/shared/{SECRET}/", "/shared/<str:token>/"),
        (f"/claim/{SECRET}/", "/claim/<str:token>/"),
        (f"/claim/{SECRET}/new-link/", "/claim/<str:token>/new-link/"),
        (f"/account/verify/{SECRET}/", "/account/verify/<str:token>/"),
        (f"/my/email-addresses/verify/{SECRET}/", "/my/email-addresses/verify/<str:token>/"),
        (f"/invitations/{SECRET}/", "/invitations/<str:token>/"),
        (f"/account/reset/MQ/{SECRET}/", "/account/reset/<uidb64>/<token>/"),
        (f"/en/claim/{SECRET}/", "/en/claim/<str:token>/"),
    ],
)
def test_a_link_with_a_secret_is_logged_as_its_route(path, route, caplog):
    with caplog.at_level(logging.INFO):
        Client().get(path)
    assert request_paths(caplog) == [route]
    lines = log_lines(caplog)
    assert lines and not [line for line in lines if SECRET in line]


def test_an_address_that_matches_no_route_keeps_only_its_first_segment(caplog):
    with caplog.at_level(logging.INFO):
        response = Client().get(f"/shared/{SECRET}/not-a-page/at-all/")
    assert response.status_code == 404
    assert request_paths(caplog) == ["/shared/…"]
    lines = log_lines(caplog)
    assert any('"Not Found: /shared/…"' in line for line in lines)
    assert not [line for line in lines if SECRET in line]


def test_a_real_password_reset_link_and_its_set_password_page_are_not_logged(caplog):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    browser = Client()
    with caplog.at_level(logging.INFO):
        response = browser.get(f"/account/reset/{uid}/{token}/", follow=True)
    assert response.status_code == 200
    assert request_paths(caplog) == ["/account/reset/<uidb64>/<token>/"] * 2
    assert not [line for line in log_lines(caplog) if token in line or uid in line]


def test_a_real_share_link_its_items_and_downloads_are_not_logged(credential, learner, caplog):  # noqa: F811
    link = wallet_services.create_share_link(user=learner, credential_ids=[str(credential.pk)])
    with caplog.at_level(logging.INFO):
        Client().get(f"/shared/{link.token}/")
        Client().get(f"/shared/{link.token}/{credential.pk}/")
        Client().get(f"/shared/{link.token}/{credential.pk}/download/")
    assert request_paths(caplog) == [
        "/shared/<str:token>/",
        "/shared/<str:token>/<uuid:credential_id>/",
        "/shared/<str:token>/<uuid:credential_id>/download/",
    ]
    assert not [line for line in log_lines(caplog) if link.token in line]


def test_api_paths_are_logged_as_their_route(caplog):
    with caplog.at_level(logging.INFO):
        Client().delete("/api/v1/tokens/12345")
    assert request_paths(caplog) == ["/api/v1/tokens/<token_id>"]
