"""Reads for the learner's wallet: what they hold, grouped, with pathway progress and skills."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import User
from mimis.catalog.models import LearningOutcome, Pathway, PathwayRule, PathwayStep, VersionStatus
from mimis.errors import NotFound
from mimis.issuing.models import Credential, CredentialState
from mimis.taxonomy.models import Concept
from mimis.wallet.errors import ShareLinkUnavailable
from mimis.wallet.models import ExternalCredential, LearnerEmail, LearnerProfile, ShareLink, WalletEntry

# What a holder sees: the issuer's state, plus "expired" once the validity period is over.
EXPIRED = "expired"
STATUS_LABELS = {
    CredentialState.VALID: pgettext_lazy("credential state", "Valid"),
    EXPIRED: pgettext_lazy("credential state", "Expired"),
    CredentialState.SUSPENDED: pgettext_lazy("credential state", "Suspended"),
    CredentialState.REVOKED: pgettext_lazy("credential state", "Revoked"),
}


def holder_status(credential: Credential, now: datetime | None = None) -> str:
    """valid, expired, suspended or revoked."""
    if credential.state != CredentialState.VALID:
        return credential.state
    if credential.valid_until is not None and credential.valid_until <= (now or timezone.now()):
        return EXPIRED
    return CredentialState.VALID


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def verified_addresses(user: User) -> list[str]:
    """Every address the learner has proved they read: the account's own and the verified further ones."""
    if not user.is_authenticated:
        return []
    addresses = [user.email.lower()] if user.email_verified else []
    addresses += [
        e.lower()
        for e in LearnerEmail.objects.filter(user=user, verified_at__isnull=False).values_list(
            "email", flat=True
        )
    ]
    return addresses


def holder_dids(user: User) -> set[str]:
    """DIDs MIMIS knows are the learner's: the subject ids of MIMIS credentials they hold (an issuer bound the
    DID to one of their verified addresses or their claim)."""
    dids: set[str] = set()
    for credential in credentials_for_learner(learner=user).exclude(document__isnull=True):
        document = credential.document
        subjects = document.get("credentialSubject") if isinstance(document, dict) else None
        for subject in subjects if isinstance(subjects, list) else [subjects]:
            if isinstance(subject, dict) and str(subject.get("id", "")).startswith("did:"):
                dids.add(subject["id"])
    return dids


def account_for_address(email: str) -> User | None:
    """The active account whose own or verified further address ``email`` is."""
    email = (email or "").strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        return user
    extra = (
        LearnerEmail.objects.select_related("user")
        .filter(email__iexact=email, verified_at__isnull=False, user__is_active=True)
        .first()
    )
    return extra.user if extra is not None else None


def holder_of(credential: Credential) -> User | None:
    """The account a credential's e-mails are for: whoever collected it into their wallet (it stays theirs
    whatever the address does), else the account the address it was issued to belongs to, counting
    verified further addresses."""
    entry = WalletEntry.objects.select_related("user").filter(credential=credential).first()
    if entry is not None:
        return entry.user if entry.user.is_active else None
    return account_for_address(credential.recipient_email)


def controls_address(user: User, address: str) -> bool:
    """Whether the address is the account's own or one of its further addresses, verified or not (a link
    sent to the address, once followed, proves it)."""
    address = address.lower()
    if user.email.lower() == address:
        return True
    return LearnerEmail.objects.filter(user=user, email__iexact=address).exists()


def credentials_for_learner(*, learner: User) -> QuerySet[Credential]:
    """What the learner holds: credentials they claimed (and their replacements after a key compromise),
    and credentials issued to one of their verified addresses that nobody has claimed.

    A replaced credential is left out: its replacement stands in for it. An unverified address sees none.
    """
    if not learner.is_authenticated or not learner.is_active:
        return Credential.objects.none()
    held = Q(wallet_entry__user=learner) | Q(replaces__wallet_entry__user=learner)
    addresses = verified_addresses(learner)
    if addresses:
        held |= Q(recipient_email__in=addresses, wallet_entry__isnull=True)
    return (
        Credential.objects.filter(held, replaced_by__isnull=True)
        .exclude(document__isnull=True, token="")  # erased at a former holder's request
        .select_related("version__microcredential", "organisation")
        .order_by("-issued_at")
        .distinct()
    )


