"""Verifying credentials from anyone: JSON, a compact JWT, or a baked PNG/SVG badge.

Keys and status lists of MIMIS issuers are read locally. did:key issuers resolve offline. did:web issuers
hosted elsewhere, and the status lists their credentials point to, are fetched over HTTPS only when the
deployment sets ``MIMIS_RESOLVE_REMOTE_DIDS`` (off by default, never in tests; see
:mod:`mimis.vc.remote` for the limits). Otherwise such credentials are reported as not verified, with
the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.models import Organisation
from mimis.errors import MimisError
from mimis.issuing import keys
from mimis.issuing.models import StatusList
from mimis.issuing.services import signed_status_list
from mimis.vc import baking, dids, remote
from mimis.vc.errors import ResolutionError, VCError
from mimis.vc.verify import make_status_checker, verify_credential

MAX_INPUT_BYTES = 10 * 1024 * 1024
#: Limits for what is fetched from other hosts (remote resolution on): DID documents and status lists.
REMOTE_DID_MAX_BYTES = 100 * 1024
REMOTE_STATUS_LIST_MAX_BYTES = 1024 * 1024


class UnreadableInput(MimisError):
    code = "unreadable_input"
    default_message = gettext_lazy(
        "This is not a credential MIMIS can read: JSON, a JWT, or a PNG or SVG badge."
    )
    http_status = 400


@dataclass
class Report:
    verified: bool
    known_issuer: bool
    issuer: str | None
    issuer_name: str | None
    checks: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    credential: dict[str, Any] | str | None = None
    #: ``open_badge``, ``endorsement`` or ``verifiable_credential`` (see :func:`mimis.vc.verify.credential_kind`).
    kind: str = "verifiable_credential"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "known_issuer": self.known_issuer,
            "issuer": self.issuer,
            "issuer_name": self.issuer_name,
            "kind": self.kind,
            "checks": self.checks,
            "errors": self.errors,
        }


def read_credential(data: bytes | str) -> dict[str, Any] | str:
    """Turn uploaded bytes or pasted text into a credential (dict) or a compact JWT (str)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(_("The file is larger than 10 MB."))
    stripped = data.strip()
    if stripped.startswith(b"\x89PNG") or stripped[:200].lstrip().startswith((b"<?xml", b"<svg")):
        try:
            embedded = baking.extract(stripped)
        except VCError as exc:
            raise UnreadableInput(_("The image could not be read: %(reason)s") % {"reason": exc}) from exc
        if embedded is None:
            raise UnreadableInput(_("The image holds no credential."))
        return embedded
    try:
        text = stripped.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableInput() from exc
    if text.count(".") == 2 and " " not in text and not text.startswith("{"):
        return text
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInput(
            _("The JSON is not valid (line %(line)d): %(reason)s") % {"line": exc.lineno, "reason": exc.msg}
        ) from exc
    if isinstance(parsed, str):
        return read_credential(parsed)
    if isinstance(parsed, dict) and isinstance(parsed.get("verifiableCredential"), dict | str):
        parsed = parsed["verifiableCredential"]
    if not isinstance(parsed, dict | str):
        raise UnreadableInput()
    return parsed


def _mimis_organisation(did: str | None) -> Organisation | None:
    if not did:
        return None
    prefix = keys.issuer_did_prefix()
    if not did.startswith(prefix):
        return None
    return Organisation.objects.filter(slug=did[len(prefix) :]).first()


@cache
def _remote_did_fetch() -> remote.Fetch:
    return remote.caching_fetcher(remote.https_fetcher(max_bytes=REMOTE_DID_MAX_BYTES), ttl=300)


@cache
def _remote_status_fetch() -> remote.Fetch:
    # Short cache: a revocation should reach verifiers within a minute.
    return remote.caching_fetcher(remote.https_fetcher(max_bytes=REMOTE_STATUS_LIST_MAX_BYTES), ttl=60)


def _is_remote_did_web(did: str) -> bool:
    """A did:web DID that MIMIS does not host (its own issuers' DIDs are never fetched)."""
    return did.startswith("did:web:") and not did.startswith(keys.issuer_did_prefix())


def _resolve(verification_method: str) -> dids.ResolvedKey:
    did = verification_method.split("#", 1)[0]
    if did.startswith("did:key:"):
        return dids.resolve_did_key(verification_method)
    organisation = _mimis_organisation(did)
    if organisation is None:
        if _is_remote_did_web(did) and settings.MIMIS_RESOLVE_REMOTE_DIDS:
            return dids.did_web_resolver(_remote_did_fetch())(verification_method)
        if _is_remote_did_web(did):
            reason = "remote resolution is off (MIMIS_RESOLVE_REMOTE_DIDS)"
        elif did.startswith("did:web:"):
            reason = "it is not an organisation in MIMIS"
        else:
            reason = "only did:web and did:key issuers are supported"
        raise ResolutionError(f"The issuer {did} cannot be resolved: {reason}", code="issuer_unresolvable")
    try:
        document = keys.did_document(organisation)
    except MimisError as exc:
        raise ResolutionError(f"No keys published for {did}", code="issuer_unresolvable") from exc
    return dids.resolver_from_documents([document])(verification_method)


#: The resolver :func:`verify` uses, for verifying other signed documents (VC API presentations).
resolve_key = _resolve


def _fetch_status_list(url: str) -> dict[str, Any]:
    base = urlsplit(settings.MIMIS_BASE_URL)
    parts = urlsplit(url)
    path = parts.path.strip("/").split("/")
    # Ours look like /issuers/<slug>/status/<purpose>/<number>.
    ours = len(path) == 5 and path[0] == "issuers" and path[2] == "status" and path[4].isdigit()
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        if settings.MIMIS_RESOLVE_REMOTE_DIDS:
            try:
                document = json.loads(_remote_status_fetch()(url))
            except ValueError as exc:
                raise ResolutionError(
                    f"The status list at {url} is not JSON", code="status_list_unavailable"
                ) from exc
            if not isinstance(document, dict):
                raise ResolutionError(
                    f"The status list at {url} is not a credential", code="status_list_unavailable"
                )
            return document
        raise ResolutionError(
            "Status lists on other hosts are not fetched: remote resolution is off (MIMIS_RESOLVE_REMOTE_DIDS)",
            code="status_list_unavailable",
        )
    if not ours:
        raise ResolutionError("Unknown status list", code="status_list_unavailable")
    status_list = (
        StatusList.objects.select_related("organisation")
        .filter(organisation__slug=path[1], purpose=path[3], number=int(path[4]))
        .first()
    )
    if status_list is None:
        raise ResolutionError("Unknown status list", code="status_list_unavailable")
    return signed_status_list(status_list)


def verify(data: bytes | str | dict[str, Any]) -> Report:
    """Verify a credential. Raises UnreadableInput for input that is not a credential at all."""
    credential = data if isinstance(data, dict) else read_credential(data)
    checker = make_status_checker(_fetch_status_list, resolve_key=_resolve)
    try:
        result = verify_credential(credential, resolve_key=_resolve, status_checker=checker)
    except VCError as exc:
        raise UnreadableInput(str(exc)) from exc
    organisation = _mimis_organisation(result.issuer)
    checks = [
        {"name": c.name, "ok": c.ok, "code": c.code, "message": c.message, "skipped": c.skipped}
        for c in result.checks
    ]
    return Report(
        verified=result.verified,
        known_issuer=organisation is not None,
        issuer=result.issuer,
        issuer_name=organisation.name if organisation else None,
        checks=checks,
        errors=[c for c in checks if not c["ok"]],
        credential=credential,
        kind=result.kind,
    )
