"""State changes of the learner's wallet: claiming, further addresses, registering participants, sharing
and privacy choices. Each is one transaction with one audit record; e-mails are queued after commit.

Importing credentials from other platforms is in ``imports.py``; the data export and erasing an account
in ``personal_data.py``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.errors import EmailAlreadyRegistered
from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, is_platform_admin, require_capability
from mimis.accounts.services import _check_password, normalise_email
from mimis.accounts.tokens import hash_secret, new_secret
from mimis.audit.services import record
from mimis.core.emails import absolute_url, send_templated_email
from mimis.errors import NotFound, ValidationFailed
from mimis.issuing.models import Credential, CredentialState
from mimis.wallet import selectors, tasks
from mimis.wallet.errors import (
    AddressAlreadyAdded,
    AddressLinkInvalid,
    AddressTaken,
    ClaimForSomeoneElse,
    ClaimLinkExpired,
    ClaimLinkInvalid,
    ClaimLinkUsed,
    ClaimNotPossible,
    NotShareable,
    RevokedNotShareable,
)
from mimis.wallet.models import (
    CLAIM_LINK_VALID_DAYS,
    ClaimLink,
    LearnerEmail,
    LearnerProfile,
    ShareKind,
    ShareLink,
    WalletEntry,
    WalletVia,
)

ADDRESS_SALT = tasks.ADDRESS_SALT  # the address links are made in tasks.make_address_token
ADDRESS_MAX_AGE = 60 * 60 * 24 * 3
MAX_FURTHER_ADDRESSES = 10


def _on_commit(func, /, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
    transaction.on_commit(partial(func.enqueue, **kwargs))


# --- claim links -------------------------------------------------------------------------------------


@transaction.atomic
def mint_claim_link(*, credential: Credential) -> str | None:
    """A new secret for the credential's claim link, valid for CLAIM_LINK_VALID_DAYS; called by the e-mail
    task at send time, so the secret never sits in the task queue. Earlier links stop working.

    None when the credential has already been claimed or is in a wallet anyway (a replacement of a
    claimed credential): the e-mail then points to the wallet.
    """
    now = timezone.now()
    link = ClaimLink.objects.select_for_update().filter(credential=credential).first()
    if link is not None and link.claimed_at is not None:
        return None
    if WalletEntry.objects.filter(credential=credential).exists():
        return None
    secret = new_secret()
    expires_at = now + timedelta(days=CLAIM_LINK_VALID_DAYS)
    if link is None:
        ClaimLink.objects.create(
            credential=credential, token_hash=hash_secret(secret), expires_at=expires_at, sent_at=now
        )
    else:
        ClaimLink.objects.filter(pk=link.pk).update(
            token_hash=hash_secret(secret), expires_at=expires_at, sent_at=now, send_count=F("send_count") + 1
        )
    return secret


def open_claim_link(token: str) -> ClaimLink:
    """The claim link a secret names, or the specific reason it cannot be used."""
    link = (
        ClaimLink.objects.select_related("credential__version", "credential__organisation")
        .filter(token_hash=hash_secret(token or ""))
        .first()
    )
    if link is None:
        raise ClaimLinkInvalid()
    if link.claimed_at is not None:
        raise ClaimLinkUsed()
    if link.is_expired:
        raise ClaimLinkExpired()
    return link


def _prove_address(user: User, address: str) -> None:
    """Following a link sent to ``address`` proves the learner reads it: mark it verified."""
    address = address.lower()
    if user.email.lower() == address:
        if not user.email_verified:
            user.email_verified = True
            user.save(update_fields=["email_verified"])
            record("user.email_verified", actor=user, target=user, data={"via": "claim_link"})
        return
    extra = LearnerEmail.objects.select_for_update().filter(user=user, email__iexact=address).first()
    if extra is not None and extra.verified_at is None:
        if LearnerEmail.objects.filter(email__iexact=address, verified_at__isnull=False).exists():
            raise AddressTaken()
        extra.verified_at = timezone.now()
        extra.save(update_fields=["verified_at"])
        record("user.address_verified", actor=user, target=user, data={"via": "claim_link"})


@transaction.atomic
def claim_credential(*, token: str, user: User) -> Credential:
    """Collect the credential into the account of the signed-in learner whose address it was sent to."""
    link = open_claim_link(token)
    link = ClaimLink.objects.select_for_update().select_related("credential__organisation").get(pk=link.pk)
    if link.claimed_at is not None:
        raise ClaimLinkUsed()
    credential = link.credential
    owner = selectors.account_for_address(credential.recipient_email)
    if (owner is not None and owner.pk != user.pk) or not selectors.controls_address(
        user, credential.recipient_email
    ):
        raise ClaimForSomeoneElse()
    _prove_address(user, credential.recipient_email)
    WalletEntry.objects.update_or_create(
        credential=credential, defaults={"user": user, "via": WalletVia.CLAIM_LINK}
    )
    link.claimed_at = timezone.now()
    link.claimed_by = user
    link.save(update_fields=["claimed_at", "claimed_by"])
    record("credential.claimed", actor=user, organisation=credential.organisation, target=credential)
    return credential


@transaction.atomic
def claim_with_new_account(*, token: str, name: str, password: str, language: str = "sv") -> User:
    """Create the learner's account on the spot, with the address the credential was sent to (the link
    proves it), and collect the credential into it."""
    link = open_claim_link(token)
    address = link.credential.recipient_email
    if User.objects.filter(email__iexact=address).exists() or selectors.account_for_address(address):
        raise EmailAlreadyRegistered()
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter your name."), field="name")
    user = User(
        email=address.lower(),
        name=name,
        email_verified=True,
        language=language if language in {"sv", "en"} else "sv",
    )
    _check_password(password, user)
    user.set_password(password)
    user.save()
    record("user.registered", actor=user, target=user, data={"via": "claim_link"})
    claim_credential(token=token, user=user)
    return user


@transaction.atomic
def request_new_claim_link(*, token: str) -> ClaimLink:
    """After an expired link: send a new one, to the address the credential was issued to (never elsewhere)."""
    link = (
        ClaimLink.objects.select_for_update()
        .select_related("credential__organisation")
        .filter(token_hash=hash_secret(token or ""))
        .first()
    )
    if link is None:
        raise ClaimLinkInvalid()
    if link.claimed_at is not None:
        raise ClaimLinkUsed()
    if not link.is_expired:
        return link  # still good: nothing to send
    credential = link.credential
    if credential.state != CredentialState.VALID:
        raise ClaimNotPossible()
    # The expired secret stops matching at once, so the same link cannot ask twice.
    ClaimLink.objects.filter(pk=link.pk).update(token_hash=hash_secret(new_secret()))
    record(
        "credential.claim_link_resent",
        actor=None,
        organisation=credential.organisation,
        target=credential,
        actor_label="learner (expired link)",
    )
    _on_commit(_issued_email_task(), credential_id=str(credential.pk))
    return link


def keep_replacements_in_wallet(*, pairs: Sequence[tuple[Credential, Credential]]) -> None:
    """After a key compromise (``mimis.issuing.signals.credentials_replaced``, inside issuing's transaction):
    a replacement goes into the wallet its old credential was collected into, and the old credentials'
    unused claim links stop working (the "replaced" e-mail carries a new one). Issuing records the audit."""
    old_credentials = [old for old, _new in pairs]
    entries = {e.credential_id: e for e in WalletEntry.objects.filter(credential__in=old_credentials)}
    WalletEntry.objects.bulk_create(
        WalletEntry(user_id=entries[old.pk].user_id, credential=new, via=entries[old.pk].via)
        for old, new in pairs
        if old.pk in entries
    )
    ClaimLink.objects.filter(credential__in=old_credentials, claimed_at__isnull=True).delete()


def send_holder_email(*, credential: Credential, template: str) -> None:
    """An e-mail about a credential to its holder, in their language, with the title in that language: the
    "issued" one, and the "replaced" one after a key compromise. Issuing's background tasks ask for it
    through ``mimis.issuing.signals.holder_email_due`` (see ``handlers``); it sends at once, so call it from
    a task, never from a request.

    The holder is whoever collected the credential into their wallet, else the account its address
    belongs to (counting verified further addresses), else nobody yet. A valid credential that is not in
    a wallet gets a single-use claim link, minted here at send time (``mint_claim_link``) so the secret
    never sits in the task queue; sending again makes the earlier link stop working. One in a wallet gets
    none: the e-mail points to the wallet, and goes to the holder's own address (the one it was issued to
    may no longer be theirs).
    """
    holder = selectors.holder_of(credential)
    in_wallet = holder is not None and WalletEntry.objects.filter(credential=credential).exists()
    language = holder.language if holder is not None else credential.recipient_language
    if language not in dict(settings.LANGUAGES):
        language = "sv"
    secret = mint_claim_link(credential=credential) if credential.state == CredentialState.VALID else None
    send_templated_email(
        to=holder.email if in_wallet else credential.recipient_email,
        template=template,
        language=language,
        context={
            "credential": credential,
            "has_account": holder is not None,
            "in_wallet": in_wallet,
            "claim_url": absolute_url("wallet:claim", language=language, token=secret) if secret else "",
            "claim_days": CLAIM_LINK_VALID_DAYS,
            "wallet_url": absolute_url("wallet:my_credentials", language=language),
            "register_url": absolute_url("accounts:register", language=language),
        },
    )


def _issued_email_task():  # type: ignore[no-untyped-def]
    from mimis.issuing import tasks as issuing_tasks

    return issuing_tasks.send_credential_issued_email


@transaction.atomic
def resend_claim_link(*, credential: Credential, acting_user: User | None) -> Credential:
    """The issuer sends the credential's e-mail again with a new claim link (the old one stops working).

    ``acting_user`` None means the server's shell, which is trusted.
    """
    credential = Credential.objects.select_related("organisation").get(pk=credential.pk)
    if acting_user is not None:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, credential.organisation)
    if credential.document is None and not credential.token:
        raise NotFound()  # erased at the holder's request: there is nobody to send it to
    if credential.state != CredentialState.VALID:
        raise ClaimNotPossible()
    link = ClaimLink.objects.filter(credential=credential).first()
    collected = link is not None and link.claimed_at is not None
    if collected or WalletEntry.objects.filter(credential=credential).exists():  # or its replaced original
        raise ClaimLinkUsed(_("The learner has already collected this credential; there is nothing to send."))
    record(
        "credential.claim_link_resent",
        actor=acting_user,
        organisation=credential.organisation,
        target=credential,
        actor_label=None if acting_user else "shell",
    )
    _on_commit(_issued_email_task(), credential_id=str(credential.pk))
    return credential


# --- further e-mail addresses ------------------------------------------------------------------------


@transaction.atomic
def add_address(*, user: User, email: str) -> LearnerEmail:
    """Add a further address; it counts once the learner opens the link we send to it."""
    email = normalise_email(email)
    if email == user.email.lower() or LearnerEmail.objects.filter(user=user, email__iexact=email).exists():
        raise AddressAlreadyAdded(field="email")
    if selectors.account_for_address(email) is not None:
        raise AddressTaken(field="email")
    if LearnerEmail.objects.filter(user=user).count() >= MAX_FURTHER_ADDRESSES:
        raise ValidationFailed(
            _("You can add at most %(count)d further addresses.") % {"count": MAX_FURTHER_ADDRESSES},
            field="email",
        )
    extra = LearnerEmail.objects.create(user=user, email=email)
    record("user.address_added", actor=user, target=user, data={"email": email})
    _on_commit(tasks.send_address_verification_email, learner_email_id=extra.pk)
    return extra


def resend_address_verification(*, user: User, address_id: int) -> LearnerEmail:
    extra = LearnerEmail.objects.filter(user=user, pk=address_id, verified_at__isnull=True).first()
    if extra is None:
        raise NotFound()
    tasks.send_address_verification_email.enqueue(learner_email_id=extra.pk)
    return extra


@transaction.atomic
def verify_address(*, token: str) -> LearnerEmail:
    try:
        data = signing.loads(token, salt=ADDRESS_SALT, max_age=ADDRESS_MAX_AGE)
    except signing.BadSignature as exc:
        raise AddressLinkInvalid() from exc
    extra = (
        LearnerEmail.objects.select_for_update()
        .filter(user_id=data.get("u"), email__iexact=data.get("e", ""), user__is_active=True)
        .select_related("user")
        .first()
    )
    if extra is None:
        raise AddressLinkInvalid()
    if extra.verified_at is None:
        owner = selectors.account_for_address(extra.email)
        if owner is not None and owner.pk != extra.user_id:
            raise AddressTaken()
        extra.verified_at = timezone.now()
        try:
            with transaction.atomic():
                extra.save(update_fields=["verified_at"])
        except IntegrityError as exc:  # verified by someone else a moment ago
            raise AddressTaken() from exc
        record("user.address_verified", actor=extra.user, target=extra.user, data={"email": extra.email})
    return extra


@transaction.atomic
def remove_address(*, user: User, address_id: int) -> None:
    extra = LearnerEmail.objects.filter(user=user, pk=address_id).first()
    if extra is None:
        raise NotFound()
    extra.delete()
    record("user.address_removed", actor=user, target=user, data={"email": extra.email})


# --- participants registered by someone else ---------------------------------------------------------


@transaction.atomic
def register_participant(
    *,
    email: str,
    name: str,
    language: str = "sv",
    acting_user: User | None,
    organisation: Organisation | None = None,
    send_email: bool = True,
) -> User:
    """An account for a participant who has no e-mail habit yet, created by an issuer or administrator of
    the organisation they study with, by a region administrator, or from the server's shell
    (``acting_user`` None). The address counts as verified: the person registering vouches for it.

    Credentials already issued to the address appear in the participant's wallet at once. They choose a
    password from the welcome e-mail (or through "forgot your password" later).
    """
    if acting_user is not None and not is_platform_admin(acting_user):
        if organisation is None:
            raise NotFound()
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)
    email = normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the participant's name."), field="name")
    if User.objects.filter(email__iexact=email).exists() or selectors.account_for_address(email):
        raise EmailAlreadyRegistered(field="email")
    user = User(
        email=email, name=name, email_verified=True, language=language if language in {"sv", "en"} else "sv"
    )
    user.set_unusable_password()
    user.save()
    record(
        "learner.registered",
        actor=acting_user,
        organisation=organisation,
        target=user,
        actor_label=None if acting_user else "shell",
        data={"email": email},
    )
    if send_email:
        _on_commit(
            tasks.send_participant_welcome_email,
            user_id=user.pk,
            organisation_id=organisation.pk if organisation is not None else None,
        )
    return user


# --- sharing -----------------------------------------------------------------------------------------

EXPIRY_CHOICES_DAYS = (7, 30, 90, 365)


def _expiry(expires_in_days: int | None) -> datetime | None:
    if expires_in_days is None:
        return None
    if not 1 <= expires_in_days <= 3650:
        raise ValidationFailed(_("Choose between 1 and 3650 days, or no expiry."), field="expires_in_days")
    return timezone.now() + timedelta(days=expires_in_days)


def _new_token() -> str:
    return secrets.token_urlsafe(16)


@transaction.atomic
def create_share_link(
    *,
    user: User,
    credential_ids: list[str],
    expires_in_days: int | None = None,
    title: str = "",
    imported_ids: Sequence[str] = (),
) -> ShareLink:
    """A public page for one credential, or a portfolio of several, that the learner holds.

    A portfolio may include credentials the learner imported from other platforms; its page shows each
    with its own verification status, checked again on every visit.
    """
    wanted = list(dict.fromkeys(str(c) for c in credential_ids))
    wanted_imported = list(dict.fromkeys(str(c) for c in imported_ids))
    held = list(selectors.credentials_for_learner(learner=user).filter(pk__in=wanted))
    imported = list(selectors.imported_credentials_of(user=user).filter(pk__in=wanted_imported))
    if (
        (not wanted and not wanted_imported)
        or len(held) != len(wanted)
        or len(imported) != len(wanted_imported)
    ):
        if len(wanted) + len(wanted_imported) == 1:
            raise NotFound()
        raise NotShareable(field="credentials")
    # A revoked credential is no longer valid: a new public page for it would only mislead (existing links
    # keep working and say it is revoked).
    if any(credential.state == CredentialState.REVOKED for credential in held):
        raise RevokedNotShareable(field="credentials")
    single = len(held) == 1 and not imported and not title.strip()
    kind = ShareKind.CREDENTIAL if single else ShareKind.PORTFOLIO
    link = ShareLink.objects.create(
        token=_new_token(),
        user=user,
        kind=kind,
        title=(title or "").strip()[:200],
        expires_at=_expiry(expires_in_days),
    )
    link.credentials.set(held)
    link.external_credentials.set(imported)
    record(
        "share_link.created",
        actor=user,
        target=link,
        data={
            "kind": kind,
            "credentials": [str(c.pk) for c in held],
            "imported": [str(e.pk) for e in imported],
            "expires_at": link.expires_at,
        },
    )
    return link


def share_link_for_linkedin(*, user: User, credential: Credential) -> ShareLink:
    """An active, non-expiring share link of the one credential: reused if there is one, else made."""
    for link in ShareLink.objects.filter(
        user=user, kind=ShareKind.CREDENTIAL, withdrawn_at__isnull=True, expires_at__isnull=True
    ).prefetch_related("credentials"):
        if [c.pk for c in link.credentials.all()] == [credential.pk]:
            return link
    return create_share_link(user=user, credential_ids=[str(credential.pk)])


@transaction.atomic
def withdraw_share_link(*, link: ShareLink, acting_user: User) -> ShareLink:
    if link.user_id != acting_user.pk:
        raise NotFound()
    if link.withdrawn_at is None:
        link.withdrawn_at = timezone.now()
        link.save(update_fields=["withdrawn_at"])
        record("share_link.withdrawn", actor=acting_user, target=link)
    return link


# Programs that fetch a page to show a preview of a link (chat, social media, search engines), not people who
# open it. Matched case-insensitively anywhere in the User-Agent header.
LINK_PREVIEW_AGENTS = (
    "slackbot",
    "slack-imgproxy",
    "linkedinbot",
    "skypeuripreview",  # Microsoft Teams and Skype
    "microsoftpreview",
    "facebookexternalhit",
    "facebot",
    "meta-externalagent",
    "twitterbot",
    "whatsapp",
    "discordbot",
    "telegrambot",
    "googlebot",
    "google-inspectiontool",
    "bingbot",
    "bingpreview",
    "applebot",
    "duckduckbot",
    "yandexbot",
    "redditbot",
    "pinterestbot",
    "mastodon",
    "embedly",
    "iframely",
    "vkshare",
    "skypebot",
)


def counts_as_visit(*, method: str, user_agent: str) -> bool:
    """Whether a request to a share page is a person looking: a GET (a HEAD is answered but not counted) by
    a client that is not a link-preview program (``LINK_PREVIEW_AGENTS``), so pasting a link into Teams or
    LinkedIn does not add views."""
    if method != "GET":
        return False
    agent = (user_agent or "").lower()
    return not any(bot in agent for bot in LINK_PREVIEW_AGENTS)


def count_view(link: ShareLink, *, download: bool = False) -> None:
    """One more view (or download); no cookie, address or identity is kept."""
    if download:
        ShareLink.objects.filter(pk=link.pk).update(download_count=F("download_count") + 1)
    else:
        ShareLink.objects.filter(pk=link.pk).update(
            view_count=F("view_count") + 1, last_viewed_at=timezone.now()
        )


# --- privacy choices ---------------------------------------------------------------------------------


@transaction.atomic
def set_findable_by_skills(*, user: User, findable: bool) -> LearnerProfile:
    profile, _created = LearnerProfile.objects.select_for_update().get_or_create(user=user)
    if profile.findable_by_skills != findable:
        profile.findable_by_skills = findable
        profile.save(update_fields=["findable_by_skills", "updated_at"])
        record("learner.findable_changed", actor=user, target=user, data={"findable_by_skills": findable})
    return profile
