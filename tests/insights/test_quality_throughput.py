"""Quality-assurance throughput: days from submission to first decision, approval at first review, overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mimis.audit import services as audit
from mimis.catalog.models import MicroCredential, MicroCredentialVersion
from mimis.insights import figures, selectors
from mimis.insights.selectors import Audience, Filters
from mimis.quality.models import CriteriaVersion, Decision, Review
from tests.factories import member

DAYS = [1, 2, 3, 4, 5, 20]
OUTCOMES = ["approved", "changes_requested"] * 3


@pytest.fixture
def decisions(db, provider, qa_body, monkeypatch):  # type: ignore[no-untyped-def]
    reviewer = member(qa_body, "reviewer")
    criteria = CriteriaVersion.objects.create(number=99)
    now = timezone.now()
    for n, (days, outcome) in enumerate(zip(DAYS, OUTCOMES, strict=True)):
        mc = MicroCredential.objects.create(provider=provider, slug=f"qa-{n}")
        version = MicroCredentialVersion.objects.create(microcredential=mc, number=1, title=f"QA {n}")
        submitted = now - timedelta(days=days + 1)
        monkeypatch.setattr(audit.timezone, "now", lambda at=submitted: at)
        audit.record(
            "microcredential.submitted", actor=None, actor_label="test", organisation=provider, target=version
        )
        monkeypatch.undo()
        review = Review.objects.create(
            version=version,
            qa_body=qa_body,
            reviewer=reviewer,
            assigned_at=submitted,
            due_at=submitted + timedelta(days=14),
            criteria_version=criteria,
            status="decided",
        )
        Decision.objects.create(
            review=review,
            version=version,
            qa_body=qa_body,
            decided_by=reviewer,
            outcome=outcome,
            rationale="r",
            decided_at=submitted + timedelta(days=days),
            criteria_version=criteria,
            content_hash="x",
        )
    open_version = MicroCredentialVersion.objects.create(
        microcredential=MicroCredential.objects.create(provider=provider, slug="open"), number=1, title="Open"
    )
    Review.objects.create(
        version=open_version,
        qa_body=qa_body,
        reviewer=reviewer,
        assigned_at=now - timedelta(days=20),
        due_at=now - timedelta(days=6),
        criteria_version=criteria,
    )
    return qa_body


def test_median_p90_first_approval_and_overdue(decisions, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MIMIS_INSIGHTS_MIN_CELL = 3
    [body] = selectors.qa_throughput(Filters(period=selectors.period_for("12m")))
    assert body.decided == 6
    assert body.median_days == pytest.approx(3.5)
    assert body.p90_days == pytest.approx(20)
    assert (body.first_approved, body.open_reviews, body.overdue) == (3, 1, 1)
    figure = figures.build("qa_throughput", Filters(period=selectors.period_for("12m")), Audience("region"))
    [row] = figure.rows
    assert (
        row["qa_body"] == "Kvalitetsrådet"
        and row["first_approved"].value == 0.5
        and row["overdue"].value == 1
    )


def test_too_few_decisions_show_no_median(decisions) -> None:  # type: ignore[no-untyped-def]
    # Six decisions with the default threshold of 5: the median is shown, the 3-of-6 rate is not.
    figure = figures.build("qa_throughput", Filters(period=selectors.period_for("12m")), Audience("public"))
    [row] = figure.rows
    assert row["qa_body"] == "Alla kvalitetssäkringsorgan" or row["qa_body"] == "All quality-assurance bodies"
    assert row["median_days"] == pytest.approx(3.5) and row["first_approved"].value is None