def credential_of_learner(*, learner: User, credential_id: str) -> Credential:
    credential = credentials_for_learner(learner=learner).filter(pk=credential_id).first()
    if credential is None:
        raise NotFound()
    return credential


# --- the overview page -------------------------------------------------------------------------------


@dataclass
class SectorGroup:
    label: str
    credentials: list[Credential] = field(default_factory=list)


@dataclass
class PathwayStepProgress:
    title: str
    slug: str
    done: bool


@dataclass
class PathwayProgress:
    pathway: Pathway
    title: str
    needed: int
    done: int
    steps: list[PathwayStepProgress]

    @property
    def complete(self) -> bool:
        return self.done >= self.needed

    @property
    def percent(self) -> int:
        return int(100 * min(self.done, self.needed) / self.needed) if self.needed else 100


@dataclass
class Overview:
    credentials: list[Credential]
    groups: list[SectorGroup]
    pathways: list[PathwayProgress]
    skills: list[Concept]
    external: list[ExternalCredential]


def _with_details(credentials: QuerySet[Credential]) -> QuerySet[Credential]:
    return credentials.prefetch_related(
        "version__sectors",
        Prefetch(
            "version__learning_outcomes",
            queryset=LearningOutcome.objects.prefetch_related("skills"),
        ),
    )


def skills_of(credentials: Iterable[Credential]) -> list[Concept]:
    """The skills the credentials' learning outcomes are linked to, each once, by label."""
    skills: dict[int, Concept] = {}
    for credential in credentials:
        for outcome in credential.version.learning_outcomes.all():
            for skill in outcome.skills.all():
                skills[skill.pk] = skill
    for skill in skills.values():
        skill.label = skill.display_label  # type: ignore[attr-defined]
    return sorted(skills.values(), key=lambda s: s.label.lower())  # type: ignore[attr-defined]


def pathway_progress(credentials: Iterable[Credential]) -> list[PathwayProgress]:
    """Every pathway with at least one micro-credential the learner holds, and how far they have come.

    Only credentials that are valid now count toward a pathway.
    """
    now = timezone.now()
    counting = {
        c.version.microcredential_id for c in credentials if holder_status(c, now) == CredentialState.VALID
    }
    held_any = {c.version.microcredential_id for c in credentials}
    if not held_any:
        return []
    pathways = (
        Pathway.objects.filter(steps__microcredential_id__in=held_any)
        .distinct()
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=PathwayStep.objects.select_related("microcredential").prefetch_related(
                    "microcredential__versions"
                ),
            )
        )
    )
    progress = []
    for pathway in pathways:
        steps = []
        for step in pathway.steps.all():
            published = [
                v for v in step.microcredential.versions.all() if v.status == VersionStatus.PUBLISHED
            ]
            title = published[-1].display_title if published else step.microcredential.slug
            steps.append(
                PathwayStepProgress(title, step.microcredential.slug, step.microcredential_id in counting)
            )
        needed = (
            pathway.required_count
            if pathway.rule == PathwayRule.N_OF and pathway.required_count
            else len(steps)
        )
        done = sum(step.done for step in steps)
        progress.append(PathwayProgress(pathway, pathway.display_title, needed, min(done, needed), steps))
    return sorted(progress, key=lambda p: (-p.percent, p.title))


def group_by_sector(credentials: Iterable[Credential]) -> list[SectorGroup]:
    """Credentials under the sector (SNI) of their micro-credential; several sectors: the first by name."""
    groups: dict[str, SectorGroup] = {}
    other: list[Credential] = []
    for credential in credentials:
        sectors = sorted((s.display_label for s in credential.version.sectors.all()), key=str.lower)
        if not sectors:
            other.append(credential)
            continue
        groups.setdefault(sectors[0], SectorGroup(sectors[0])).credentials.append(credential)
    ordered = [groups[label] for label in sorted(groups, key=str.lower)]
    if other:
        ordered.append(SectorGroup(_("Other sectors"), other))
    return ordered


