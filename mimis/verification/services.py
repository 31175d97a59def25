"""Verifying credentials from anyone: JSON, a compact JWT, a baked PNG/SVG badge, a MIMIS PDF certificate
(the signed credential embedded in it, or for older certificates the credential id printed on it), or a
credential id / verification address typed in.

Keys and status lists of MIMIS issuers are read locally. did:key issuers resolve offline. did:web issuers
hosted elsewhere, and the status lists their credentials point to, are fetched over HTTPS only when the
deployment sets ``MIMIS_RESOLVE_REMOTE_DIDS`` (off by default, never in tests; see
:mod:`mimis.vc.remote` for the limits). Otherwise such credentials are reported as not verified, with
the reason.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.models import Organisation
from mimis.errors import MimisError, NotFound
from mimis.issuing import keys
from mimis.issuing.artefacts import (
    CERTIFICATE_JSON_ATTACHMENT,
    CERTIFICATE_JWT_ATTACHMENT,
    signed_credential,
)
from mimis.issuing.models import Credential, StatusList
from mimis.issuing.services import published_status_list
from mimis.quality.models import Endorsement
from mimis.vc import baking, dids, remote
from mimis.vc.errors import ResolutionError, VCError
from mimis.vc.jwt import decode_unverified
from mimis.vc.proofs import SignatureMemo
from mimis.vc.verify import make_status_checker, verify_credential
from mimis.verification.selectors import stored_credential

MAX_INPUT_BYTES = 10 * 1024 * 1024
#: A MIMIS certificate has one or two pages; text is looked for on the first few pages only.
MAX_PDF_PAGES = 10
MAX_PDF_ATTACHMENT_BYTES = 1024 * 1024
#: Limits for what is fetched from other hosts (remote resolution on): DID documents and status lists.
REMOTE_DID_MAX_BYTES = 100 * 1024
REMOTE_STATUS_LIST_MAX_BYTES = 1024 * 1024


class UnreadableInput(MimisError):
    code = "unreadable_input"
    default_message = gettext_lazy(
        "This is not a credential MIMIS can read. It reads the PDF certificate, a badge image (PNG or SVG) "
        "or the credential's own file (JSON or JWT)."
    )
    http_status = 400


class UnknownCredential(MimisError):
    code = "unknown_credential"
    default_message = gettext_lazy(
        "There is no credential with this id in MIMIS. Check that the id or address is typed correctly."
    )
    http_status = 404


#: Where the checked credential came from.
SOURCE_CREDENTIAL = "credential"  # the credential itself: JSON, JWT or a baked badge
SOURCE_PDF_ATTACHMENT = "pdf_attachment"  # the signed credential embedded in a MIMIS PDF certificate
SOURCE_PDF_REFERENCE = "pdf_reference"  # an older PDF: the credential id printed on it, looked up here
SOURCE_REFERENCE = "reference"  # a typed credential id or verification address, looked up here
SOURCE_STORED = "stored"  # the public page of a stored credential (its QR code page)


@dataclass
class Subject:
    """What a credential is about, in plain terms, for people and programs (only when its signature and
    issuer are confirmed: otherwise its content may be forged and is not repeated)."""

    kind: str  # "microcredential", "endorsement" or "other"
    credential_id: str | None
    title: str | None
    holder_name: str | None
    issued_on: datetime | None
    valid_until: datetime | None
    #: From MIMIS's own records when the issuer is a MIMIS organisation: "valid", "suspended", "revoked".
    state: str | None = None
    state_reason: str = ""
    #: The micro-credential an endorsement vouches for, and who endorses it.
    endorsed_title: str | None = None
    endorser_name: str | None = None
    #: The stored MIMIS credential, when there is one (for its public page and the standard elements).
    stored: Credential | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "credential_id": self.credential_id,
            "title": self.title,
            "holder_name": self.holder_name,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "state": self.state,
            "state_reason": self.state_reason or None,
            "endorsed_title": self.endorsed_title,
        }


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
    source: str = SOURCE_CREDENTIAL
    subject: Subject | None = None

    @property
    def authentic(self) -> bool:
        """The signature is intact and belongs to the issuer: what the credential says is what was signed."""
        return any(c["name"] == "proof" and c["ok"] for c in self.checks) and any(
            c["name"] == "issuer" and c["ok"] for c in self.checks
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "known_issuer": self.known_issuer,
            "issuer": self.issuer,
            "issuer_name": self.issuer_name,
            "kind": self.kind,
            "checks": self.checks,
            "errors": self.errors,
            "source": self.source,
            "subject": self.subject.to_dict() if self.subject else None,
        }


_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_VERIFY_PATH = re.compile(r"/verify/credentials/(" + _UUID + r")/?")
_ID_ON_CERTIFICATE = re.compile(r"(?<![0-9a-fA-F-])(" + _UUID + r")(?![0-9a-fA-F-])")


def reference_id(text: str) -> str | None:
    """The credential id in a typed id (also ``urn:uuid:…``) or in a verification address of this MIMIS
    (what a certificate's QR code opens); None when the text is neither. An address of another site
    raises UnreadableInput: MIMIS can only look up its own credentials."""
    text = text.strip()
    if text.lower().startswith("urn:uuid:"):
        text = text[len("urn:uuid:") :]
    if re.fullmatch(_UUID, text):
        return text.lower()
    if " " in text or "/verify/credentials/" not in text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") and not text.startswith("/"):
        return None  # e.g. a compact JSON credential that mentions such an address
    match = _VERIFY_PATH.search(parts.path)
    if match is None:
        return None
    if parts.netloc and parts.netloc != urlsplit(settings.MIMIS_BASE_URL).netloc:
        raise UnreadableInput(
            _(
                "This address is not a verification page of this MIMIS (%(host)s). Open it in the browser instead."
            )
            % {"host": parts.netloc}
        )
    return match.group(1).lower()


def stored_signed_credential(credential_id: str) -> dict[str, Any] | str:
    """The signed credential MIMIS issued with this id (not one erased at the holder's request)."""
    try:
        return signed_credential(stored_credential(credential_id=credential_id))
    except NotFound as exc:
        raise UnknownCredential() from exc


def _pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableInput(_("The PDF is password-protected, so MIMIS cannot read it."))
        len(reader.pages)  # reads the page tree: a broken file fails here, not later
    except UnreadableInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UnreadableInput(_("The PDF could not be read; the file may be damaged.")) from exc
    return reader


def read_pdf(data: bytes) -> tuple[dict[str, Any] | str, str]:
    """The credential in a MIMIS PDF certificate: the embedded signed credential, or else (certificates
    made before it was embedded) the stored credential whose id or verification address is printed on it.
    Returns (credential, source)."""
    from pypdf.errors import PyPdfError

    reader = _pdf_reader(data)
    try:
        attachments = reader.attachments
        for name in (CERTIFICATE_JSON_ATTACHMENT, CERTIFICATE_JWT_ATTACHMENT):
            contents = attachments.get(name) or []
            if contents:
                content = contents[0]
                if len(content) > MAX_PDF_ATTACHMENT_BYTES or content.lstrip().startswith(b"%PDF"):
                    raise UnreadableInput(_("The credential attached to the PDF cannot be read."))
                return read_credential(content), SOURCE_PDF_ATTACHMENT
        texts = []
        for page in reader.pages[:MAX_PDF_PAGES]:
            texts.append(page.extract_text() or "")
            for annotation in page.get("/Annots") or []:
                uri = (annotation.get_object().get("/A") or {}).get("/URI")
                if uri:
                    texts.append(str(uri))
    except UnreadableInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UnreadableInput(_("The PDF could not be read; the file may be damaged.")) from exc
    text = "\n".join(texts)
    # A long address may be wrapped over two lines in the text layer.
    for match in _VERIFY_PATH.finditer(re.sub(r"\s+", "", text)):
        return stored_signed_credential(match.group(1).lower()), SOURCE_PDF_REFERENCE
    match = _ID_ON_CERTIFICATE.search(text)
    if match:
        return stored_signed_credential(match.group(1).lower()), SOURCE_PDF_REFERENCE
    raise UnreadableInput(
        _(
            "The PDF holds no credential and no credential id that MIMIS can read. Only certificates "
            "made by MIMIS can be checked; you can also type the credential id printed on it."
        )
    )


def verify_reference(text: str) -> Report:
    """Verify the credential MIMIS issued with this id or verification address (typed in, or the QR code's)."""
    credential_id = reference_id(text)
    if credential_id is None:
        raise UnreadableInput(
            _(
                "This is not a credential id or a verification address. A credential id looks like "
                "3f2c9a7e-1b4d-4c8e-9f0a-2d6b8e4c1a57."
            )
        )
    return verify(stored_signed_credential(credential_id), source=SOURCE_REFERENCE)


def read_input(data: bytes | str) -> tuple[dict[str, Any] | str, str]:
    """What someone gave to check: a credential (JSON, JWT, baked badge), a PDF certificate, or a credential
    id or verification address. Returns (credential, source); raises UnreadableInput."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_INPUT_BYTES:
        raise UnreadableInput(_("The file is larger than 10 MB."))
    stripped = raw.strip()
    if stripped.startswith(b"%PDF-"):
        return read_pdf(stripped)
    if len(stripped) < 2048:
        try:
            text = stripped.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if text.startswith('"') and text.endswith('"'):
            text = text[1:-1]  # a JSON string, as an API client may send it
        credential_id = reference_id(text) if text else None
        if credential_id:
            return stored_signed_credential(credential_id), SOURCE_REFERENCE
    try:
        return read_credential(stripped), SOURCE_CREDENTIAL
    except UnreadableInput as exc:
        if exc.message == str(UnreadableInput.default_message):
            raise UnreadableInput(
                _(
                    "This is not a credential MIMIS can read: JSON, a JWT, a PNG or SVG badge, a PDF "
                    "certificate from MIMIS, or a credential id."
                )
            ) from exc
        raise


#: A credential nests a few levels (credential, subject, achievement, alignment…); far deeper JSON is an
#: attack on the recursive code that reads it (JSON-LD, canonicalisation).
MAX_JSON_DEPTH = 64


def _nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


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
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        # The parser's own message is English jargon; the file simply is not a credential. RecursionError:
        # arrays nested 100,000 deep; ValueError: an integer of more than 4,300 digits.
        raise UnreadableInput() from exc
    if _nesting_depth(parsed) > MAX_JSON_DEPTH:
        raise UnreadableInput(
            _("The file nests data more than %(depth)d levels deep; no credential does.")
            % {"depth": MAX_JSON_DEPTH}
        )
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
    prefix = keys.issuer_did_prefix()
    if did.startswith(prefix):
        # One of ours: the cached DID document (dropped whenever the issuer's keys change).
        try:
            document = keys.did_document_for_slug(did[len(prefix) :])
        except MimisError:
            document = None
        if document is not None:
            return dids.resolver_from_documents([document])(verification_method)
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
    raise ResolutionError(f"No keys published for {did}", code="issuer_unresolvable")


def _request_resolver() -> Callable[[str], dids.ResolvedKey]:
    """:func:`_resolve` remembering its answers for one verification (the credential's proof and each
    status list's proof name the same issuer key): each verification method is resolved once."""
    answers: dict[str, dids.ResolvedKey | ResolutionError] = {}

    def resolve(verification_method: str) -> dids.ResolvedKey:
        if verification_method not in answers:
            try:
                answers[verification_method] = _resolve(verification_method)
            except ResolutionError as exc:
                answers[verification_method] = exc
        answer = answers[verification_method]
        if isinstance(answer, ResolutionError):
            raise answer
        return answer

    return resolve


#: Signatures of published status lists already checked in this process: a list is the same bytes for
#: every reader until its bits change, so its signature is checked once, not on every verification
#: (see SignatureMemo: the issuer's key is still resolved and checked every time).
_STATUS_LIST_SIGNATURES = SignatureMemo(size=512)
#: The same for credentials MIMIS stored and reads back itself (a credential's public page, a typed id):
#: the same bytes on every visit. Credentials sent in by someone are always checked in full.
_STORED_CREDENTIAL_SIGNATURES = SignatureMemo(size=4096)
_STORED_SOURCES = {SOURCE_STORED, SOURCE_REFERENCE, SOURCE_PDF_REFERENCE}


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
        .defer("bits")
        .filter(organisation__slug=path[1], purpose=path[3], number=int(path[4]))
        .first()
    )
    if status_list is None:
        raise ResolutionError("Unknown status list", code="status_list_unavailable")
    # The stored signed list, as the public URL serves it (signed when its bits changed, never here).
    try:
        return json.loads(published_status_list(status_list).body)
    except MimisError as exc:
        raise ResolutionError("The issuer has no signing key", code="status_list_unavailable") from exc


def _claims(credential: dict[str, Any] | str) -> dict[str, Any]:
    """The credential's content: the document, or a JWT's payload (``vc`` claim or the payload itself)."""
    if isinstance(credential, dict):
        return credential
    try:
        _header, payload, _input, _signature = decode_unverified(credential)
    except VCError:
        return {}
    inner = payload.get("vc")
    return inner if isinstance(inner, dict) else payload


def _uuid_of(credential_id: Any) -> str | None:
    if isinstance(credential_id, str) and credential_id.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(credential_id[len("urn:uuid:") :]))
        except ValueError:
            return None
    return None


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _holder_name(subject: dict[str, Any]) -> str | None:
    if isinstance(subject.get("name"), str):
        return subject["name"]
    for identifier in subject.get("identifier") or []:
        if (
            isinstance(identifier, dict)
            and identifier.get("identityType") == "ext:name"
            and not identifier.get("hashed")
            and isinstance(identifier.get("identityHash"), str)
        ):
            return identifier["identityHash"]
    return None


def describe(credential: dict[str, Any] | str, organisation: Organisation | None) -> Subject:
    """What the credential says, in plain terms; for a MIMIS issuer, completed from MIMIS's records (the
    title in the reader's language, the current state and the issuer's reason)."""
    claims = _claims(credential)
    types = claims.get("type") or []
    types = [types] if isinstance(types, str) else types
    subject = claims.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement") if isinstance(subject.get("achievement"), dict) else {}
    stored_id = _uuid_of(claims.get("id"))
    if "EndorsementCredential" in types:
        described = Subject(
            kind="endorsement",
            credential_id=claims.get("id") if isinstance(claims.get("id"), str) else None,
            title=claims.get("name") if isinstance(claims.get("name"), str) else None,
            holder_name=None,
            issued_on=_datetime(claims.get("validFrom")),
            valid_until=_datetime(claims.get("validUntil")),
            endorser_name=organisation.name if organisation else None,
        )
        endorsement = (
            Endorsement.objects.select_related("version", "organisation")
            .filter(pk=stored_id, organisation=organisation)
            .first()
            if stored_id and organisation
            else None
        )
        if endorsement is not None:
            described.endorsed_title = endorsement.version.display_title
        return described
    described = Subject(
        kind="microcredential" if achievement else "other",
        credential_id=claims.get("id") if isinstance(claims.get("id"), str) else None,
        title=achievement.get("name") or claims.get("name") or None,
        holder_name=_holder_name(subject),
        issued_on=_datetime(claims.get("awardedDate") or claims.get("validFrom")),
        valid_until=_datetime(claims.get("validUntil")),
    )
    stored = (
        Credential.objects.select_related("version__microcredential", "organisation")
        .filter(pk=stored_id, organisation=organisation)
        .first()
        if stored_id and organisation
        else None
    )
    if stored is not None:
        described.stored = stored
        described.title = stored.version.display_title
        described.state = stored.state
        described.state_reason = stored.state_reason
    return described


def verify(data: bytes | str | dict[str, Any], *, source: str | None = None) -> Report:
    """Verify a credential. Raises UnreadableInput for input that is not a credential at all, and
    UnknownCredential for a credential id that MIMIS did not issue."""
    if isinstance(data, dict):
        credential, read_from = data, SOURCE_CREDENTIAL
    else:
        credential, read_from = read_input(data)
    resolve = _request_resolver()
    checker = make_status_checker(_fetch_status_list, resolve_key=resolve, proof_memo=_STATUS_LIST_SIGNATURES)
    from_storage = (source or read_from) in _STORED_SOURCES
    try:
        result = verify_credential(
            credential,
            resolve_key=resolve,
            status_checker=checker,
            proof_memo=_STORED_CREDENTIAL_SIGNATURES if from_storage else None,
        )
    except VCError as exc:
        raise UnreadableInput(str(exc)) from exc
    organisation = _mimis_organisation(result.issuer)
    checks = [
        {"name": c.name, "ok": c.ok, "code": c.code, "message": c.message, "skipped": c.skipped}
        for c in result.checks
    ]
    report = Report(
        verified=result.verified,
        known_issuer=organisation is not None,
        issuer=result.issuer,
        issuer_name=organisation.name if organisation else None,
        checks=checks,
        errors=[c for c in checks if not c["ok"]],
        credential=credential,
        kind=result.kind,
        source=source or read_from,
    )
    if report.authentic:
        report.subject = describe(credential, organisation)
    return report
