"""Importing Open Badges 2.0 and 3.0 credentials from other platforms into the learner's wallet.

A file is read (JSON, a JWT/JWS, or a baked PNG/SVG), verified, and stored only if it is a credential
that has not been tampered with. What cannot be checked here is stored, marked honestly as "could not be
checked", with the reason: OB 2.0 verification needs the issuer's web server, which MIMIS fetches only
when ``MIMIS_RESOLVE_REMOTE_DIDS`` is on (never in tests); OB 3.0 issuers hosted elsewhere likewise.
A tampered, unsupported or oversized file, or an image bomb, stores nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.audit.services import record
from mimis.errors import MimisError, NotFound
from mimis.vc import baking, ob2, remote
from mimis.vc.credentials import issuer_id
from mimis.vc.errors import BakingError, VCError
from mimis.vc.jwt import decode_unverified
from mimis.vc.proofs._common import parse_xsd_datetime
from mimis.verification import services as verification
from mimis.wallet import recipients, selectors
from mimis.wallet.errors import ImportDuplicate, ImportNotIssuedToYou, ImportRejected
from mimis.wallet.models import ExternalCredential, ImportStandard, ImportStatus

MAX_IMPORT_BYTES = 10 * 1024 * 1024

# A failed check with one of these codes means the file was changed after signing, or is not a
# credential we can read: nothing is stored.
REFUSED_CODES = frozenset(
    {
        "schema_invalid",
        "malformed_credential",
        "signature_invalid",
        "proof_malformed",
        "proof_missing",
        "proof_exists",
        "proof_type_unsupported",
        "proof_purpose_mismatch",
        "key_type_mismatch",
        "issuer_key_mismatch",
        "controller_mismatch",
        "hosted_mismatch",
        "jwt_malformed",
        "jwt_invalid_input",
        "jwt_algorithm_not_allowed",
    }
)


@cache
def _remote_fetch() -> ob2.Fetch:
    return remote.caching_fetcher(remote.https_fetcher(max_bytes=ob2.MAX_FETCH_BYTES), ttl=300)


def ob2_fetcher() -> ob2.Fetch | None:
    """How OB 2.0 issuers' servers are reached: not at all unless remote resolution is on."""
    if settings.MIMIS_RESOLVE_REMOTE_DIDS:
        return _remote_fetch()
    return None


@dataclass
class Checked:
    standard: str
    content: dict[str, Any] | str
    checks: list[dict[str, Any]]
    title: str
    issuer_id: str
    issuer_name: str
    issued_on: datetime | None

    @property
    def status(self) -> str:
        return status_from_checks(self.checks)


def status_from_checks(checks: list[dict[str, Any]]) -> str:
    failed = {c["code"] for c in checks if not c["ok"]}
    if not failed:
        return ImportStatus.VERIFIED
    for code, status in (
        ("revoked", ImportStatus.REVOKED),
        ("suspended", ImportStatus.SUSPENDED),
        ("expired", ImportStatus.EXPIRED),
    ):
        if code in failed:
            return status
    return ImportStatus.UNVERIFIABLE


def _refuse_if_tampered(checks: list[dict[str, Any]]) -> None:
    refused = [c for c in checks if not c["ok"] and c["code"] in REFUSED_CODES]
    if not refused:
        return
    codes = {c["code"] for c in refused}
    if codes & {
        "schema_invalid",
        "malformed_credential",
        "proof_type_unsupported",
        "jwt_algorithm_not_allowed",
    }:
        message = _(
            "This is not a credential MIMIS can check (Open Badges 2.0 or 3.0, or another W3C verifiable "
            "credential): %(reason)s. Nothing was stored."
        )
    else:
        message = _(
            "The credential has been changed after it was signed, or its signature is not valid (%(reason)s). "
            "Nothing was stored."
        )
    raise ImportRejected(message % {"reason": refused[0]["message"]}, field="upload")


