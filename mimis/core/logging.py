"""Structured logs: one JSON object per line on stderr, with secrets kept out."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
UNRESOLVED = "…"


def loggable_path(request: Any) -> str:
    """The page a request was for, never a secret in its address.

    Share, claim, e-mail verification, invitation and password-reset links carry their secret in the path,
    and whoever has the address can use it. So the log names the URL pattern (``/shared/<str:token>/``),
    never the values in it, for every route: a new route with a secret in its path is safe without
    anyone listing it. A path that matches no route keeps only its first segment (``/claim/…``).
    """
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return "/" + match.route.lstrip("/")
    path = str(getattr(request, "path", "") or "/")
    first, _, rest = path.lstrip("/").partition("/")
    return f"/{first}/{UNRESOLVED}" if rest else f"/{first}"


_SECRET_WORDS = ("password", "secret", "token", "key", "authorization", "cookie", "otp", "code")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        for name, value in vars(record).items():
            if name in _STANDARD or name.startswith("_") or name == "request":
                continue
            entry[name] = "[redacted]" if any(word in name.lower() for word in _SECRET_WORDS) else value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _message(record: logging.LogRecord) -> str:
    """The message, with a request's address replaced by its route (Django's own "Not Found: /claim/…"
    warnings name the path)."""
    message = record.getMessage()
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str) and len(path) > 1 and path in message:
        message = message.replace(path, loggable_path(request))
    return message
