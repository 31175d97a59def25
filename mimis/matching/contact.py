"""Contact requests, blocked organisations, abuse reports and the region's suspensions.

An employer asks a pseudonymous candidate from one of its searches to get in touch (a short message, how to
reach the employer, and the role the search used). The learner sees the organisation, the role and the
message; only when they accept does each side see the other's contact details, and the learner chooses
which of theirs to share. Declining, blocking the organisation or the region suspending it ends a request.
One request per search appearance: sending the same search/candidate again returns the request already
made (replay-safe), nothing is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import require_platform_admin
from mimis.audit.services import record
from mimis.errors import NotFound, ValidationFailed
from mimis.matching.errors import (
    CandidateNotFound,
    MessageNeeded,
    RequestAlreadyAnswered,
    ShareSomething,
)
from mimis.matching.models import (
    AbuseReport,
    ContactRequest,
    ContactStatus,
    MatchingSuspension,
    OrganisationBlock,
    SearchAppearance,
)
from mimis.matching.search import require_searcher

MAX_MESSAGE = 1000
MAX_CONTACT = 500


def _enqueue_email(kind: str, request_id: int) -> None:
    from mimis.matching import tasks

    transaction.on_commit(lambda: tasks.contact_request_email.enqueue(kind=kind, request_id=request_id))


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise NotFound() from None


# --- the employer ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    request: ContactRequest
    created: bool


def send_contact_request(
    *,
    organisation: Organisation,
    acting_user: User,
    search_id: object,
    pseudonym: str,
    message: str,
    contact: str,
) -> Sent:
    """Ask the candidate listed as ``pseudonym`` in one of the organisation's searches to get in touch."""
    require_searcher(acting_user, organisation)
    message, contact = (message or "").strip(), (contact or "").strip()
    if not message or len(message) > MAX_MESSAGE:
        raise MessageNeeded()
    if not contact or len(contact) > MAX_CONTACT:
        raise ValidationFailed(
            _("Say how the person can reach you, for example a name and a phone number."), field="contact"
        )
    appearance = (
        SearchAppearance.objects.filter(
            search_id=_int(search_id),
            search__organisation=organisation,
            search__shown_individually=True,
            pseudonym=(pseudonym or "").strip(),
        )
        .select_related("search", "learner__learner_profile")
        .first()
    )
    if appearance is None:
        raise CandidateNotFound()
    existing = ContactRequest.objects.filter(appearance=appearance).first()
    if existing is not None:
        return Sent(existing, False)
    learner = appearance.learner
    profile = getattr(learner, "learner_profile", None)
    if (
        not learner.is_active
        or profile is None
        or not profile.findable_by_skills
        or OrganisationBlock.objects.filter(learner=learner, organisation=organisation).exists()
    ):
        raise CandidateNotFound()
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                appearance=appearance,
                organisation=organisation,
                learner=learner,
                sent_by=acting_user,
                profile_version=appearance.search.profile_version,
                message=message,
                employer_contact=contact,
            )
            record(
                "matching.contact_requested",
                actor=acting_user,
                organisation=organisation,
                target=request,
                data={"search": appearance.search_id},
            )
            _enqueue_email("new", request.pk)
    except IntegrityError:  # the same request at the same moment: the other one won
        return Sent(ContactRequest.objects.get(appearance=appearance), False)
    return Sent(request, True)


def requests_of_organisation(*, organisation: Organisation) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(organisation=organisation).select_related(
        "profile_version", "appearance"
    )


# --- the learner -------------------------------------------------------------------------------------


