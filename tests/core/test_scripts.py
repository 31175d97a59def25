"""scripts/test, the README's test command: what it shows and what it leaves behind.

The script installs packages and runs the whole suite; here it runs in a copy of the checkout whose
virtual environment and system tools are stand-ins that only record how they were called.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-Passw0rd"


def _tool(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    work = tmp_path / "checkout"
    (work / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "test", work / "scripts" / "test")
    # pytest stands in as a program that writes a generated secret into the data folder, as the settings do.
    _tool(
        work / ".venv" / "bin" / "python",
        'if [ "$1 $2" = "-m pytest" ]; then\n'
        '  echo "$MIMIS_DATA_DIR" > "$RECORD"; echo generated > "$MIMIS_DATA_DIR/secret_key"\n'
        '  exit "$PYTEST_EXIT"\nfi\nexit 0',
    )
    _tool(work / ".venv" / "bin" / "ruff", "exit 0")
    for program in ("chromium", "msgfmt", "pdftoppm", "node", "npm"):
        _tool(tmp_path / "bin" / program, "exit 0")
    return work


@pytest.mark.parametrize("pytest_exit", [0, 1])
def test_the_database_password_is_never_shown_and_the_generated_secrets_are_removed(
    checkout: Path, tmp_path: Path, pytest_exit: int
) -> None:
    record = tmp_path / "data-dir"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MIMIS_")} | {
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "DATABASE_URL": f"postgres://mimis:{PASSWORD}@db.example:5432/mimis",
        "RECORD": str(record),
        "PYTEST_EXIT": str(pytest_exit),
    }
    run = subprocess.run(  # noqa: S603 - the project's own script
        ["bash", str(checkout / "scripts" / "test")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == pytest_exit, run.stderr
    assert "Database: postgres" in run.stdout
    assert PASSWORD not in run.stdout + run.stderr
    assert "db.example" not in run.stdout + run.stderr
    data_dir = Path(record.read_text(encoding="utf-8").strip())
    assert data_dir.is_absolute() and not data_dir.exists()


def test_ci_runs_both_databases_and_reports_each_even_when_the_first_fails(tmp_path: Path) -> None:
    work = tmp_path / "checkout"
    (work / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", work / ".ci" / "run")
    # scripts/test stands in as a program that records each run and fails on SQLite (no DATABASE_URL).
    _tool(
        work / "scripts" / "test",
        'echo "${DATABASE_URL:-sqlite} $*" >> "$RECORD"\n[ -n "${DATABASE_URL:-}" ]',
    )
    for name in ("python", "ruff", "mimis"):
        _tool(work / ".venv" / "bin" / name, 'echo "$(basename "$0") $*" >> "$RECORD"')
    _tool(tmp_path / "bin" / "pg_isready", "exit 0")
    record = tmp_path / "calls"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIMIS_", "DATABASE_URL"))} | {
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "RECORD": str(record),
    }
    run = subprocess.run(  # noqa: S603 - the project's own script
        ["bash", str(work / ".ci" / "run")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    calls = record.read_text(encoding="utf-8").splitlines()
    assert "ruff format --check ." in calls
    assert "mimis makemigrations --check --dry-run" in calls
    assert calls[-2:] == ["sqlite ", "postgres://postgres@127.0.0.1:5432/test -m not browser"]
    summary = run.stdout.split("== Summary\n")[1].splitlines()
    assert [line.split("  ")[0] for line in summary] == ["passed"] * 3 + ["FAILED", "passed"]
    assert "tests on SQLite" in summary[3] and "tests on PostgreSQL" in summary[4]
