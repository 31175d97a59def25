"""The statistics pages and downloads: who sees what, htmx partials, and exports equal to the page."""

from __future__ import annotations

import csv
import io
import json

from django.test import Client

from mimis.insights.exports import neutralise, to_csv
from mimis.insights.figures import Column, Figure
from tests.conftest import signed_in, verified_client
from tests.factories import member


class TestWhoSeesWhat:
    def test_the_public_page_merges_employers_and_hides_small_cells(self, world) -> None:
        response = Client().get("/insights/?dimension=provider")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Österlens Bageri AB" not in page
        assert "<svg" in page and "<table>" in page

    def test_the_region_sees_the_employer_by_name(self, world, region_admin) -> None:
        page = verified_client(region_admin).get("/insights/?dimension=provider").content.decode()
        assert "Österlens Bageri AB" in page

    def test_a_provider_sees_its_own_figures(self, world, provider_admin) -> None:
        client = verified_client(provider_admin)
        response = client.get("/insights/?organisation=hkr&dimension=level")
        assert response.status_code == 200
        figure = json.loads(client.get("/insights/figures/by_provider.json?organisation=hkr").content)
        assert [row["category"] for row in figure["rows"]] == ["Högskolan Kristianstad"]
        assert figure["total"]["issued"] == 15

    def test_a_provider_cannot_see_another_providers_figures(self, world, other_admin) -> None:
        client = verified_client(other_admin)
        assert client.get("/insights/?organisation=hkr").status_code == 404
        assert client.get("/insights/figures/by_skill.csv?organisation=hkr").status_code == 404
        assert client.get("/insights/?organisation=bageri").status_code == 404

    def test_a_learner_cannot_ask_for_an_organisations_figures(self, world, learner) -> None:
        assert signed_in(learner).get("/insights/?organisation=bageri").status_code == 404

    def test_the_public_cannot_filter_by_a_private_employer(self, world) -> None:
        response = Client().get(f"/insights/figures/by_skill.json?provider={world.employer.pk}")
        assert response.status_code == 400
        assert "Österlens" not in response.content.decode()

    def test_a_reviewer_without_provider_rights_gets_the_public_figures(self, world, qa_body) -> None:
        reviewer = member(qa_body, "reviewer")
        assert verified_client(reviewer).get("/insights/?organisation=kvalitet").status_code == 404


class TestPage:
    def test_filters_update_in_place_with_htmx(self, world) -> None:
        response = Client().get("/insights/?period=year&target_group=small_business", HTTP_HX_REQUEST="true")
        page = response.content.decode()
        assert "<html" not in page and 'id="fig-issued_over_time"' in page

    def test_each_figure_has_a_summary_table_and_downloads(self, world) -> None:
        page = Client().get("/insights/").content.decode()
        for key in ("issued_over_time", "by_skill", "engagement", "qa_throughput"):
            assert f'id="fig-{key}"' in page
            assert f"/insights/figures/{key}.csv" in page and f"/insights/figures/{key}.json" in page
        assert page.count('class="summary"') == 4
        assert 'role="img"' in page and "<desc" in page

    def test_invalid_filters_say_so_and_show_nothing(self, world) -> None:
        page = Client().get("/insights/?period=forever").content.decode()
        assert 'role="alert"' in page and 'id="fig-' not in page

    def test_the_page_is_complete_in_english(self, world) -> None:
        page = Client().get("/en/insights/").content.decode()
        assert "Credentials issued and valid, month by month" in page


class TestExports:
    def test_csv_and_json_show_what_the_page_shows(self, world) -> None:
        client = Client()
        rows = list(csv.reader(io.StringIO(client.get("/insights/figures/by_sector.csv").content.decode())))
        data = json.loads(client.get("/insights/figures/by_sector.json").content)
        by_csv = {row[0]: row[1] for row in rows[1:]}
        assert by_csv["47 Detaljhandel"] == "färre än 5"
        retail = next(row for row in data["rows"] if row["category"] == "47 Detaljhandel")
        assert retail["issued"] is None and retail["suppressed"] == ["issued", "valid"]
        assert data["total"]["issued"] == 21 and by_csv["Totalt"] == "21"
        assert data["licence"]["id"] == "CC-BY-4.0"

    def test_csv_cells_cannot_run_as_formulas(self) -> None:
        figure = Figure(
            key="x",
            title="t",
            summary="s",
            columns=[Column("category", "=cmd", numeric=False)],
            rows=[
                {"category": '=HYPERLINK("http://x")'},
                {"category": "+1"},
                {"category": "-1"},
                {"category": "@SUM(A1)"},
                {"category": "ok"},
            ],
        )
        rows = list(csv.reader(io.StringIO(to_csv(figure))))
        assert [r[0] for r in rows] == ["'=cmd", '\'=HYPERLINK("http://x")', "'+1", "'-1", "'@SUM(A1)", "ok"]
        assert neutralise("Omvårdnad") == "Omvårdnad"
