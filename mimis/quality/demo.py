"""The demo's quality assurance, through the real workflow: every published demo micro-credential was
submitted by its provider, reviewed by Kvalitetsrådet's reviewer and published; a few newer versions
stand in every other state, so the reviewer persona has a queue and the coordinator has work.

Kristianstads kommun endorses one of them, and Österlens Bageri is invited to co-design another (its
invitation e-mail shows in the console; the reviews are loaded without e-mails, which would only flood it).
Idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mimis.accounts.models import Membership, Organisation, Role, User
from mimis.catalog import codesign
from mimis.catalog import services as catalog_services
from mimis.catalog.models import CoDesigner, MicroCredential, MicroCredentialVersion
from mimis.quality import selectors, services
from mimis.quality.models import Review

QA_BODY = "kvalitetsradet-skane"
RATIONALE = (
    "Uppfyller EU:s principer och Skånestudiens designfaktorer: tydliga lärandemål kopplade till "
    "kompetenser, en bedömning som passar målen och en arbetsgivare med i utformningen."
)
CHANGE = "Sammanfattningen säger inte vem mikromeriten är till för. Skriv ut målgruppen."


def _author(organisation: Organisation) -> User:
    membership = (
        Membership.objects.filter(organisation=organisation, role__in=[Role.EDITOR, Role.ADMIN])
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return membership.user


def _qa_people() -> tuple[User, User]:
    body = Organisation.objects.get(slug=QA_BODY)
    reviewer = Membership.objects.filter(organisation=body, role=Role.REVIEWER).select_related("user").first()
    coordinator = Membership.objects.filter(organisation=body, role=Role.ADMIN).select_related("user").first()
    return reviewer.user, coordinator.user


def _all(review: Review, result: str = "met") -> list[dict]:
    return [{"criterion": c.code, "result": result} for c in selectors.criteria_of(review.criteria_version)]


def _review(version: MicroCredentialVersion, *, until: str) -> Review | None:
    """Submit (by the provider), assign (by the coordinator) and take the review as far as ``until``:
    ``submitted``, ``assigned``, ``in_review``, ``changes_requested`` or ``approved``."""
    reviewer, coordinator = _qa_people()
    author = _author(version.microcredential.provider)
    services.submit_version(version=version, acting_user=author, auto_assign=False)
    if until == "submitted":
        return None
    review = services.assign_reviewer(version=version, reviewer=reviewer, acting_user=coordinator)
    if until == "assigned":
        return review
    services.start_review(review=review, acting_user=reviewer)
    if until == "in_review":
        return review
    services.record_assessments(review=review, acting_user=reviewer, assessments=_all(review))
    if until == "changes_requested":
        services.record_assessments(
            review=review,
            acting_user=reviewer,
            assessments=[
                {"criterion": "eu-transparency", "result": "not_met", "comment": CHANGE, "element": "summary"}
            ],
        )
        services.request_changes(review=review, acting_user=reviewer, rationale=CHANGE)
        return review
    services.approve(review=review, acting_user=reviewer, rationale=RATIONALE)
    return review


def publish_demo_version(version: MicroCredentialVersion) -> None:
    """Take a complete demo draft through review to published."""
    with services.without_notifications():
        _review(version, until="approved")
        services.publish_version(version=version, acting_user=_author(version.microcredential.provider))


# (micro-credential, what happens to a new version of it)
STORIES = [
    ("basal-hygien-i-vard-och-omsorg", "republished"),  # version 1 retired, version 2 published
    ("demensvard-grund", "in_review"),  # Maria is reviewing it
    ("e-handel-for-smaforetag", "overdue"),  # assigned to Maria, past its due date
    ("social-dokumentation", "submitted"),  # waiting for the coordinator to assign a reviewer
    ("forflyttning-och-ergonomi", "changes_requested"),  # the provider has a change to make
    ("mat-och-maltider-for-aldre", "approved"),  # approved, waiting for the provider to publish
    ("truckkort-a-och-b", "withdrawn"),  # the provider took it back
    # Changes requested, the summary fixed and sent back: Maria sees what changed since her decision.
    ("svenska-for-vard-och-omsorg", "resubmitted"),
]
TARGET_GROUP = "För undersköterskor och vårdbiträden som har svenska som andra språk."
# Asked to design the one waiting for the provider's changes, not answered yet (shown nowhere until then).
INVITATION = ("forflyttning-och-ergonomi", "osterlens-bageri")


def load_demo_reviews() -> int:
    """Newer versions of some demo micro-credentials, one in each state of the workflow (idempotent)."""
    created = 0
    with services.without_notifications():
        for slug, story in STORIES:
            microcredential = MicroCredential.objects.filter(slug=slug).first()
            if microcredential is None or microcredential.versions.filter(number__gte=2).exists():
                continue
            author = _author(microcredential.provider)
            version = catalog_services.start_new_version(microcredential=microcredential, acting_user=author)
            if story == "republished":
                _review(version, until="approved")
                services.publish_version(version=version, acting_user=author)
            elif story == "overdue":
                review = _review(version, until="assigned")
                Review.objects.filter(pk=review.pk).update(due_at=timezone.now() - timedelta(days=3))
            elif story == "resubmitted":
                _review(version, until="changes_requested")
                catalog_services.update_draft(
                    version=version, acting_user=author, summary=f"{version.summary} {TARGET_GROUP}"
                )
                services.resubmit_version(version=version, acting_user=author)
            elif story == "withdrawn":
                _review(version, until="submitted")
                services.withdraw_version(
                    version=version, acting_user=author, reason="Kursen ersätts av en ny utbildning."
                )
            else:
                _review(version, until=story)
            created += 1
        created += _endorse("vard-och-omsorg-kristianstad", "demensvard-grund", ENDORSEMENT)
        created += _invite(*INVITATION)
    return created


def _invite(slug: str, organisation_slug: str) -> int:
    microcredential = MicroCredential.objects.filter(slug=slug).first()
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if microcredential is None or organisation is None:
        return 0
    if CoDesigner.objects.filter(microcredential=microcredential, organisation=organisation).exists():
        return 0
    if not codesign.codesigners_editable(microcredential):
        return 0
    codesign.add_codesigner(
        microcredential=microcredential,
        organisation=organisation,
        acting_user=_author(microcredential.provider),
    )
    return 1


ENDORSEMENT = (
    "Kristianstads kommun räknar den här mikromeriten som en del av introduktionen för nya medarbetare "
    "i äldreomsorgen."
)


def _endorse(organisation_slug: str, slug: str, comment: str) -> int:
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    microcredential = MicroCredential.objects.filter(slug=slug).first()
    if organisation is None or microcredential is None or organisation.endorsements.exists():
        return 0
    services.endorse_microcredential(
        microcredential=microcredential,
        organisation=organisation,
        acting_user=_author(organisation),
        comment=comment,
    )
    return 1
