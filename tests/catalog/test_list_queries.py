"""List pages cost a fixed number of queries, however many rows they show (no per-row query)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mimis.catalog.models import LearningOutcome, MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.issuing import services as issuing
from tests.factories import publish

pytestmark = pytest.mark.django_db

#: Upper bounds measured when these tests were written (with the session and the filter choices).
CATALOGUE_QUERIES = 8
CREDENTIAL_PAGE_QUERIES = 12


def add_published(provider, count: int, start: int = 0) -> None:
    """More published entries, straight into the tables (what a result card shows is all there)."""
    for n in range(start, start + count):
        microcredential = MicroCredential.objects.create(provider=provider, slug=f"extra-{n}")
        version = MicroCredentialVersion.objects.create(
            microcredential=microcredential,
            number=1,
            status=VersionStatus.PUBLISHED,
            title=f"Extra {n}",
            summary="Sammanfattning.",
            workload_hours=10 + n,
            seqf_level=3,
            eqf_level=3,
            participation_form=["online"],
            languages=["sv"],
        )
        LearningOutcome.objects.create(version=version, position=0, text="Kunna något.")


def queries(path: str, **headers: str) -> tuple[int, bytes]:
    client = Client()
    client.get(path, headers=headers)  # the first request warms caches (contexts, templates)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content


@pytest.fixture
def catalogue(draft, region_admin, provider):
    publish(draft)
    add_published(provider, 2)
    return provider


class TestCatalogue:
    @pytest.mark.parametrize(
        ("path", "headers"),
        [
            ("/microcredentials/", {}),
            ("/microcredentials/?sort=workload&provider=hkr", {"HX-Request": "true"}),
        ],
        ids=["page", "search-partial"],
    )
    def test_the_number_of_queries_does_not_grow_with_the_results(self, catalogue, path, headers):
        few, content = queries(path, **headers)
        add_published(catalogue, 12, start=2)
        many, more_content = queries(path, **headers)
        assert b"Extra 13" in more_content and b"Extra 13" not in content
        assert many == few
        assert many <= CATALOGUE_QUERIES

    def test_the_search_partial_is_the_results_alone(self, catalogue):
        _count, content = queries("/microcredentials/?sort=title", **{"HX-Request": "true"})
        assert b"<html" not in content and b"Extra 1" in content


class TestPublicCredentialPages:
    @pytest.fixture
    def issued(self, draft, region_admin):
        return issuing.issue_credential(
            version=publish(draft), email="fatima@example.se", name="Fatima", acting_user=None
        )

    def test_the_credential_page_costs_the_same_with_more_learning_outcomes(self, issued):
        path = f"/verify/credentials/{issued.credential.pk}/"
        few, _content = queries(path)
        for position in range(1, 8):
            LearningOutcome.objects.create(
                version=issued.credential.version, position=position, text=f"Mål {position}"
            )
        many, content = queries(path)
        assert "Mål 7" in content.decode()
        assert many == few
        assert many <= CREDENTIAL_PAGE_QUERIES

    def test_verifying_through_the_api_and_the_page_is_a_few_queries(self, issued):
        client = Client()
        body = json.dumps(issued.signed)
        client.post("/api/v1/verify", body, content_type="application/json")
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/api/v1/verify", body, content_type="application/json")
        assert response.status_code == 200 and response.json()["verified"] is True
        # The credential's organisation, the status list, the stored credential: no key or DID queries.
        assert len(captured.captured_queries) <= 4
        with CaptureQueriesContext(connection) as captured:
            page = client.post("/verify/", {"reference": str(issued.credential.pk)})
        assert page.status_code == 200
        assert len(captured.captured_queries) <= 8
