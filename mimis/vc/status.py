"""W3C Bitstring Status List v1.0: revocation/suspension bitstrings and their credentials.

The bitstring has at least 131,072 entries (16 KiB) so one index reveals little about the holder
("herd privacy"). Bit 0 is the most significant bit of the first byte. ``encodedList`` is the
GZIP-compressed bitstring, multibase base64url-encoded (``u`` prefix, no padding).

MIMIS issues one entry per credential (Open Badges 3.0 allows at most one ``credentialStatus``): a
``message`` entry with ``statusSize`` 2 whose value says valid (0x0), revoked (0x1) or suspended (0x2).
Entry ``i`` is bits ``2i`` (the high bit: suspended) and ``2i + 1`` (the low bit: revoked), so revoking and
suspending each set one bit, as they did with the older separate revocation and suspension lists, which
credentials issued before this change still point at and which keep working.
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
from .proofs import SignatureMemo, verify_proofs
from .proofs._common import parse_xsd_datetime, xsd_datetime

MIN_LENGTH = 131_072
#: Refuse to inflate fetched lists beyond this (decompression-bomb guard): 16 MiB = 134M entries.
MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024
STATUS_PURPOSES = ("revocation", "suspension", "refresh", "message")
#: The statusMessage of MIMIS's 2-bit entries. 0x3 (both bits) is never written; if it were, the
#: credential is revoked, which nothing undoes.
MIMIS_STATUS_SIZE = 2
MIMIS_STATUS_MESSAGES = (
    {"status": "0x0", "message": "valid"},
    {"status": "0x1", "message": "revoked"},
    {"status": "0x2", "message": "suspended"},
    {"status": "0x3", "message": "revoked"},
)
#: Messages that mean the credential is not in good standing, and the verifier's code for each.
FAILING_MESSAGES = {"revoked": "revoked", "suspended": "suspended"}


def revocation_bit(index: int) -> int:
    """The bit that revokes entry ``index`` of a MIMIS 2-bit list (the low bit of the value: 0x1)."""
    return index * MIMIS_STATUS_SIZE + 1


def suspension_bit(index: int) -> int:
    """The bit that suspends entry ``index`` of a MIMIS 2-bit list (the high bit of the value: 0x2)."""
    return index * MIMIS_STATUS_SIZE


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

    def get_value(self, index: int, size: int = 1) -> int:
        """The ``size``-bit value of entry ``index`` (bits ``index*size`` onwards, most significant first)."""
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise StatusListError(f"statusSize {size!r} is not a positive integer", code="status_malformed")
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            raise StatusListError(f"Status list index {index!r} is out of range", code="status_index_range")
        value = 0
        for position in range(index * size, index * size + size):
            value = (value << 1) | self.get(position)
        return value

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


def revocation_and_suspension_entry(*, status_list_credential: str, index: int) -> dict:
    """The one entry MIMIS issues: ``message``, ``statusSize`` 2, valid / revoked / suspended."""
    return status_list_entry(
        status_list_credential=status_list_credential, index=index, status_purpose="message"
    ) | {"statusSize": MIMIS_STATUS_SIZE, "statusMessage": [dict(m) for m in MIMIS_STATUS_MESSAGES]}


class StatusValue(int):
    """What a status check found: the entry's value (truthy when non-zero) and its ``statusMessage``."""

    message: str | None

    def __new__(cls, value: int, message: str | None = None) -> StatusValue:
        obj = super().__new__(cls, value)
        obj.message = message
        return obj


def status_failure(entry: Mapping[str, Any], found: Any) -> tuple[str, str] | None:
    """(code, English message) when what a status check ``found`` means the credential is not in good
    standing, else None. A 1-bit entry fails when its bit is set (code by purpose); a ``message`` entry
    fails when its message is "revoked" or "suspended", or for any other non-zero value ("status_set").
    """
    purpose = entry.get("statusPurpose", "revocation")
    message = getattr(found, "message", None)
    if purpose == "message" and message is not None:
        if message in FAILING_MESSAGES:
            return FAILING_MESSAGES[message], f"Credential status is {message!r}"
        if message == "valid" or not found:
            return None
        return "status_set", f"Credential status is {message!r}"
    if not found:
        return None
    code = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, "status_set")
    return code, f"Credential status is set for purpose {purpose!r}"


def _status_size(entry: Mapping[str, Any]) -> int:
    size = entry.get("statusSize", 1)
    if isinstance(size, str) and size.isdigit():
        size = int(size)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 8:
        raise StatusListError("statusSize must be an integer from 1 to 8", code="status_malformed")
    return size


