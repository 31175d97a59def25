"""Issue 16, "server errors under hostile input": deeply nested JSON, a 100,001-digit integer, an
out-of-range filter integer, a Host header this server does not answer for, an oversized body, and the
framework's own errors all get a 4xx with a stable code and a translated message (JSON on the APIs, a page
on the site) instead of a 500 or {"detail": …}."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.wallet.models import ExternalCredential
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEEP = b"[" * 100_000 + b"]" * 100_000
HUGE_INTEGER = b'{"credential": ' + b"1" * 100_001 + b"}"


def client() -> Client:
    return Client(raise_request_exception=False)


def assert_json_error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code and body["message"]
    assert "detail" not in body
    return body


@pytest.mark.parametrize("body", [DEEP, HUGE_INTEGER], ids=["nested-100000-deep", "100001-digit-integer"])
class TestHostileJson:
    def test_the_verify_api_says_it_cannot_read_it(self, body):
        answer = assert_json_error(
            client().post("/api/v1/verify", body, content_type="application/json"), 400, "unreadable_input"
        )
        assert "ingen merit som MIMIS kan läsa" in answer["message"]

    def test_the_verify_page_says_it_cannot_read_it(self, body):
        response = client().post("/verify/", {"pasted": body.decode()})
        assert response.status_code == 200
        assert "ingen merit som MIMIS kan läsa" in response.content.decode()

    def test_wallet_import_refuses_it_and_stores_nothing(self, body):
        secret = create_api_token(user=UserFactory(), name="w", scopes=["read", "write"])[1]
        response = client().post(
            "/api/v1/me/credentials/import",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert_json_error(response, 422, "import_rejected")
        assert not ExternalCredential.objects.exists()

    def test_an_api_taking_a_schema_says_the_body_is_not_json(self, body):
        secret = create_api_token(user=UserFactory(), name="w", scopes=["read", "write"])[1]
        response = client().post(
            "/api/v1/microcredentials",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        answer = assert_json_error(response, 400, "malformed_request")
        assert answer["message"] == "Förfrågans innehåll är inte giltig JSON."


def test_json_nested_a_hundred_levels_is_refused_before_it_reaches_the_checks():
    nested = b'{"@context": "https://www.w3.org/ns/credentials/v2", "x": ' + b"[" * 100 + b"]" * 100 + b"}"
    answer = assert_json_error(
        client().post("/api/v1/verify", nested, content_type="application/json"), 400, "unreadable_input"
    )
    assert "mer än 64 nivåer" in answer["message"]


class TestNumbers:
    def test_a_20_digit_filter_integer_is_a_validation_error(self):
        response = client().get("/api/v1/microcredentials?sector=-121901011946295181312")
        body = assert_json_error(response, 422, "validation_failed")
        assert body["errors"][0]["loc"] == ["query", "sector"]

    def test_a_20_digit_id_in_the_path_is_not_found_or_out_of_range(self):
        response = client().get("/api/v1/microcredentials/121901011946295181312")
        assert response.status_code in (400, 404), response.content
        assert response.json()["code"] in ("number_out_of_range", "not_found")


class TestRefusedBeforeAnyView:
    def test_a_host_header_not_served_here_gets_a_page_not_a_500(self):
        response = client().get("/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        assert "Den här servern svarar inte för det värdnamnet." in response.content.decode()

    def test_a_host_header_not_served_here_gets_json_on_the_api(self):
        assert_json_error(client().get("/api/v1/microcredentials", HTTP_HOST="evil.example"), 400, "bad_host")

    def test_an_oversized_verify_body_is_answered_in_json(self):
        body = b'{"credential": "' + b"a" * (3 * 1024 * 1024) + b'"}'
        assert_json_error(
            client().post("/api/v1/verify", body, content_type="application/json"), 413, "request_too_large"
        )


class TestFrameworkErrorsCarryACode:
    def test_an_unknown_api_address_is_json(self):
        assert_json_error(client().get("/api/v1/no-such-thing"), 404, "not_found")

    def test_get_object_or_404_in_an_api_handler_is_json_with_a_code(self):
        secret = create_api_token(user=UserFactory(), name="w", scopes=["read", "admin"])[1]
        response = client().delete(
            "/api/v1/organisations/none/invitations/1", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        assert_json_error(response, 404, "not_found")
