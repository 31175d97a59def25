"""Who an imported credential was issued to, and whether that is the person importing or sharing it.

A signature proves who issued a credential and that it is unchanged, not who holds it: anyone can download
a shared credential and upload it again. So an import binds the credential to the importer: its recipient
must be one of the importer's verified e-mail addresses (an e-mail ``IdentityObject``, hashed or not, an
Open Badges 2.0 ``recipient`` of type ``email``, or a ``mailto:`` subject id), or a DID that MIMIS
already knows is theirs (the subject DID of a MIMIS credential issued to one of their verified addresses).
A credential naming anyone else is refused on import, and one imported before this check is shown as
"not issued to this person" on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mimis.accounts.models import User
from mimis.vc.credentials import LEARNER_NAME_IDENTITY_TYPE, email_matches_identity
from mimis.vc.errors import VCError
from mimis.vc.jwt import decode_unverified
from mimis.wallet import selectors

NOT_ISSUED_TO_HOLDER = "not_issued_to_holder"


@dataclass(frozen=True)
class Recipient:
    """What a credential says about its recipient: e-mail identity objects, subject ids, a name."""

    emails: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    name: str = ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _document(content: Mapping[str, Any] | str) -> tuple[dict[str, Any], str]:
    """The credential (or OB 2.0 assertion) as a dict, and a JWT's ``sub`` claim if any."""
    if isinstance(content, Mapping):
        return dict(content), ""
    try:
        payload = decode_unverified(content)[1]
    except VCError:
        return {}, ""
    vc = payload.get("vc")
    document = vc if isinstance(vc, dict) else payload
    sub = payload.get("sub")
    return document, sub if isinstance(sub, str) else ""


def recipient_of(content: Mapping[str, Any] | str) -> Recipient:
    document, sub = _document(content)
    emails: list[dict[str, Any]] = []
    ids: list[str] = [sub] if sub else []
    name = ""
    recipient = document.get("recipient")  # Open Badges 2.0
    if isinstance(recipient, Mapping) and recipient.get("type") == "email":
        emails.append(
            {
                "identityType": "emailAddress",
                "hashed": bool(recipient.get("hashed")),
                "salt": str(recipient.get("salt") or ""),
                "identityHash": str(recipient.get("identity") or ""),
            }
        )
    for subject in _as_list(document.get("credentialSubject")):
        if not isinstance(subject, Mapping):
            continue
        if isinstance(subject.get("id"), str):
            ids.append(subject["id"])
        if not name and isinstance(subject.get("name"), str):
            name = subject["name"]
        for identity in _as_list(subject.get("identifier")):
            if not isinstance(identity, Mapping):
                continue
            if identity.get("identityType") == "emailAddress":
                emails.append(dict(identity))
            elif (
                not name
                and identity.get("identityType") in (LEARNER_NAME_IDENTITY_TYPE, "name")
                and not identity.get("hashed")
                and isinstance(identity.get("identityHash"), str)
            ):
                name = identity["identityHash"]
    return Recipient(emails=emails, ids=ids, name=name.strip()[:200])


def _matches(recipient: Recipient, addresses: Iterable[str], dids: Iterable[str]) -> bool:
    addresses = list(addresses)
    for identity in recipient.emails:
        if any(email_matches_identity(identity, address) for address in addresses):
            return True
    lowered = {address.lower() for address in addresses}
    known_dids = set(dids)
    for subject_id in recipient.ids:
        if subject_id.lower().startswith("mailto:") and subject_id[len("mailto:") :].lower() in lowered:
            return True
        if subject_id in known_dids:
            return True
    return False


def issued_to(user: User, content: Mapping[str, Any] | str) -> bool:
    """Whether the credential names ``user`` as its recipient (see the module's description)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return _matches(recipient_of(content), selectors.verified_addresses(user), selectors.holder_dids(user))
