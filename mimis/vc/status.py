"""W3C Bitstring Status List v1.0: revocation/suspension bitstrings and their credentials.

The bitstring has at least 131,072 entries (16 KiB) so one index reveals little about the holder
("herd privacy"). Bit 0 is the most significant bit of the first byte. ``encodedList`` is the
GZIP-compressed bitstring, multibase base64url-encoded (``u`` prefix, no padding).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from .dids import ResolvedKey
from .errors import StatusListError, VCError
from .jsonld import VC_V2_CONTEXT
from .keys import b64url_decode, b64url_encode
from .proofs import verify_proofs
from .proofs._common import parse_xsd_datetime, xsd_datetime

MIN_LENGTH = 131_072
#: Refuse to inflate fetched lists beyond this (decompression-bomb guard): 16 MiB = 134M entries.
MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024
STATUS_PURPOSES = ("revocation", "suspension", "refresh", "message")


class StatusList:
    """A mutable bitstring of status entries."""

    __slots__ = ("_bits",)

    def __init__(self, length: int = MIN_LENGTH) -> None:
        if length < MIN_LENGTH or length % 8:
            raise StatusListError(
                f"Status list length must be a multiple of 8 and at least {MIN_LENGTH}",
                code="status_list_length",
            )
        self._bits = bytearray(length // 8)

    @property
    def length(self) -> int:
        return len(self._bits) * 8

    def _check(self, index: int) -> None:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < self.length:
            raise StatusListError(f"Status list index {index!r} is out of range", code="status_index_range")

    def get(self, index: int) -> bool:
        """Whether the bit at ``index`` is set."""
        self._check(index)
        return bool(self._bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> None:
        """Set (or clear) the bit at ``index``."""
        self._check(index)
        if value:
            self._bits[index // 8] |= 0x80 >> (index % 8)
        else:
            self._bits[index // 8] &= ~(0x80 >> (index % 8)) & 0xFF

    def to_bytes(self) -> bytes:
        return bytes(self._bits)

    @classmethod
    def from_bytes(cls, data: bytes) -> StatusList:
        if len(data) * 8 < MIN_LENGTH:
            raise StatusListError(
                f"Status list has fewer than {MIN_LENGTH} entries", code="status_list_length"
            )
        status_list = cls.__new__(cls)
        status_list._bits = bytearray(data)
        return status_list

    def encode(self) -> str:
        """``encodedList`` value: multibase base64url of the GZIP-compressed bitstring."""
        # mtime=0 keeps the output deterministic, so an unchanged list re-encodes identically.
        return "u" + b64url_encode(gzip.compress(self.to_bytes(), compresslevel=9, mtime=0))

    @classmethod
    def decode(cls, encoded: str, *, max_bytes: int = MAX_DECOMPRESSED_BYTES) -> StatusList:
        """Parse ``encodedList``; refuses malformed data and oversize (bomb) payloads."""
        if not isinstance(encoded, str) or not encoded.startswith("u"):
            raise StatusListError(
                "encodedList must be multibase base64url ('u')", code="status_list_malformed"
            )
        try:
            compressed = b64url_decode(encoded[1:])
        except ValueError as exc:
            raise StatusListError(
                f"encodedList is not base64url: {exc}", code="status_list_malformed"
            ) from exc
        inflater = zlib.decompressobj(wbits=31)  # 31 = gzip container
        try:
            data = inflater.decompress(compressed, max_bytes + 1)
        except zlib.error as exc:
            raise StatusListError(
                f"encodedList is not GZIP data: {exc}", code="status_list_malformed"
            ) from exc
        if len(data) > max_bytes or inflater.unconsumed_tail:
            raise StatusListError("Status list is too large", code="status_list_too_large")
        if not inflater.eof:
            raise StatusListError("encodedList GZIP data is truncated", code="status_list_malformed")
        return cls.from_bytes(data)


def status_list_entry(*, status_list_credential: str, index: int, status_purpose: str = "revocation") -> dict:
    """A ``BitstringStatusListEntry`` for a credential's ``credentialStatus``."""
    if status_purpose not in STATUS_PURPOSES:
        raise StatusListError(f"Unknown status purpose {status_purpose!r}", code="status_purpose_invalid")
    if not isinstance(index, int) or index < 0:
        raise StatusListError("Status list index must be a non-negative integer", code="status_index_range")
    return {
        "id": f"{status_list_credential}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": status_purpose,
        "statusListIndex": str(index),
        "statusListCredential": status_list_credential,
    }


