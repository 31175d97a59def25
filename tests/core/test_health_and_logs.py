from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from mimis.core.logging import JsonFormatter


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_503_when_the_database_is_unreachable(tmp_path):
    # A real unreachable server: nothing listens on port 1.
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.json()['database'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIMIS_", "DATABASE_URL"))}
    environment.update(
        {
            "MIMIS_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "mimis.settings",
            "DATABASE_URL": "postgres://mimis@127.0.0.1:1/nothing",
            "MIMIS_ALLOWED_HOSTS": "testserver",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "503 unreachable", result.stderr


def test_log_lines_are_json_and_redact_secrets():
    record = logging.makeLogRecord(
        {
            "name": "mimis.test",
            "levelname": "INFO",
            "msg": "hello %s",
            "args": ("world",),
            "api_token": "mimis_abc_secret",
            "status": 200,
        }
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello world"
    assert line["api_token"] == "[redacted]"
    assert line["status"] == 200


@pytest.mark.django_db
def test_the_request_log_keeps_the_page_but_not_the_secret_in_its_address(client, caplog):
    """Share, claim, invitation and reset links grant access to whoever has them: never in the log."""
    with caplog.at_level(logging.INFO, logger="mimis.request"):
        client.get("/shared/s3cr3t-share-token/")
        client.get("/claim/s3cr3t-claim-token/")
        client.get("/microcredentials/")
    paths = [record.path for record in caplog.records if record.name == "mimis.request"]
    assert paths == ["/shared/<str:token>/", "/claim/<str:token>/", "/microcredentials/"]
