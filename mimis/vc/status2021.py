"""Status List 2021 (W3C CCG, the VC 1.1-era predecessor of Bitstring Status List): read only.

Credentials from other issuers still carry ``StatusList2021Entry`` status entries pointing at a
``StatusList2021Credential``. The bitstring is the same as Bitstring Status List's (at least 131,072
entries, bit 0 the most significant bit of the first byte, GZIP-compressed), but ``encodedList`` is
plain base64url without the multibase ``u`` prefix, and the list credential is usually a VC 1.1 one
(``issuanceDate`` / ``expirationDate``). MIMIS never issues these; :mod:`mimis.vc.status` issues and
reads Bitstring Status Lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from .dids import ResolvedKey
from .errors import StatusListError
from .proofs import SignatureMemo
from .status import StatusList, fetch_status_list, verify_status_list_credential

STATUS_LIST_2021_ENTRY = "StatusList2021Entry"
STATUS_LIST_2021_CREDENTIAL = "StatusList2021Credential"
STATUS_LIST_2021 = "StatusList2021"
PURPOSES = ("revocation", "suspension")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def decode_list(encoded: Any) -> StatusList:
    """Parse a StatusList2021 ``encodedList`` (base64url, optionally with a multibase ``u``)."""
    if not isinstance(encoded, str) or not encoded:
        raise StatusListError("encodedList must be a base64url string", code="status_list_malformed")
    # Some implementations already prefix "u" (multibase); a plain base64url string never starts with
    # "u" followed by gzip's magic bytes ("H4sI" in base64), so the two readings cannot collide.
    return StatusList.decode(encoded if encoded.startswith("uH4sI") else "u" + encoded)


def check_status_2021(
    entry: Mapping[str, Any],
    status_credential: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> bool:
    """Whether ``entry``'s bit is set in the (already fetched) StatusList2021Credential.

    The list credential is verified first (its proof by its own issuer, type, dates, purpose); any
    problem raises :class:`StatusListError` with the same codes :mod:`mimis.vc.status` uses.
    """
    if entry.get("type") != STATUS_LIST_2021_ENTRY:
        raise StatusListError(
            f"Unsupported credentialStatus type {entry.get('type')!r}", code="status_type_unsupported"
        )
    purpose = entry.get("statusPurpose")
    if purpose not in PURPOSES:
        raise StatusListError(f"Unknown status purpose {purpose!r}", code="status_malformed")
    index_text = entry.get("statusListIndex")
    if not isinstance(index_text, str) or not index_text.isdigit():
        raise StatusListError("statusListIndex must be an integer string", code="status_malformed")
    if entry.get("statusListCredential") != status_credential.get("id"):
        raise StatusListError(
            "Fetched status list does not have the expected id", code="status_list_mismatch"
        )
    if STATUS_LIST_2021_CREDENTIAL not in _as_list(status_credential.get("type")):
        raise StatusListError("Not a StatusList2021Credential", code="status_list_malformed")
    verify_status_list_credential(
        status_credential,
        resolve_key=resolve_key,
        expected_issuer=expected_issuer,
        now=now,
        proof_memo=proof_memo,
    )
    subject = status_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != STATUS_LIST_2021:
        raise StatusListError("Status list subject is not a StatusList2021", code="status_list_malformed")
    if subject.get("statusPurpose") != purpose:
        raise StatusListError("Status purpose does not match the status list", code="status_purpose_mismatch")
    status_list = decode_list(subject.get("encodedList"))
    index = int(index_text)
    if index >= status_list.length:
        raise StatusListError(f"Status list index {index} is out of range", code="status_index_range")
    return status_list.get(index)


def make_status_list_2021_checker(
    fetch: Callable[[str], Mapping[str, Any]],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> Callable[[Mapping[str, Any]], bool]:
    """A ``status_checker`` for StatusList2021 entries (``fetch(url)`` returns the list credential)."""

    def checker(entry: Mapping[str, Any]) -> bool:
        return check_status_2021(
            entry,
            fetch_status_list(fetch, entry),
            resolve_key=resolve_key,
            expected_issuer=expected_issuer,
            now=now,
            proof_memo=proof_memo,
        )

    return checker
