"""E-mails on the console are readable: To, the decoded Subject, the text body, one link a line; and
``mimis demo`` prints its log-ins after the first e-mails, so they do not scroll away."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

from django.core.mail import EmailMultiAlternatives

from mimis.config import email_settings_from_url
from mimis.core.mail import ConsoleEmailBackend


def test_console_url_uses_the_readable_backend():
    assert email_settings_from_url("MIMIS_EMAIL_URL", "console:") == {
        "EMAIL_BACKEND": "mimis.core.mail.ConsoleEmailBackend"
    }


def test_email_is_printed_readably_without_mime():
    message = EmailMultiAlternatives(
        subject="Du har fått mikromeriten Basal hygien i vård och omsorg",
        body="Hej Fatima!\n\nHämta den här: http://127.0.0.1:8103/claim/abc/ Den fungerar en gång.\n",
        to=["fatima@example.se"],
    )
    message.attach_alternative("<p>Hej <b>Fatima</b></p>", "text/html")
    out = io.StringIO()
    assert ConsoleEmailBackend(stream=out).send_messages([message]) == 1
    text = out.getvalue()
    assert (
        "E-mail to: fatima@example.se\nSubject: Du har fått mikromeriten Basal hygien i vård och omsorg\n"
        in text
    )
    assert "Hej Fatima!" in text
    assert "\nHämta den här: Den fungerar en gång.\n  http://127.0.0.1:8103/claim/abc/\n" in text
    for raw in ("=?utf-8?", "Content-Type", "MIME-Version", "<p>", "boundary="):
        assert raw not in text


def test_demo_prints_the_logins_after_the_first_emails(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIMIS_", "DATABASE_URL"))}
    environment["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "mimis", "demo", "--port", "8193", "--data-dir", str(tmp_path)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "MIMIS is running on" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = "".join(lines)
    assert "MIMIS is running on http://127.0.0.1:8193/" in output
    emails = [i for i, line in enumerate(lines) if line.startswith("E-mail to: ")]
    logins = next(i for i, line in enumerate(lines) if line.startswith("Demo log-ins"))
    assert emails, output
    assert max(emails) < logins
    assert "eva.region@demo.mimis.example" in "".join(lines[logins:])
    assert "=?utf-8?" not in output
    assert "Content-Transfer-Encoding" not in output