def read_upload(data: bytes) -> tuple[dict[str, Any] | str, str]:
    """(credential, source) from the uploaded bytes; raises ImportRejected for anything else."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(_too_large(), field="upload")
    stripped = data.strip()
    is_png = stripped.startswith(baking.PNG_SIGNATURE)
    if is_png or baking._is_svg(stripped[:4096]):
        source = "png" if is_png else "svg"
        try:
            content = baking.extract(stripped) or ob2.extract(stripped)
        except BakingError as exc:
            if exc.code == "credential_too_large":
                raise ImportRejected(
                    _("The image holds more data than a credential can have. Nothing was stored."),
                    field="upload",
                ) from exc
            raise ImportRejected(
                _("The image could not be read (%(reason)s). Nothing was stored.") % {"reason": exc.message},
                field="upload",
            ) from exc
        if content is None:
            raise ImportRejected(_("The image holds no credential. Nothing was stored."), field="upload")
        return content, source
    try:
        content = verification.read_credential(stripped)
    except MimisError as exc:
        raise ImportRejected(
            _("%(reason)s Nothing was stored.") % {"reason": exc.message}, field="upload"
        ) from exc
    return content, "jwt" if isinstance(content, str) else "json"


def _too_large() -> str:
    return _("The file is larger than %(size)d MB. Nothing was stored.") % {
        "size": MAX_IMPORT_BYTES // (1024 * 1024)
    }


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # a language map
        return str(value.get("sv") or value.get("en") or next(iter(value.values()), ""))
    return ""


def _date(value: Any) -> datetime | None:
    try:
        return parse_xsd_datetime(str(value)) if value else None
    except ValueError:
        return None


def check(content: dict[str, Any] | str) -> Checked:
    """Verify a credential of either standard; raises ImportRejected for what is not one."""
    if (
        ob2.is_assertion(content)
        or ob2.is_signed_assertion(content)
        or (isinstance(content, str) and content.startswith(("https://", "http://")))
    ):
        return _check_ob2(content)
    return _check_ob3(content)


def _check_ob2(content: dict[str, Any] | str) -> Checked:
    fetch = ob2_fetcher()
    try:
        result = ob2.verify_assertion(content, fetch=fetch)
    except VCError as exc:
        if exc.code == ob2.NETWORK_NEEDED:
            raise ImportRejected(
                _(
                    "The badge holds only the web address of an Open Badges 2.0 assertion, which MIMIS does not "
                    "fetch here. Download the badge's JSON from the platform that issued it and upload that. "
                    "Nothing was stored."
                ),
                field="upload",
            ) from exc
        raise ImportRejected(
            _(
                "This is not a credential MIMIS can check (Open Badges 2.0 or 3.0, or another W3C verifiable "
                "credential): %(reason)s. Nothing was stored."
            )
            % {"reason": exc.message},
            field="upload",
        ) from exc
    assertion = content if isinstance(content, dict) else decode_unverified(content)[1]
    try:
        badge = ob2.badge_class(assertion, fetch) or {}
        profile = ob2.issuer_profile(badge, fetch) or {}
    except VCError:
        badge, profile = {}, {}
    checks = [_check_dict(c) for c in result.checks]
    return Checked(
        standard=ImportStandard.OB2,
        content=content,
        checks=checks,
        title=_text(badge.get("name")) or _("Open Badge"),
        issuer_id=result.issuer or "",
        issuer_name=_text(profile.get("name")),
        issued_on=_date(assertion.get("issuedOn")),
    )


def _check_ob3(content: dict[str, Any] | str) -> Checked:
    try:
        report = verification.verify(content)
    except MimisError as exc:
        raise ImportRejected(
            _(
                "This is not a credential MIMIS can check (Open Badges 2.0 or 3.0, or another W3C verifiable "
                "credential): %(reason)s. Nothing was stored."
            )
            % {"reason": exc.message},
            field="upload",
        ) from exc
    document: dict[str, Any] = {}
    if isinstance(content, dict):
        document = content
    else:
        try:
            payload = decode_unverified(content)[1]
        except VCError:
            payload = {}
        document = payload.get("vc", payload) if isinstance(payload.get("vc", payload), dict) else {}
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement", {}) if isinstance(subject, dict) else {}
    issuer = document.get("issuer")
    # Plain verifiable credentials (not Open Badges) are kept too, and named for what they are.
    plain = report.kind == "verifiable_credential"
    return Checked(
        standard=ImportStandard.VC if plain else ImportStandard.OB3,
        content=content,
        checks=[dict(c) for c in report.checks],
        title=_text(achievement.get("name") if isinstance(achievement, dict) else "")
        or _text(document.get("name"))
        or (_plain_type(document) if plain else "")
        or (_("Verifiable credential") if plain else _("Open Badge")),
        issuer_id=issuer_id(document) or "",
        issuer_name=report.issuer_name or (_text(issuer.get("name")) if isinstance(issuer, dict) else ""),
        issued_on=_date(document.get("validFrom") or document.get("issuanceDate")),
    )


def _plain_type(document: dict[str, Any]) -> str:
    """The credential's own type (e.g. "UniversityDegreeCredential"), when it says more than the base type."""
    types = document.get("type")
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    specific = [t for t in types if isinstance(t, str) and t != "VerifiableCredential"]
    return specific[0] if specific else ""