def _status_messages(entry: Mapping[str, Any], size: int) -> dict[int, str] | None:
    """statusMessage as {value: message}; required (one per possible value) when statusSize > 1."""
    messages = entry.get("statusMessage")
    if messages is None:
        if size > 1:
            raise StatusListError("statusMessage is required when statusSize > 1", code="status_malformed")
        return None
    if not isinstance(messages, list) or len(messages) != 2**size:
        raise StatusListError(
            f"statusMessage must list {2**size} values for statusSize {size}", code="status_malformed"
        )
    table: dict[int, str] = {}
    for item in messages:
        try:
            value = int(item["status"], 16)
            text = item["message"]
        except (KeyError, TypeError, ValueError):
            raise StatusListError(
                "Each statusMessage needs a hexadecimal status and a message", code="status_malformed"
            ) from None
        if not isinstance(text, str) or not 0 <= value < 2**size or value in table:
            raise StatusListError("statusMessage values are invalid", code="status_malformed")
        table[value] = text
    return table


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


def verify_status_list_credential(
    status_credential: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> None:
    """What every status list credential must pass, whatever its kind (Bitstring or StatusList2021): the
    credential's own issuer signed it, and it is within its dates (VC 2.0 ``validFrom``/``validUntil``, or
    VC 1.1 ``issuanceDate``/``expirationDate``)."""
    issuer = _issuer_of(status_credential)
    if expected_issuer is not None and issuer != expected_issuer:
        raise StatusListError(
            "Status list was not issued by the credential issuer", code="status_list_issuer"
        )
    try:
        resolved = verify_proofs(status_credential, resolve_key, expected_controller=issuer, memo=proof_memo)
    except VCError as exc:
        raise StatusListError(
            f"Status list proof is invalid: {exc.message}", code="status_list_unverified"
        ) from exc
    if not resolved:
        raise StatusListError("Status list has no proof", code="status_list_unverified")
    moment = now or datetime.now(UTC)
    start = status_credential.get("validFrom", status_credential.get("issuanceDate"))
    end = status_credential.get("validUntil", status_credential.get("expirationDate"))
    try:
        if start is not None and moment < parse_xsd_datetime(start):
            raise StatusListError("Status list is not yet valid", code="status_list_expired")
        if end is not None and moment >= parse_xsd_datetime(end):
            raise StatusListError("Status list has expired", code="status_list_expired")
    except ValueError as exc:
        raise StatusListError(f"Status list dates are invalid: {exc}", code="status_list_malformed") from exc


def check_status(
    entry: Mapping[str, Any],
    status_credential: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> bool | StatusValue:
    """Whether ``entry``'s bit is set in the (already fetched) status list credential; for an entry with
    ``statusMessage`` (MIMIS's 2-bit entries) its value and message instead (see :func:`status_failure`).

    The status list credential is verified first (proof by its issuer, type, validity period,
    matching purpose); any problem raises :class:`StatusListError` with a stable code.
    """
    if entry.get("type") != "BitstringStatusListEntry":
        raise StatusListError(
            f"Unsupported credentialStatus type {entry.get('type')!r}", code="status_type_unsupported"
        )
    size = _status_size(entry)
    messages = _status_messages(entry, size)
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
    verify_status_list_credential(
        status_credential,
        resolve_key=resolve_key,
        expected_issuer=expected_issuer,
        now=now,
        proof_memo=proof_memo,
    )
    subject = status_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        raise StatusListError(
            "Status list subject is not a BitstringStatusList", code="status_list_malformed"
        )
    purposes = subject.get("statusPurpose")
    purposes = purposes if isinstance(purposes, list) else [purposes]
    if entry.get("statusPurpose") not in purposes:
        raise StatusListError("Status purpose does not match the status list", code="status_purpose_mismatch")
    bits = StatusList.decode(subject.get("encodedList"))
    if index < 0 or (index + 1) * size > bits.length:
        raise StatusListError(f"Status list index {index} is out of range", code="status_index_range")
    value = bits.get_value(index, size)
    if messages is None:
        return bool(value)  # a plain 1-bit entry: whether its bit is set
    return StatusValue(value, messages[value])


def make_status_checker(
    fetch: Callable[[str], Mapping[str, Any]],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> Callable[[Mapping[str, Any]], bool | StatusValue]:
    """Build a ``status_checker`` for :func:`mimis.vc.verify.verify_credential`.

    ``fetch(url)`` returns the status list credential as a dict (the caller does HTTP and caching);
    ``proof_memo`` spares checking the same list's signature again (see :class:`SignatureMemo`).
    """

    def checker(entry: Mapping[str, Any]) -> bool | StatusValue:
        return check_status(
            entry,
            fetch_status_list(fetch, entry),
            resolve_key=resolve_key,
            expected_issuer=expected_issuer,
            now=now,
            proof_memo=proof_memo,
        )

    return checker


def fetch_status_list(
    fetch: Callable[[str], Mapping[str, Any]], entry: Mapping[str, Any]
) -> Mapping[str, Any]:
    """The status list credential an entry points to (Bitstring Status List or StatusList2021 alike)."""
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        raise StatusListError("credentialStatus has no statusListCredential", code="status_malformed")
    try:
        return fetch(url)
    except VCError:
        raise
    except Exception as exc:
        raise StatusListError(
            f"Status list could not be fetched: {exc}", code="status_list_unavailable"
        ) from exc
