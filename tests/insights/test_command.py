"""``mimis insights refresh`` and ``mimis insights import-ads``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mimis.insights.models import CredentialMonth, JobAd, RefreshState


def test_refresh_rebuilds_the_rollups_and_says_how_long(world) -> None:  # type: ignore[no-untyped-def]
    CredentialMonth.objects.all().delete()
    out = StringIO()
    call_command("insights", "refresh", stdout=out)
    assert "Rollups rebuilt from 21 credentials" in out.getvalue()
    assert sum(CredentialMonth.objects.values_list("issued", flat=True)) == 21
    assert RefreshState.objects.get().credentials == 21


def test_refresh_can_be_queued_for_the_worker(world) -> None:  # type: ignore[no-untyped-def]
    CredentialMonth.objects.all().delete()
    call_command("insights", "refresh", "--queue", stdout=StringIO())  # tests run tasks at once
    assert sum(CredentialMonth.objects.values_list("issued", flat=True)) == 21


def test_import_ads_from_a_file(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "2025.json"
    path.write_text(json.dumps([{"id": "9", "headline": "Kock", "description": {"text": "Matlagning"}}]))
    out = StringIO()
    call_command("insights", "import-ads", str(path), stdout=out)
    assert "Imported 1 job ads from 2025.json" in out.getvalue()
    assert JobAd.objects.get().skill_ids == []


def test_a_bad_file_is_a_clear_error(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text("{nope")
    with pytest.raises(CommandError, match="Rad 1 är inte giltig JSON|Line 1 is not valid JSON"):
        call_command("insights", "import-ads", str(path))
    assert not JobAd.objects.exists()
