from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mimis.taxonomy.models import Concept
from tests.taxonomy.conftest import ESCO_DIR, skill, write_concepts


@pytest.mark.django_db
class TestTaxonomyCommand:
    def test_import_jobtech_prints_the_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        write_concepts(tmp_path, "skills.json", [skill("aaa_1", "Demensvård")])

        call_command("taxonomy", "import-jobtech", str(tmp_path))

        out = capsys.readouterr().out
        assert "Imported jobtech" in out
        assert "skill: created 1" in out

    def test_import_esco_with_a_language_and_stats(self, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("taxonomy", "import-esco", str(ESCO_DIR), "--language", "sv")
        call_command("taxonomy", "stats")

        out = capsys.readouterr().out
        assert "relations essential_skill: created 7" in out
        assert "esco\tskill\t8\t(deprecated 0)" in out

    def test_bad_input_raises_a_command_error_naming_the_file_and_saves_nothing(self, tmp_path: Path) -> None:
        (tmp_path / "skills.json").write_text('{"data": {"concepts": [{"id": "x"', encoding="utf-8")

        with pytest.raises(CommandError, match=r"^skills\.json: line 1, column \d+: "):
            call_command("taxonomy", "import-jobtech", str(tmp_path))

        assert Concept.objects.count() == 0

    def test_command_error_for_a_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(CommandError, match="is not a folder"):
            call_command("taxonomy", "import-esco", str(tmp_path / "nowhere"))


def test_the_mimis_command_exits_with_1_and_the_message_on_bad_input(tmp_path: Path) -> None:
    # A separate process: Django closes every database connection after a failing command.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "skills.json").write_text('{"concepts": []}', encoding="utf-8")
    environment = {**os.environ, "MIMIS_DATA_DIR": str(tmp_path / "data")}
    environment.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "-m", "mimis", "taxonomy", "import-jobtech", str(tmp_path / "in")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "skills.json: data.concepts: " in result.stderr
