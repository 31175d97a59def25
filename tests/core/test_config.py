"""Configuration comes from the environment; a wrong value stops start-up with the variable's name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CHECK = [sys.executable, "-m", "mimis", "check"]


def run_mimis(tmp_path, args=None, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIMIS_", "DATABASE_URL"))}
    environment.update({"MIMIS_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(args or CHECK, env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL: must be a sqlite:/// or postgres:// URL."),
        ("MIMIS_DEBUG", "perhaps", "MIMIS_DEBUG: must be true or false"),
        ("MIMIS_LOG_LEVEL", "LOUD", "MIMIS_LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR"),
        ("MIMIS_BASE_URL", "mimis.example.se", "MIMIS_BASE_URL: must be an absolute http(s) URL"),
        (
            "MIMIS_EMAIL_URL",
            "pigeon://coop",
            "MIMIS_EMAIL_URL: must start with console:, smtp:// or smtps://",
        ),
        (
            "MIMIS_KEY_ENCRYPTION_KEY",
            "dG9vc2hvcnQ",
            "MIMIS_KEY_ENCRYPTION_KEY: must decode to exactly 32 bytes",
        ),
        ("MIMIS_ENV", "staging", "MIMIS_ENV: must be one of development, production"),
        ("MIMIS_OPERATOR_EMAIL", "kontakt", "MIMIS_OPERATOR_EMAIL: must be an e-mail address"),
    ],
)
def test_malformed_variable_stops_start_up_naming_it(tmp_path, variable, value, expected):
    result = run_mimis(tmp_path, **{variable: value})
    assert result.returncode == 2
    assert expected in result.stderr


def test_production_requires_its_secrets(tmp_path):
    result = run_mimis(tmp_path, MIMIS_ENV="production")
    assert result.returncode == 2
    assert "MIMIS_SECRET_KEY: is required in production" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_mimis(
        tmp_path,
        [*CHECK, "--deploy", "--fail-level", "WARNING"],
        MIMIS_ENV="production",
        MIMIS_SECRET_KEY="x" * 30 + "y" * 30 + "-production-secret-key-for-the-test",
        MIMIS_KEY_ENCRYPTION_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY",
        MIMIS_ALLOWED_HOSTS="mimis.example.se",
        MIMIS_BASE_URL="https://mimis.example.se",
        MIMIS_EMAIL_URL="smtp://mail.example.se:587?tls=1",
        MIMIS_OPERATOR_NAME="Region Skåne",
        MIMIS_OPERATOR_EMAIL="mimis@skane.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_requires_the_operator_named_on_the_privacy_notice(tmp_path):
    result = run_mimis(
        tmp_path,
        MIMIS_ENV="production",
        MIMIS_SECRET_KEY="x" * 30 + "y" * 30 + "-production-secret-key-for-the-test",
        MIMIS_KEY_ENCRYPTION_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY",
        MIMIS_ALLOWED_HOSTS="mimis.example.se",
        MIMIS_BASE_URL="https://mimis.example.se",
        MIMIS_EMAIL_URL="smtp://mail.example.se:587?tls=1",
    )
    assert result.returncode == 2
    assert "MIMIS_OPERATOR_NAME: is required but not set." in result.stderr


def test_development_creates_secrets_in_the_data_folder_once(tmp_path):
    assert run_mimis(tmp_path).returncode == 0
    first = (tmp_path / "secret_key").read_text()
    assert run_mimis(tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_data_dir_option_sets_the_folder_for_every_command(tmp_path):
    target = tmp_path / "elsewhere"
    result = run_mimis(tmp_path, [sys.executable, "-m", "mimis", "--data-dir", str(target), "check"])
    assert result.returncode == 0, result.stderr
    assert (target / "secret_key").exists()