def wallet_overview(*, learner: User) -> Overview:
    credentials = list(_with_details(credentials_for_learner(learner=learner)))
    now = timezone.now()
    for credential in credentials:
        credential.holder_status = holder_status(credential, now)  # type: ignore[attr-defined]
        credential.holder_status_label = status_label(credential.holder_status)  # type: ignore[attr-defined]
        credential.title = credential.version.display_title  # type: ignore[attr-defined]
    valid = [c for c in credentials if c.holder_status == CredentialState.VALID]  # type: ignore[attr-defined]
    return Overview(
        credentials=credentials,
        groups=group_by_sector(credentials),
        pathways=pathway_progress(credentials),
        skills=skills_of(valid),
        external=list(ExternalCredential.objects.filter(user=learner)),
    )


def credential_detail(*, learner: User, credential_id: str) -> Credential:
    credential = _with_details(credentials_for_learner(learner=learner)).filter(pk=credential_id).first()
    if credential is None:
        raise NotFound()
    credential.holder_status = holder_status(credential)  # type: ignore[attr-defined]
    credential.holder_status_label = status_label(credential.holder_status)  # type: ignore[attr-defined]
    return credential


# --- addresses, sharing, privacy ---------------------------------------------------------------------


def further_addresses_of(*, user: User) -> QuerySet[LearnerEmail]:
    return LearnerEmail.objects.filter(user=user)


def imported_credentials_of(*, user: User) -> QuerySet[ExternalCredential]:
    return ExternalCredential.objects.filter(user=user)


def share_links_of(*, user: User) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(user=user).prefetch_related(
        "credentials__version", "external_credentials"
    )


def share_link_of(*, user: User, share_id: str | uuid.UUID) -> ShareLink:
    try:
        share_id = uuid.UUID(str(share_id))
    except ValueError as exc:
        raise NotFound() from exc
    link = ShareLink.objects.filter(user=user, pk=share_id).first()
    if link is None:
        raise NotFound()
    return link


def open_share_link(*, token: str) -> ShareLink:
    """The share link a public address names; 404 if there is none, 410 if expired or withdrawn."""
    link = ShareLink.objects.select_related("user").filter(token=token).first()
    if link is None or not link.user.is_active:
        raise NotFound()
    if not link.is_active:
        raise ShareLinkUnavailable()
    return link


def shared_credentials(link: ShareLink) -> list[Credential]:
    """What a share link shows: the credentials still held by the person who shared them."""
    held = credentials_for_learner(learner=link.user)
    return list(
        held.filter(pk__in=link.credentials.values("pk")).select_related(
            "version__microcredential__provider", "organisation"
        )
    )


def shared_imported(link: ShareLink) -> list[ExternalCredential]:
    """The imported credentials a share link shows (those the learner removed are gone from it)."""
    return list(link.external_credentials.filter(user=link.user))


def privacy_of(*, user: User) -> LearnerProfile:
    return LearnerProfile.objects.filter(user=user).first() or LearnerProfile(user=user)


def findable_learners() -> QuerySet[User]:
    """Learners who let employers find them by the skills their credentials verify (off by default)."""
    return User.objects.filter(is_active=True, learner_profile__findable_by_skills=True)


def linkedin_url(*, credential: Credential, share_url: str) -> str:
    """LinkedIn's "add a licence or certification to your profile" address, filled in."""
    from urllib.parse import urlencode

    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.version.display_title,
        "organizationName": credential.organisation.name,
        "issueYear": credential.issued_at.year,
        "issueMonth": credential.issued_at.month,
        "certUrl": share_url,
        "certId": str(credential.pk),
    }
    if credential.valid_until is not None:
        params["expirationYear"] = credential.valid_until.year
        params["expirationMonth"] = credential.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)
