"""A console e-mail backend people can read: who it is for, the subject, the text, one link a line.

Django's console backend prints the raw MIME message (RFC 2047-encoded subjects, both the text and the
HTML part), which buries the demo's log-ins and the links one wants to click. MIMIS_EMAIL_URL=console:
uses this one.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

_URL = re.compile(r"https?://[^\s<>\"]+")
_RULE = "─" * 72


def readable(message: EmailMessage) -> str:
    """The message as plain lines: To, Subject, the text body, then each link on a line of its own."""
    lines = [_RULE, f"E-mail to: {', '.join(message.to)}"]
    if message.cc:
        lines.append(f"Cc: {', '.join(message.cc)}")
    lines += [f"Subject: {message.subject}", ""]
    body_lines = []
    for line in (message.body or "").strip().splitlines():
        # A link inside a sentence goes on a line of its own, so a terminal can open it.
        parts = [part.strip() for part in _URL.split(line)]
        links = _URL.findall(line)
        if links and any(parts):
            text = " ".join(part for part in parts if part)
            body_lines.append(text)
            body_lines.extend(f"  {link}" for link in links)
        else:
            body_lines.append(line.rstrip())
    lines += body_lines
    attachments = [
        (item[0] if isinstance(item, tuple) else item.get_filename()) or "attachment"
        for item in message.attachments
    ]
    if attachments:
        lines += ["", f"Attachments: {', '.join(str(name) for name in attachments)}"]
    return "\n".join(lines) + "\n\n"


class ConsoleEmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        with self._lock:
            for message in email_messages:
                self.stream.write(readable(message))
            self.stream.flush()
        return len(email_messages)