def _check_dict(check: Any) -> dict[str, Any]:
    return {
        "name": check.name,
        "ok": check.ok,
        "code": check.code,
        "message": check.message,
        "skipped": check.skipped,
    }


def fingerprint(content: dict[str, Any] | str) -> str:
    text = content if isinstance(content, str) else json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _serialise(content: dict[str, Any] | str) -> str:
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


@transaction.atomic
def import_credential(*, user: User, data: bytes) -> ExternalCredential:
    """Verify and store an uploaded credential as the learner's external credential."""
    content, source = read_upload(data)
    checked = check(content)
    _refuse_if_tampered(checked.checks)
    print_ = fingerprint(content)
    if ExternalCredential.objects.filter(user=user, fingerprint=print_).exists():
        raise ImportDuplicate(field="upload")
    if _held_already(user, content):
        raise ImportDuplicate(field="upload")
    if not recipients.issued_to(user, content):
        raise ImportNotIssuedToYou(field="upload")
    credential = ExternalCredential.objects.create(
        user=user,
        standard=checked.standard,
        content=_serialise(content),
        fingerprint=print_,
        source=source,
        title=checked.title[:300],
        issuer_name=checked.issuer_name[:300],
        issuer_id=checked.issuer_id[:500],
        issued_on=checked.issued_on,
        status=checked.status,
        checks=checked.checks,
        checked_at=timezone.now(),
    )
    record(
        "credential.imported",
        actor=user,
        target=credential,
        data={"standard": checked.standard, "status": checked.status, "issuer": checked.issuer_id},
    )
    return credential


def import_file(*, user: User, upload: UploadedFile) -> ExternalCredential:
    """Import an uploaded file (the page's form and the API's multipart upload); its size is checked
    before anything is read into memory."""
    if upload.size is None or upload.size > MAX_IMPORT_BYTES:
        raise ImportRejected(_too_large(), field="upload")
    return import_credential(user=user, data=upload.read())


def _held_already(user: User, content: dict[str, Any] | str) -> bool:
    """A MIMIS credential the learner already holds, uploaded again."""
    own_id = content.get("id") if isinstance(content, dict) else None
    if not isinstance(own_id, str) or not own_id.startswith("urn:uuid:"):
        return False
    try:
        credential_id = uuid.UUID(own_id[len("urn:uuid:") :])
    except ValueError:
        return False
    return selectors.credentials_for_learner(learner=user).filter(pk=credential_id).exists()


def stored_content(credential: ExternalCredential) -> dict[str, Any] | str:
    text = credential.content
    if text.lstrip().startswith("{"):
        return json.loads(text)
    return text


def recheck(*, credential: ExternalCredential) -> ExternalCredential:
    """Verify an imported credential again now (status may have changed since the import)."""
    try:
        checked = check(stored_content(credential))
    except ImportRejected:
        return credential
    checks = checked.checks
    if not recipients.issued_to(credential.user, checked.content):
        # Imported before imports were bound to their recipient, or the address was removed since.
        checks = [*checks, not_issued_to_holder_check()]
    status = status_from_checks(checks)
    if any(not c["ok"] and c["code"] in REFUSED_CODES for c in checks):
        status = ImportStatus.UNVERIFIABLE
    ExternalCredential.objects.filter(pk=credential.pk).update(
        status=status, checks=checks, checked_at=timezone.now()
    )
    credential.status, credential.checks, credential.checked_at = status, checks, timezone.now()
    return credential


def not_issued_to_holder_check() -> dict[str, Any]:
    return {
        "name": "recipient",
        "ok": False,
        "code": recipients.NOT_ISSUED_TO_HOLDER,
        "message": _(
            "The credential was issued to someone else: it does not name any verified e-mail address of the "
            "person who holds it here."
        ),
        "skipped": False,
    }


def issued_to_name(credential: ExternalCredential) -> str:
    """The recipient's name as the credential itself gives it ("" when it names none)."""
    return recipients.recipient_of(stored_content(credential)).name


def imported_of(*, user: User, credential_id: str) -> ExternalCredential:
    credential = ExternalCredential.objects.filter(user=user, pk=credential_id).first()
    if credential is None:
        raise NotFound()
    return credential


@transaction.atomic
def remove_imported(*, user: User, credential: ExternalCredential) -> None:
    if credential.user_id != user.pk:
        raise NotFound()
    credential.delete()
    record("credential.import_removed", actor=user, target=user, data={"title": credential.title})
