"""Region administrators export the audit trail as CSV, with the hashes that chain it."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.audit.models import AuditEntry
from mimis.audit.services import compute_entry_hash, record
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(region, region_admin):
    actor = region_admin
    record("test.first", actor=actor, organisation=region, data={"i": 1})
    record("quality.approved", actor=actor, data={"rationale": '=HYPERLINK("http://evil")'})
    return list(AuditEntry.objects.order_by("sequence"))


def rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_region_admin_downloads_the_trail_oldest_first_with_its_hashes(trail, region_admin):
    response = verified_client(region_admin).get("/platform/audit/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mimis-audit-')
    exported = rows(b"".join(response.streaming_content))
    assert [r["action"] for r in exported] == ["test.first", "quality.approved"]
    assert exported[0]["organisation"] == "region" and exported[0]["actor"] == "eva@region.example.se"
    assert exported[1]["previous_hash"] == exported[0]["entry_hash"] == compute_entry_hash(trail[0])
    assert exported[1]["data"].startswith("{")  # JSON, never a formula


def test_a_cell_that_looks_like_a_formula_is_kept_as_text(region_admin):
    record("=cmd", actor=None, actor_label="+evil")
    exported = rows(
        b"".join(verified_client(region_admin).get("/platform/audit/export.csv").streaming_content)
    )
    assert (exported[0]["action"], exported[0]["actor"]) == ("'=cmd", "'+evil")


def test_the_export_can_be_filtered_by_action_and_is_for_region_admins_only(
    trail, region_admin, provider_admin
):
    exported = rows(
        b"".join(
            verified_client(region_admin)
            .get("/platform/audit/export.csv?action=test.first")
            .streaming_content
        )
    )
    assert [r["action"] for r in exported] == ["test.first"]
    assert verified_client(provider_admin).get("/platform/audit/export.csv").status_code == 403
    page = verified_client(region_admin).get("/platform/audit/").content.decode()
    assert "Exportera som CSV" in page


def test_the_api_exports_the_same_csv(trail, region_admin):
    _token, secret = account_services.create_api_token(user=region_admin, name="x", scopes=["admin"])
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/audit/export.csv")
    assert response.status_code == 200
    exported = rows(b"".join(response.streaming_content))
    assert [r["action"] for r in exported] == ["test.first", "quality.approved", "api_token.created"]
