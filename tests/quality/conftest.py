"""Personas and states of the quality-assurance workflow."""

from __future__ import annotations

import pytest

from mimis.catalog.models import CoDesigner
from mimis.quality import selectors
from mimis.quality import services as quality
from tests.catalog.conftest import COMPLETE, care_sector, draft, skills  # noqa: F401
from tests.factories import OrganisationFactory, member


@pytest.fixture(autouse=True)
def _manual_assignment(settings) -> None:
    # Tests assign reviewers themselves unless they test the round robin.
    settings.MIMIS_QA_AUTO_ASSIGN = False
    settings.MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL = 6


@pytest.fixture
def reviewer(qa_body):
    return member(qa_body, "reviewer", email="maria@kvalitet.example.se", name="Maria Ek")


@pytest.fixture
def other_reviewer(qa_body):
    return member(qa_body, "reviewer", email="ola@kvalitet.example.se", name="Ola Svensson")


@pytest.fixture
def coordinator(qa_body):
    return member(qa_body, "admin", email="per@kvalitet.example.se", name="Per Qvist", language="en")


@pytest.fixture
def other_qa_body(db):
    return OrganisationFactory(name="Kvalitetsnämnden Blekinge", slug="kvalitet-blekinge", kind="qa_body")


@pytest.fixture
def foreign_reviewer(other_qa_body):
    return member(other_qa_body, "reviewer", email="rut@blekinge.example.se", name="Rut Blom")


@pytest.fixture
def employer(db):
    return OrganisationFactory(name="Kristianstads kommun", slug="kommun", kind="employer")


@pytest.fixture
def codesigner_editor(draft, employer):  # noqa: F811
    CoDesigner.objects.create(microcredential=draft.microcredential, organisation=employer, status="accepted")
    return member(employer, "editor", email="lena@kommun.example.se", name="Lena Ström")


def all_met(review) -> list[dict]:
    return [{"criterion": c.code, "result": "met"} for c in selectors.criteria_of(review.criteria_version)]


@pytest.fixture
def submitted(draft, provider_editor):  # noqa: F811
    return quality.submit_version(version=draft, acting_user=provider_editor)


@pytest.fixture
def assigned(submitted, reviewer, coordinator):
    return quality.assign_reviewer(version=submitted, reviewer=reviewer, acting_user=coordinator)


@pytest.fixture
def in_review(assigned, reviewer):
    return quality.start_review(review=assigned, acting_user=reviewer)


@pytest.fixture
def checked(in_review, reviewer):
    """A review in progress with every criterion assessed as met."""
    quality.record_assessments(review=in_review, acting_user=reviewer, assessments=all_met(in_review))
    return in_review


@pytest.fixture
def changes_requested(checked, reviewer):
    quality.record_assessments(
        review=checked,
        acting_user=reviewer,
        assessments=[
            {
                "criterion": "eu-transparency",
                "result": "not_met",
                "comment": "Sammanfattningen säger inte vem kursen är till för.",
                "element": "summary",
            }
        ],
    )
    return quality.request_changes(review=checked, acting_user=reviewer, rationale="Förtydliga målgruppen.")


@pytest.fixture
def approved(checked, reviewer):
    return quality.approve(review=checked, acting_user=reviewer, rationale="Alla kriterier uppfylls.")


@pytest.fixture
def published(approved, provider_editor):
    return quality.publish_version(version=approved.version, acting_user=provider_editor)