def requests_of_learner(*, learner: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(learner=learner).select_related("organisation", "profile_version")


def _own_request(learner: User, request_id: object) -> ContactRequest:
    request = (
        ContactRequest.objects.select_for_update()
        .filter(pk=_int(request_id), learner=learner)
        .select_related("organisation")
        .first()
    )
    if request is None:
        raise NotFound()
    return request


@transaction.atomic
def accept_contact_request(
    *, learner: User, request_id: object, share_name: bool, share_email: bool, phone: str = ""
) -> ContactRequest:
    """Accept: the employer then sees what the learner chose to share, and the learner the employer's
    contact details."""
    request = _own_request(learner, request_id)
    if request.status == ContactStatus.ACCEPTED:
        return request
    if request.status != ContactStatus.PENDING:
        raise RequestAlreadyAnswered()
    phone = (phone or "").strip()[:40]
    if not (share_name or share_email or phone):
        raise ShareSomething()
    request.shared_name = learner.name if share_name else ""
    request.shared_email = learner.email if share_email else ""
    request.shared_phone = phone
    request.status = ContactStatus.ACCEPTED
    request.answered_at = timezone.now()
    request.save()
    record(
        "matching.contact_accepted",
        actor=learner,
        target=request,
        data={"name": share_name, "email": share_email, "phone": bool(phone)},
    )
    _enqueue_email("accepted", request.pk)
    return request


@transaction.atomic
def decline_contact_request(*, learner: User, request_id: object) -> ContactRequest:
    request = _own_request(learner, request_id)
    if request.status == ContactStatus.DECLINED:
        return request
    if request.status != ContactStatus.PENDING:
        raise RequestAlreadyAnswered()
    request.status = ContactStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    record("matching.contact_declined", actor=learner, target=request)
    return request


def _end_pending(learner_filter: dict[str, object], organisation: Organisation) -> int:
    return ContactRequest.objects.filter(
        organisation=organisation, status=ContactStatus.PENDING, **learner_filter
    ).update(status=ContactStatus.ENDED, answered_at=timezone.now())


@transaction.atomic
def block_organisation(*, learner: User, organisation_id: object) -> OrganisationBlock:
    """The learner never appears in the organisation's searches again; its pending requests end."""
    organisation = Organisation.objects.filter(pk=_int(organisation_id)).first()
    if organisation is None:
        raise NotFound()
    block, created = OrganisationBlock.objects.get_or_create(learner=learner, organisation=organisation)
    if created:
        ended = _end_pending({"learner": learner}, organisation)
        record(
            "matching.organisation_blocked",
            actor=learner,
            target=block,
            data={"organisation": organisation.pk, "ended_requests": ended},
        )
    return block


@transaction.atomic
def unblock_organisation(*, learner: User, organisation_id: object) -> None:
    deleted, _rows = OrganisationBlock.objects.filter(
        learner=learner, organisation_id=_int(organisation_id)
    ).delete()
    if deleted:
        record(
            "matching.organisation_unblocked",
            actor=learner,
            target=learner,
            data={"organisation": organisation_id},
        )


def blocked_organisations(*, learner: User) -> QuerySet[OrganisationBlock]:
    return (
        OrganisationBlock.objects.filter(learner=learner)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisations_that_contacted_or_found(*, learner: User) -> list[Organisation]:
    """The organisations the learner can block or report: those whose searches listed them."""
    ids = set(
        SearchAppearance.objects.filter(learner=learner).values_list("search__organisation_id", flat=True)
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


@transaction.atomic
def report_abuse(
    *, learner: User, organisation_id: object, text: str, request_id: object | None = None
) -> AbuseReport:
    """Tell the region about misuse. Only about an organisation that found or contacted the learner."""
    organisation = Organisation.objects.filter(
        pk=_int(organisation_id),
        pk__in=[o.pk for o in organisations_that_contacted_or_found(learner=learner)],
    ).first()
    if organisation is None:
        raise NotFound()
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise ValidationFailed(_("Tell us briefly what happened (at most 2,000 characters)."), field="text")
    contact = None
    if request_id not in (None, ""):
        contact = ContactRequest.objects.filter(
            pk=_int(request_id), learner=learner, organisation=organisation
        ).first()
    report = AbuseReport.objects.create(
        learner=learner, organisation=organisation, contact_request=contact, text=text
    )
    record("matching.abuse_reported", actor=learner, target=report, data={"organisation": organisation.pk})
    return report


# --- the region --------------------------------------------------------------------------------------


def abuse_reports() -> QuerySet[AbuseReport]:
    return AbuseReport.objects.select_related("organisation", "contact_request").order_by("-created_at")


def suspensions() -> QuerySet[MatchingSuspension]:
    return MatchingSuspension.objects.select_related("organisation", "suspended_by").order_by("-suspended_at")


@transaction.atomic
def suspend_organisation(
    *, organisation_id: object, reason: str, acting_user: User | None
) -> MatchingSuspension:
    """The region turns off an organisation's search and contact requests; its pending requests end."""
    if acting_user is not None:
        require_platform_admin(acting_user)
    organisation = Organisation.objects.filter(pk=_int(organisation_id)).first()
    if organisation is None:
        raise NotFound()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Say why the access is turned off."), field="reason")
    suspension, _created = MatchingSuspension.objects.update_or_create(
        organisation=organisation, defaults={"reason": reason, "suspended_by": acting_user}
    )
    ended = _end_pending({}, organisation)
    AbuseReport.objects.filter(organisation=organisation, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )
    record(
        "matching.organisation_suspended",
        actor=acting_user,
        organisation=organisation,
        target=suspension,
        actor_label=None if acting_user else "shell",
        data={"ended_requests": ended},
    )
    return suspension


@transaction.atomic
def lift_suspension(*, organisation_id: object, acting_user: User | None) -> None:
    if acting_user is not None:
        require_platform_admin(acting_user)
    deleted, _rows = MatchingSuspension.objects.filter(organisation_id=_int(organisation_id)).delete()
    if deleted:
        record(
            "matching.suspension_lifted",
            actor=acting_user,
            actor_label=None if acting_user else "shell",
            data={"organisation": _int(organisation_id)},
        )
