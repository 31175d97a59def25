"""Job ads a region admin uploads (JobTech JSON) as demand, and the ranked uncovered demand."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mimis.errors import PermissionDenied
from mimis.insights import selectors, services
from mimis.insights.errors import JobAdFileError
from mimis.insights.models import JobAd, JobAdImport
from mimis.taxonomy.models import Concept
from tests.conftest import verified_client


def ad(ad_id: str, text: str, **extra: object) -> dict:
    return {
        "id": ad_id,
        "headline": extra.pop("headline", "Undersköterska till hemtjänsten"),
        "description": {"text": text},
        "employer": {"name": "Kristianstads kommun"},
        "workplace_address": {"municipality": "Kristianstad", "region": "Skåne län"},
        "occupation_field": {"concept_id": "NYW6_mP6_vwf", "label": "Hälso- och sjukvård"},
        "publication_date": "2026-11-02T00:00:00",
        **extra,
    }


@pytest.fixture
def lift(db) -> Concept:
    return Concept.objects.create(
        scheme="skill", source="jobtech", source_id="LIFT_x", preferred_label="Förflyttningsteknik"
    )


class TestImport:
    def test_ads_are_imported_and_their_skills_read_and_cached(self, world, lift, on_commit) -> None:
        content = json.dumps(
            [
                ad("1", "Du har kunskap i omvårdnad och förflyttningsteknik."),
                ad(
                    "2",
                    "Erfarenhet av kundtjänst.",
                    must_have={"skills": [{"concept_id": "LIFT_x", "label": "x"}]},
                ),
                ad("3", "Vi söker dig med förflyttningsteknik."),
            ]
        ).encode()
        with on_commit():
            imported = services.import_job_ads(file_name="ads.json", content=content, acting_user=None)
        assert imported.ad_count == 3
        skills = dict(JobAd.objects.values_list("source_id", "skill_ids"))
        assert skills == {
            "1": sorted([world.omvardnad.pk, lift.pk]),
            "2": sorted([world.kundtjanst.pk, lift.pk]),
            "3": [lift.pk],
        }

    def test_reimporting_an_unchanged_ad_keeps_its_cached_skills(self, world, on_commit) -> None:
        content = json.dumps([ad("1", "Omvårdnad.")]).encode()
        with on_commit():
            services.import_job_ads(file_name="a.json", content=content, acting_user=None)
        JobAd.objects.filter(source_id="1").update(skill_ids=[999])  # a marker: read again would replace it
        with on_commit():
            services.import_job_ads(file_name="b.json", content=content, acting_user=None)
        assert JobAd.objects.get(source_id="1").skill_ids == [999]
        assert JobAd.objects.count() == 1

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (b"", "empty_file"),
            (b"\xff\xfe\x00garbage", "not_text"),
            (b"{not json\n", "not_json"),
            (b'{"total": 3}', "wrong_format"),
            (b"[]", "no_ads"),
            (json.dumps([{"headline": "no id"}]).encode(), "wrong_format"),
            (json.dumps([{"id": "1"}]).encode(), "wrong_format"),
        ],
    )
    def test_bad_files_are_refused_whole(self, db, content, code) -> None:
        with pytest.raises(JobAdFileError) as error:
            services.import_job_ads(file_name="bad.json", content=content, acting_user=None)
        assert error.value.code == code
        assert not JobAdImport.objects.exists() and not JobAd.objects.exists()

    def test_a_bad_ad_late_in_the_file_imports_nothing(self, db) -> None:
        content = json.dumps([ad(str(n), "Omvårdnad.") for n in range(50)] + [{"id": "x"}]).encode()
        with pytest.raises(JobAdFileError):
            services.import_job_ads(file_name="bad.json", content=content, acting_user=None)
        assert not JobAd.objects.exists()

    def test_huge_files_and_too_many_ads_are_refused(self, db, settings) -> None:
        settings.MIMIS_INSIGHTS_MAX_AD_FILE_BYTES = 1000
        with pytest.raises(JobAdFileError) as error:
            services.import_job_ads(file_name="big.json", content=b" " * 1001, acting_user=None)
        assert error.value.code == "file_too_large"
        settings.MIMIS_INSIGHTS_MAX_AD_FILE_BYTES = 10_000_000
        settings.MIMIS_INSIGHTS_MAX_ADS = 2
        with pytest.raises(JobAdFileError) as error:
            services.import_job_ads(
                file_name="many.json",
                content=json.dumps([ad(str(n), "x") for n in range(3)]).encode(),
                acting_user=None,
            )
        assert error.value.code == "too_many_ads"

    def test_jobsearch_hits_and_json_lines_are_read_too(self, db, on_commit) -> None:
        with on_commit():
            services.import_job_ads(
                file_name="s.json", content=json.dumps({"hits": [ad("1", "x")]}).encode(), acting_user=None
            )
            lines = "\n".join(json.dumps(ad(str(n), "y")) for n in (2, 3)).encode()
            services.import_job_ads(file_name="s.jsonl", content=lines, acting_user=None)
        assert sorted(JobAd.objects.values_list("source_id", flat=True)) == ["1", "2", "3"]

    def test_only_region_admins_import(self, world, provider_admin) -> None:
        with pytest.raises(PermissionDenied):
            services.import_job_ads(file_name="a.json", content=b"[]", acting_user=provider_admin)

    def test_the_upload_page_shows_the_error_and_keeps_nothing(self, world, region_admin) -> None:
        client = verified_client(region_admin)
        response = client.post("/insights/job-ads/", {"file": SimpleUploadedFile("x.json", b"{oops")})
        assert response.status_code == 200
        assert (
            "not valid JSON" in response.content.decode() or "inte giltig JSON" in response.content.decode()
        )
        assert not JobAd.objects.exists()

    def test_the_upload_page_is_for_the_region_only(self, world, provider_admin) -> None:
        assert verified_client(provider_admin).get("/insights/job-ads/").status_code == 403


class TestSupplyAgainstDemand:
    @pytest.fixture
    def ads(self, world, lift, on_commit):  # type: ignore[no-untyped-def]
        content = json.dumps(
            [ad(str(n), "Omvårdnad och förflyttningsteknik.") for n in range(4)]
            + [ad("k", "Kundtjänst.", occupation_field={"label": "Försäljning"})]
        ).encode()
        with on_commit():
            services.import_job_ads(file_name="ads.json", content=content, acting_user=None)

    def test_uncovered_demand_is_what_no_published_microcredential_offers(self, world, lift, ads) -> None:
        rows = selectors.uncovered_demand()
        assert [(r.concept_id, r.ads, r.holders) for r in rows] == [(lift.pk, 4, 0)]
        covered = {r.concept_id: (r.ads, r.holders, r.offered) for r in selectors.skill_supply_and_demand()}
        assert covered[world.omvardnad.pk] == (4, 15, 2)

    def test_demand_can_be_narrowed_to_an_occupational_field(self, world, lift, ads) -> None:
        rows = selectors.skill_supply_and_demand(occupation_field="Försäljning")
        assert [(r.concept_id, r.ads) for r in rows if r.ads] == [(world.kundtjanst.pk, 1)]

    def test_each_uncovered_row_links_to_creating_a_microcredential(
        self, world, lift, ads, provider_admin
    ) -> None:
        page = verified_client(provider_admin).get("/insights/supply/").content.decode()
        assert "Förflyttningsteknik" in page
        assert "/organisations/hkr/microcredentials/new/" in page

    def test_the_public_supply_page_has_no_create_links_and_hides_small_supply(
        self, world, lift, ads
    ) -> None:
        from django.test import Client

        page = Client().get("/insights/supply/").content.decode()
        assert "/microcredentials/new/" not in page
        assert "Kundtjänst" in page
