from __future__ import annotations

import pytest
from django.test import Client
from ninja.testing import TestClient

from mimis.errors import NotFound
from mimis.taxonomy.api import router
from mimis.taxonomy.demo_data import load_demo_taxonomy
from mimis.taxonomy.models import Concept


@pytest.fixture
def client() -> TestClient:
    return TestClient(router)


@pytest.mark.django_db
class TestConceptsEndpoint:
    def test_search_is_public_and_filters_by_scheme(self, client: TestClient) -> None:
        load_demo_taxonomy()

        response = client.get(
            "/concepts", query_params={"q": "undersköterskor", "scheme": "occupation_group"}
        )

        assert response.status_code == 200
        assert [item["code"] for item in response.json()] == ["532", "5323", "5321"]  # shorter labels first

    def test_an_unknown_scheme_is_refused(self, client: TestClient) -> None:
        assert client.get("/concepts", query_params={"q": "vård", "scheme": "planet"}).status_code == 422

    def test_one_concept_with_parent_and_related_skills(self, client: TestClient) -> None:
        load_demo_taxonomy()
        group = Concept.objects.get(source_id="jY19_knH_MJp")

        body = client.get(f"/concepts/{group.pk}").json()

        assert body["parent"]["code"] == "532"
        assert {item["kind"] for item in body["related"]} == {"isco_mapping", "related_skill"}
        assert "Demensvård" in {item["concept"]["preferred_label"] for item in body["related"]}

    def test_an_unknown_concept_is_404(self, client: TestClient) -> None:
        # Alone, the router has no error mapping; mounted under /api/v1 it answers 404 with the code.
        with pytest.raises(NotFound):
            client.get("/concepts/999999")
        response = Client().get("/api/v1/taxonomy/concepts/999999")
        assert (response.status_code, response.json()["code"]) == (404, "not_found")

    def test_the_mounted_endpoint_needs_no_token(self) -> None:
        load_demo_taxonomy()

        response = Client().get("/api/v1/taxonomy/concepts", {"q": "vårdbiträden", "limit": 2})

        assert response.status_code == 200
        assert [item["source_id"] for item in response.json()] == ["UCxd_vFm_MKt", "tAJS_JNb_hDH"]
        assert "/api/v1/taxonomy/levels" in Client().get("/api/v1/openapi.json").json()["paths"]


class TestLevelsEndpoint:
    def test_eight_levels_with_descriptors_in_both_languages(self, client: TestClient) -> None:
        from django.utils import translation

        translation.activate("sv")  # the site's default; the module's fixture chose English for messages
        body = client.get("/levels").json()

        assert [item["level"] for item in body["levels"]] == list(range(1, 9))
        assert all(item["is_summary"] for item in body["levels"])
        assert body["levels"][3]["sv"]["knowledge"].startswith("Fakta- och teorikunskaper")
        assert body["levels"][7]["en"]["competence"].startswith("Demonstrates substantial authority")
        assert body["levels"][0]["descriptor"] == body["levels"][0]["sv"]  # Swedish is the default
