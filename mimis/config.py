"""Strict readers for configuration from the environment.

Every setting MIMIS reads from the environment goes through these helpers so that a wrong value stops
start-up with a message that names the variable (rather than failing later, somewhere else).
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A configuration variable is missing or malformed."""

    def __init__(self, name: str, problem: str) -> None:
        self.variable = name
        super().__init__(f"{name}: {problem}")


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ConfigError(name, "is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ConfigError(name, f"must be true or false (1/0, yes/no), not {value!r}.")


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, default).strip()
    normalised = value.lower() if value.lower() in choices else value.upper()
    if normalised not in choices:
        raise ConfigError(name, f"must be one of {', '.join(choices)}, not {value!r}.")
    return normalised


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


RATE_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(value: str) -> tuple[int, int]:
    """``"30/minute"`` → (30, 60): at most that many requests per that many seconds. ValueError if malformed."""
    count, _slash, period = value.strip().partition("/")
    count, period = count.strip(), period.strip().lower().rstrip("s") or "minute"
    if not count.isdigit() or int(count) < 1 or period not in RATE_PERIODS:
        raise ValueError(value)
    return int(count), RATE_PERIODS[period]


def env_rate(name: str, default: str) -> str:
    """A rate such as ``30/minute`` (per second, minute, hour or day), checked at start-up."""
    value = os.environ.get(name, default).strip() or default
    try:
        parse_rate(value)
    except ValueError:
        raise ConfigError(
            name,
            f"must be a number of requests per second, minute, hour or day (e.g. 30/minute), not {value!r}.",
        ) from None
    return value


def env_url(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = env_str(name, default, required=required)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(
            name, f"must be an absolute http(s) URL such as https://mimis.example.se, not {value!r}."
        )
    return value.rstrip("/")


def secret_from_env_or_file(name: str, *, fallback_file: Path | None, generate: bool) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE, or (development only) a data-dir file.

    Production never generates secrets: ``generate`` is False there and a missing secret is an error.
    """
    value = os.environ.get(name)
    if value:
        return value.strip()
    file_var = f"{name}_FILE"
    file_name = os.environ.get(file_var)
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise ConfigError(file_var, f"names {file_name!r}, which is not a readable file.")
        content = path.read_text(encoding="utf-8").strip()
        if not content:
            raise ConfigError(file_var, f"names {file_name!r}, which is empty.")
        return content
    if fallback_file is not None and generate:
        if fallback_file.is_file():
            return fallback_file.read_text(encoding="utf-8").strip()
        fallback_file.parent.mkdir(parents=True, exist_ok=True)
        token = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")
        fallback_file.write_text(token + "\n", encoding="utf-8")
        fallback_file.chmod(0o600)
        return token
    raise ConfigError(name, f"is required in production (set {name} or {file_var}).")


def parse_key_encryption_key(name: str, value: str) -> bytes:
    """The key-encryption key is 32 random bytes, written as base64 (standard or URL-safe)."""
    padded = value + "=" * (-len(value) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(name, "must be 32 random bytes encoded as base64.") from exc
    if len(raw) != 32:
        raise ConfigError(name, f"must decode to exactly 32 bytes, not {len(raw)}.")
    return raw


# Prints e-mails readably (To, Subject, text, links) instead of raw MIME; see mimis/core/mail.py.
CONSOLE_EMAIL_BACKEND = "mimis.core.mail.ConsoleEmailBackend"


def email_settings_from_url(name: str, url: str) -> dict[str, object]:
    """Translate MIMIS_EMAIL_URL (console:, smtp://user:pass@host:587?tls=1, smtps://...) into settings."""
    parts = urlsplit(url)
    if parts.scheme in {"console", ""}:
        return {"EMAIL_BACKEND": CONSOLE_EMAIL_BACKEND}
    if parts.scheme == "memory":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ConfigError(name, f"must start with console:, smtp:// or smtps://, not {parts.scheme}://.")
    if not parts.hostname:
        raise ConfigError(name, "names no mail server host.")
    query = parse_qs(parts.query)
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError as exc:
        raise ConfigError(name, "has a port that is not a number.") from exc
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in TRUE_VALUES,
        "EMAIL_TIMEOUT": 20,
    }


def env_email(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = env_str(name, default, required=required)
    if value is not None and (
        "@" not in value or value.startswith("@") or value.endswith("@") or " " in value
    ):
        raise ConfigError(name, f"must be an e-mail address such as mimis@example.se, not {value!r}.")
    return value


def operator_from_env(*, production: bool) -> dict[str, str]:
    """Who runs this MIMIS: the data controller named on the privacy, accessibility and contact pages.

    In production the name and e-mail are required (the privacy notice must name the controller); in
    development and the demo a made-up operator stands in, and the pages say it is a demo.
    """
    demo = not production
    return {
        "name": env_str("MIMIS_OPERATOR_NAME", "MIMIS Demo" if demo else None, required=production) or "",
        "email": env_email("MIMIS_OPERATOR_EMAIL", "mimis@example.se" if demo else None, required=production)
        or "",
        "phone": env_str("MIMIS_OPERATOR_PHONE", "") or "",
        "address": env_str("MIMIS_OPERATOR_ADDRESS", "") or "",
        "website": env_url("MIMIS_OPERATOR_WEBSITE", None) or "",
        # The data protection officer, where the operator has one (public authorities must).
        "dpo_email": env_email("MIMIS_OPERATOR_DPO_EMAIL", None) or "",
    }
