"""Approvals last until their review-by date: reminders before it, no issuing after it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mimis.audit.models import AuditEntry
from mimis.catalog.models import MicroCredentialVersion
from mimis.issuing.errors import QualityAssuranceLapsed
from mimis.issuing.services import issue_credential
from mimis.quality import selectors
from mimis.quality.services import send_review_by_notices

pytestmark = pytest.mark.django_db


def set_review_by(version, days_from_today: int) -> MicroCredentialVersion:  # type: ignore[no-untyped-def]
    MicroCredentialVersion.objects.filter(pk=version.pk).update(
        review_by=timezone.localdate() + timedelta(days=days_from_today)
    )
    return MicroCredentialVersion.objects.get(pk=version.pk)


def test_an_approval_lasts_three_years_by_default(published):
    assert published.review_by == timezone.localdate() + timedelta(days=3 * 365)
    assert published.is_issuable and not published.qa_lapsed


def test_the_provider_is_reminded_once_before_the_review_by_date(published, on_commit):
    set_review_by(published, 90)
    assert send_review_by_notices() == (0, 0)
    set_review_by(published, 30)
    with on_commit():
        assert send_review_by_notices() == (1, 0)
    assert send_review_by_notices() == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["jonas@hkr.example.se"]
    assert mail.outbox[0].subject == "Dags att förnya godkännandet av Demensvård – grunder"
    assert AuditEntry.objects.filter(action="quality.review_by_reminder").count() == 1


def test_after_the_review_by_date_the_approval_lapses_and_issuing_stops(published, on_commit):
    version = set_review_by(published, -1)
    assert version.qa_lapsed and not version.is_issuable
    with pytest.raises(QualityAssuranceLapsed):
        issue_credential(version=version, email="fatima@example.se", name="Fatima Ahmed", acting_user=None)
    with on_commit():
        out = io.StringIO()
        call_command("quality", "lapse", stdout=out)
    assert out.getvalue() == (
        "Reminders sent: 0. Approvals lapsed: 1.\n"
        "Level decision reminders sent: 0. Level decisions expired: 0.\n"
    )
    assert mail.outbox[0].subject == "Godkännandet av Demensvård – grunder har upphört att gälla"
    record = selectors.qa_record(version)
    assert record.lapsed and record.outcome == "approved"
    entry = AuditEntry.objects.get(action="quality.lapsed")
    assert entry.actor_label == "mimis quality notices"
    assert send_review_by_notices() == (0, 0)


def test_a_current_approval_still_issues(published):
    issued = issue_credential(
        version=published, email="fatima@example.se", name="Fatima Ahmed", acting_user=None
    )
    assert issued.created
