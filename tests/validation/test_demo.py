"""The demo tells the validation story: Fatima's case in progress with a pending supervisor statement,
and Johan's full recognition (a credential that says it was validated)."""

from __future__ import annotations

import pytest

from mimis.validation.models import CaseState, Outcome, ValidationCase
from tests.demo_snapshot import load_demo


@pytest.mark.django_db
def test_the_demo_has_fatimas_case_in_progress_and_johans_decided_cases():
    load_demo()
    fatima = ValidationCase.objects.get(person__email="fatima@demo.mimis.example")
    assert fatima.state == CaseState.DRAFT
    statement = fatima.evidence.get(kind="statement").statement
    assert statement.used_at is None
    johan = {
        c.version.microcredential.slug: c
        for c in ValidationCase.objects.filter(person__email="johan@demo.mimis.example")
    }
    full = johan["forflyttning-och-ergonomi"]
    assert full.outcome == Outcome.FULL
    assert full.credential.document["evidence"][0]["genre"] == "Validering av tidigare lärande"