def status_list_credential(
    *,
    credential_id: str,
    issuer: str | Mapping[str, Any],
    status_list: StatusList,
    status_purpose: str = "revocation",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """An unsigned ``BitstringStatusListCredential`` (sign it with eddsa-rdfc-2022 before publishing)."""
    if status_purpose not in STATUS_PURPOSES:
        raise StatusListError(f"Unknown status purpose {status_purpose!r}", code="status_purpose_invalid")
    credential: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": dict(issuer) if isinstance(issuer, Mapping) else issuer,
        "validFrom": xsd_datetime(valid_from or datetime.now(UTC)),
        "credentialSubject": {
            "id": f"{credential_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_purpose,
            "encodedList": status_list.encode(),
        },
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    return credential


def _issuer_of(doc: Mapping[str, Any]) -> str | None:
    issuer = doc.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def check_status(
    entry: Mapping[str, Any],
    status_credential: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Return whether ``entry``'s bit is set in the (already fetched) status list credential.

    The status list credential is verified first (proof by its issuer, type, validity period,
    matching purpose); any problem raises :class:`StatusListError` with a stable code.
    """
    if entry.get("type") != "BitstringStatusListEntry":
        raise StatusListError(
            f"Unsupported credentialStatus type {entry.get('type')!r}", code="status_type_unsupported"
        )
    if entry.get("statusSize", 1) not in (1, "1"):
        raise StatusListError("Only statusSize 1 is supported", code="status_type_unsupported")
    try:
        index = int(entry["statusListIndex"])
    except (KeyError, TypeError, ValueError):
        raise StatusListError("statusListIndex must be an integer string", code="status_malformed") from None
    if entry.get("statusListCredential") != status_credential.get("id"):
        raise StatusListError(
            "Fetched status list does not have the expected id", code="status_list_mismatch"
        )
    types = status_credential.get("type")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        raise StatusListError("Not a BitstringStatusListCredential", code="status_list_malformed")
    issuer = _issuer_of(status_credential)
    if expected_issuer is not None and issuer != expected_issuer:
        raise StatusListError(
            "Status list was not issued by the credential issuer", code="status_list_issuer"
        )
    try:
        resolved = verify_proofs(status_credential, resolve_key, expected_controller=issuer)
    except VCError as exc:
        raise StatusListError(
            f"Status list proof is invalid: {exc.message}", code="status_list_unverified"
        ) from exc
    if not resolved:
        raise StatusListError("Status list has no proof", code="status_list_unverified")
    moment = now or datetime.now(UTC)
    try:
        if "validFrom" in status_credential and moment < parse_xsd_datetime(status_credential["validFrom"]):
            raise StatusListError("Status list is not yet valid", code="status_list_expired")
        if "validUntil" in status_credential and moment >= parse_xsd_datetime(
            status_credential["validUntil"]
        ):
            raise StatusListError("Status list has expired", code="status_list_expired")
    except ValueError as exc:
        raise StatusListError(f"Status list dates are invalid: {exc}", code="status_list_malformed") from exc
    subject = status_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        raise StatusListError(
            "Status list subject is not a BitstringStatusList", code="status_list_malformed"
        )
    purposes = subject.get("statusPurpose")
    purposes = purposes if isinstance(purposes, list) else [purposes]
    if entry.get("statusPurpose") not in purposes:
        raise StatusListError("Status purpose does not match the status list", code="status_purpose_mismatch")
    return StatusList.decode(subject.get("encodedList")).get(index)


def make_status_checker(
    fetch: Callable[[str], Mapping[str, Any]],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
) -> Callable[[Mapping[str, Any]], bool]:
    """Build a ``status_checker`` for :func:`mimis.vc.verify.verify_credential`.

    ``fetch(url)`` returns the status list credential as a dict (the caller does HTTP and caching).
    """

    def checker(entry: Mapping[str, Any]) -> bool:
        url = entry.get("statusListCredential")
        if not isinstance(url, str):
            raise StatusListError("credentialStatus has no statusListCredential", code="status_malformed")
        try:
            document = fetch(url)
        except VCError:
            raise
        except Exception as exc:
            raise StatusListError(
                f"Status list could not be fetched: {exc}", code="status_list_unavailable"
            ) from exc
        return check_status(
            entry, document, resolve_key=resolve_key, expected_issuer=expected_issuer, now=now
        )

    return checker
