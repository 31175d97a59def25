"""POST /api/v1/skills/suggest: the contract, who may call it, bad input and the rate limit."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts import services
from mimis.skills.errors import MAX_TEXT_CHARS
from tests.conftest import signed_in
from tests.skills.conftest import AD

pytestmark = pytest.mark.django_db

URL = "/api/v1/skills/suggest"


def token_client(user, *, scopes=("read",)) -> Client:
    _token, secret = services.create_api_token(user=user, name="test", scopes=list(scopes))
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def post(client: Client, body: object, **headers: str):
    return client.post(URL, body, content_type="application/json", headers=headers)


class TestContract:
    def test_returns_the_skills_with_spans_into_the_original_text(self, learner, care_skills):
        response = post(token_client(learner), {"text": AD, "language": "sv"})
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"skills", "methods", "taxonomy_version", "language"}
        assert body["language"] == "sv"
        assert isinstance(body["methods"], list) and all(isinstance(m, str) for m in body["methods"])
        assert body["taxonomy_version"] is None or isinstance(body["taxonomy_version"], str)
        by_label = {skill["label"]: skill for skill in body["skills"]}
        assert {"Demensvård", "Truckkörning"} <= set(by_label)
        demens = by_label["Demensvård"]
        assert set(demens) == {"id", "source_id", "label", "score", "required", "method", "spans"}
        assert demens["id"] == care_skills["demensvard"].pk
        assert demens["source_id"] == "hqYJ_jyZ_Ks8"
        assert isinstance(demens["score"], float) and 0 <= demens["score"] <= 1
        assert isinstance(demens["required"], bool) and isinstance(demens["method"], str)
        for skill in body["skills"]:
            assert skill["spans"], skill
            for span in skill["spans"]:
                assert set(span) == {"start", "end", "text"}
                assert AD[span["start"] : span["end"]] == span["text"]

    def test_language_is_optional(self, learner, care_skills):
        response = post(token_client(learner), {"text": "Demensvård"})
        assert response.status_code == 200
        assert [s["label"] for s in response.json()["skills"]] == ["Demensvård"]

    def test_openapi_documents_the_endpoint(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        operation = schema["paths"][URL]["post"]
        assert {"200", "401", "422", "429"} <= set(operation["responses"])
        assert "text" in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]


class TestWhoMayCall:
    def test_anonymous_gets_401(self, client, care_skills):
        response = post(client, {"text": "Demensvård"})
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"

    def test_a_token_without_read_gets_403(self, learner, care_skills):
        response = post(token_client(learner, scopes=["write"]), {"text": "Demensvård"})
        assert response.status_code == 403
        assert response.json()["code"] == "insufficient_scope"

    def test_a_token_with_read_gets_200(self, learner, care_skills):
        assert post(token_client(learner, scopes=["read"]), {"text": "Demensvård"}).status_code == 200

    def test_a_signed_in_person_with_the_csrf_token_gets_200(self, learner, care_skills):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        client.get("/skills/")  # the page sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        response = post(client, {"text": "Demensvård"}, X_CSRFToken=token)
        assert response.status_code == 200
        assert response.json()["skills"][0]["label"] == "Demensvård"

    def test_a_session_without_the_csrf_token_is_refused(self, learner, care_skills):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        response = post(client, {"text": "Demensvård"})
        assert response.status_code == 403
        assert response.json()["code"] == "csrf_failed"

    def test_a_session_that_still_owes_the_second_factor_is_not_signed_in(self, provider_admin, care_skills):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=provider_admin, name="phone", confirmed=True)
        response = post(signed_in(provider_admin), {"text": "Demensvård"})
        assert response.status_code == 401


class TestBadInput:
    @pytest.mark.parametrize(
        ("body", "code"),
        [
            ({"text": ""}, "empty_text"),
            ({"text": "   \n\t"}, "empty_text"),
            ({"text": "a" * (MAX_TEXT_CHARS + 1)}, "text_too_long"),
            ({"text": "PK\x03\x04\x00\x00binary"}, "binary_text"),
            ({"text": 42}, "invalid_text"),
            ({"text": ["Demensvård"]}, "invalid_text"),
            ({}, "invalid_text"),
            ([], "invalid_json"),
            ({"text": "Demensvård", "language": "de"}, "invalid_language"),
        ],
    )
    def test_bad_input_gets_422_with_a_stable_code(self, learner, care_skills, body, code):
        response = post(token_client(learner), body)
        assert response.status_code == 422, response.content
        assert response.json()["code"] == code
        assert response.json()["message"]

    def test_a_body_that_is_not_json_gets_422(self, learner, care_skills):
        response = token_client(learner).post(URL, b"text=Demensv\xe5rd", content_type="application/json")
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_json"

    def test_the_limit_is_in_the_message_in_the_callers_language(self, learner, care_skills):
        client = token_client(learner)
        swedish = post(client, {"text": "a" * (MAX_TEXT_CHARS + 1)}, Accept_Language="sv").json()
        english = post(client, {"text": "a" * (MAX_TEXT_CHARS + 1)}, Accept_Language="en").json()
        assert "20 000" in swedish["message"] and "20 000" in english["message"]
        assert swedish["message"] != english["message"]
        assert "tecken" in swedish["message"] and "characters" in english["message"]


class TestRateLimit:
    def test_the_request_after_the_limit_gets_429_with_retry_after(self, learner, care_skills, settings):
        settings.MIMIS_SKILLS_SUGGEST_RATE = "3/minute"
        client = token_client(learner)
        assert [post(client, {"text": "Demensvård"}).status_code for _ in range(3)] == [200, 200, 200]
        refused = post(client, {"text": "Demensvård"}, Accept_Language="en")
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert "Wait" in refused.json()["message"]
        assert 1 <= int(refused["Retry-After"]) <= 60

    def test_the_limit_is_per_person_and_shared_by_tokens_and_the_session(
        self, learner, provider_editor, care_skills, settings
    ):
        settings.MIMIS_SKILLS_SUGGEST_RATE = "2/minute"
        assert post(token_client(learner), {"text": "Demensvård"}).status_code == 200
        assert post(signed_in(learner), {"text": "Demensvård"}).status_code == 200
        assert post(token_client(learner), {"text": "Demensvård"}).status_code == 429
        assert post(token_client(provider_editor), {"text": "Demensvård"}).status_code == 200
