"""Single-use and signed tokens for e-mail links. Secrets are minted when the e-mail is sent, never stored."""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing

EMAIL_VERIFICATION_SALT = "mimis.accounts.email-verification"
EMAIL_VERIFICATION_MAX_AGE = 60 * 60 * 24 * 3


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    # The secrets are 256 random bits, so one SHA-256 is enough; a slow hash would add nothing.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def make_email_verification_token(user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email}, salt=EMAIL_VERIFICATION_SALT, compress=True)


def read_email_verification_token(token: str) -> tuple[int, str]:
    """Raise signing.SignatureExpired or signing.BadSignature when the token is not valid."""
    data = signing.loads(token, salt=EMAIL_VERIFICATION_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
    return int(data["u"]), str(data["e"])
