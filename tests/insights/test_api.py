"""Open data at /api/v1/insights/: public, licensed, described in DCAT-AP-SE, suppressed like the pages."""

from __future__ import annotations

import json

from django.test import Client


def get(path: str) -> dict:
    response = Client().get(path)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


class TestOpenData:
    def test_the_index_lists_the_datasets_with_the_licence(self, world) -> None:
        data = get("/api/v1/insights/")
        assert data["licence"]["id"] == "CC-BY-4.0"
        assert data["disclosure_control"]["minimum_cell"] == 5
        assert data["datasets"]["catalogue"].endswith("/api/v1/insights/catalogue")

    def test_catalogue_statistics(self, world) -> None:
        data = get("/api/v1/insights/catalogue")
        assert data["published_microcredentials"] == 3 and data["providers"] == 2
        assert {row["code"]: row["count"] for row in data["by_sector"]} == {"87": 2, "47": 1}
        assert {row["target_group"]: row["count"] for row in data["by_target_group"]} == {
            "health_social_care": 2,
            "small_business": 1,
        }

    def test_issuance_by_sector_and_month_is_suppressed_like_the_pages(self, world) -> None:
        data = get("/api/v1/insights/issuance?period=12m")
        retail = [row for row in data["rows"] if row["sector"] == "47 Detaljhandel" and row["month"]]
        assert {row["issued"] for row in retail} <= {None, 0}
        assert data["total"]["issued"] == 21

    def test_a_figure_is_the_same_as_the_pages_download(self, world) -> None:
        api = get("/api/v1/insights/figures/by_sector")
        page = json.loads(Client().get("/insights/figures/by_sector.json").content)
        assert api["rows"] == page["rows"] and api["total"] == page["total"]

    def test_supply_of_verified_skills_hides_small_counts(self, world) -> None:
        data = get("/api/v1/insights/supply")
        holders = {row["label"]: row["holders"] for row in data["skills"]}
        assert holders == {"Omvårdnad": 15, "Demensvård": 10, "Kundtjänst": None}
        assert data["skills"][0]["uri"].startswith("http://data.jobtechdev.se/taxonomy/concept/")

    def test_unknown_figures_and_periods_are_clear_errors(self, world) -> None:
        assert Client().get("/api/v1/insights/figures/everything").status_code == 404
        assert Client().get("/api/v1/insights/issuance?period=forever").status_code == 422

    def test_the_dcat_ap_se_catalogue(self, world) -> None:
        response = Client().get("/api/v1/insights/dcat.jsonld")
        assert response["Content-Type"] == "application/ld+json"
        catalogue = json.loads(response.content)
        assert catalogue["@type"] == "dcat:Catalog"
        assert catalogue["dcterms:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        for dataset in catalogue["dcat:dataset"]:
            assert (
                dataset["dcterms:title"] and dataset["dcterms:description"] and dataset["dcat:contactPoint"]
            )
            assert dataset["dcterms:publisher"]["foaf:name"]
            distribution = dataset["dcat:distribution"][0]
            assert distribution["dcat:accessURL"]["@id"].startswith("http://testserver/api/v1/insights/")
            assert distribution["dcterms:format"]["@id"].endswith("file-type/JSON")
