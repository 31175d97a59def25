"""The learner's rights over their data (GDPR): a copy of everything, and erasing the account.

**What erasing keeps, and why.** An issuer must be able to say, for as long as a credential it signed
exists anywhere, whether it is still valid; and verifiers must get the same answer. So for each
credential issued to the learner MIMIS keeps the issuer's record without the person in it: the
credential's id, micro-credential version, issuing organisation, dates, state and reason, and its
places in the published status lists (revocation and suspension). The status lists themselves are
unchanged, so a copy the learner gave an employer still verifies. The audit log is append-only and
keeps who did what (it is the platform's accountability record); new entries name the erased account
only by its number.

**What erasing removes.** The name, e-mail address and password of the account (the row stays, under a
placeholder address, so the audit log's references stay intact, and it can never sign in again), the
further e-mail addresses, privacy choices, API tokens, two-factor devices, share links (their pages stop
working), imported credentials and the wallet itself. From each credential issued to the learner: the
recipient's name and e-mail address, the signed copy (it contains the name; the learner keeps their own
downloaded copies) and the issuing idempotency key, which was derived from the e-mail address. The
issuer's batch rows lose the name and address too. The public verification page of an erased credential
answers 404.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mimis.accounts.models import ApiToken, Membership, User
from mimis.audit.models import AuditEntry
from mimis.audit.services import record
from mimis.issuing.models import BatchRow, Credential
from mimis.wallet import selectors
from mimis.wallet.errors import ConfirmationWrong, StillMember
from mimis.wallet.models import (
    ClaimLink,
    ExternalCredential,
    LearnerEmail,
    LearnerProfile,
    ShareLink,
    WalletEntry,
)
from mimis.wallet.signals import account_erased

ERASED_DOMAIN = "erased.invalid"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _signed_file(credential: Credential) -> tuple[str, str]:
    slug = credential.version.microcredential.slug
    if credential.format == "jwt":
        return f"credentials/{slug}-{credential.pk}.jwt", credential.token
    return f"credentials/{slug}-{credential.pk}.json", json.dumps(
        credential.document, ensure_ascii=False, indent=2
    )


def export_data(*, user: User, base_url: str) -> bytes:
    """A ZIP with ``mimis-data.json`` (everything MIMIS holds about the learner) and the files: every
    signed credential and every imported one as it was uploaded."""
    credentials = list(selectors.credentials_for_learner(learner=user))
    files: dict[str, str] = {}
    credential_rows = []
    for credential in credentials:
        name, content = _signed_file(credential)
        files[name] = content
        credential_rows.append(
            {
                "id": str(credential.pk),
                "title": credential.version.title,
                "microcredential": credential.version.microcredential.slug,
                "issuer": credential.organisation.name,
                "issued_to": {"name": credential.recipient_name, "email": credential.recipient_email},
                "issued_at": _iso(credential.issued_at),
                "valid_until": _iso(credential.valid_until),
                "status": selectors.holder_status(credential),
                "status_reason": credential.state_reason,
                "format": credential.format,
                "file": name,
            }
        )
    imported_rows = []
    for external in ExternalCredential.objects.filter(user=user):
        extension = "json" if external.content.lstrip().startswith("{") else "jws"
        name = f"imported/{external.pk}.{extension}"
        files[name] = external.content
        imported_rows.append(
            {
                "id": str(external.pk),
                "standard": external.standard,
                "title": external.title,
                "issuer": external.issuer_name or external.issuer_id,
                "status": external.status,
                "checked_at": _iso(external.checked_at),
                "imported_at": _iso(external.imported_at),
                "file": name,
            }
        )
    profile = selectors.privacy_of(user=user)
    data: dict[str, Any] = {
        "exported_at": _iso(timezone.now()),
        "account": {
            "name": user.name,
            "email": user.email,
            "email_verified": user.email_verified,
            "language": user.language,
            "joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "further_email_addresses": [
            {"email": e.email, "verified_at": _iso(e.verified_at), "added_at": _iso(e.created_at)}
            for e in LearnerEmail.objects.filter(user=user)
        ],
        "privacy": {"findable_by_skills": profile.findable_by_skills},
        "credentials": credential_rows,
        "imported_credentials": imported_rows,
        "share_links": [
            {
                "url": f"{base_url}/shared/{link.token}/",
                "kind": link.kind,
                "title": link.title,
                "credentials": [str(c.pk) for c in link.credentials.all()],
                "imported": [str(e.pk) for e in link.external_credentials.all()],
                "created_at": _iso(link.created_at),
                "expires_at": _iso(link.expires_at),
                "withdrawn_at": _iso(link.withdrawn_at),
                "views": link.view_count,
                "downloads": link.download_count,
            }
            for link in ShareLink.objects.filter(user=user).prefetch_related(
                "credentials", "external_credentials"
            )
        ],
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": _iso(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "scopes": t.scopes,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user)
        ],
        "activity": [
            {
                "at": _iso(entry.at),
                "action": entry.action,
                "object_type": entry.object_type,
                "object": entry.object_id,
            }
            for entry in AuditEntry.objects.filter(
                Q(actor=user) | Q(object_type="accounts.user", object_id=str(user.pk))
            ).order_by("sequence")
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimis-data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, content in files.items():
            archive.writestr(name, content)
    record("user.data_exported", actor=user, target=user)
    return buffer.getvalue()


@transaction.atomic
def erase_account(*, user: User, password: str | None) -> None:
    """Erase the learner's personal data (see the module's documentation for what stays, and why)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if Membership.objects.filter(user=user).exists():
        raise StillMember()
    if user.has_usable_password() and not user.check_password(password or ""):
        raise ConfirmationWrong(field="password")
    credentials = list(selectors.credentials_for_learner(learner=user))
    ids = [c.pk for c in credentials]
    # Replaced credentials (after a key compromise, perhaps more than one) hold the same personal data.
    replaced = ids
    while replaced:
        replaced = list(Credential.objects.filter(replaced_by__in=replaced).values_list("pk", flat=True))
        ids += replaced
    for credential in Credential.objects.filter(pk__in=ids):
        credential.recipient_name = ""
        credential.recipient_email = f"erased-{credential.pk.hex}@{ERASED_DOMAIN}"
        credential.document = None
        credential.token = ""
        credential.idempotency_key = f"erased:{credential.pk.hex}"
        credential.save(
            update_fields=["recipient_name", "recipient_email", "document", "token", "idempotency_key"]
        )
    BatchRow.objects.filter(credential_id__in=ids).update(name="", email=f"erased@{ERASED_DOMAIN}")
    # An unused claim link must not hand an erased credential to whoever holds the e-mail later.
    ClaimLink.objects.filter(credential_id__in=ids).delete()
    WalletEntry.objects.filter(user=user).delete()
    ShareLink.objects.filter(user=user).delete()
    ExternalCredential.objects.filter(user=user).delete()
    LearnerEmail.objects.filter(user=user).delete()
    LearnerProfile.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    account_erased.send(sender=User, user=user)
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.name = ""
    user.email_verified = False
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "name", "email_verified", "is_active", "password"])
    record(
        "user.erased",
        actor=None,
        target=user,
        actor_label=f"user #{user.pk}",
        data={"credentials_anonymised": len(ids)},
    )
