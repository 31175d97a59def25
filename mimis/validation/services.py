"""Validation of prior learning: one function per step, each checking permission first, then acting.

Identification (``start_case``, ``save_self_assessment``), documentation (``add_file_evidence``,
``add_link_evidence``, ``request_statement``, ``confirm_statement``), assessment (``submit_case``,
``assign_assessor``, ``record_demonstration``, ``record_judgements``) and certification (``decide``).
Every state change writes one audit record in its transaction.

Certification. A full recognition issues the micro-credential itself through
``mimis.issuing.services.issue_credential``: the same achievement, status list and verification as
after a course, with an OB 3.0 ``evidence`` entry (genre "Validering av tidigare lärande") that says
how it was earned; the private evidence files never leave MIMIS. A partial recognition does *not* issue
the micro-credential: it issues a signed OB 3.0 statement (intyg) whose achievement is its own
("Intyg om delvis validering: …", achievementType ``Assessment``, a different id) and whose ``result``
entries name only the outcomes recognised. A signed credential was chosen over a PDF because it can be
verified by anyone, independently of MIMIS, with the same tools as every other MIMIS credential, while a
wallet or verifier can never take it for the full micro-credential. What is left (the gap) is kept on
the case and shown to the person.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mimis.accounts.models import Membership, User
from mimis.accounts.permissions import Capability, has_capability
from mimis.accounts.services import normalise_email
from mimis.audit.services import record
from mimis.catalog.models import LearningOutcome, MicroCredentialVersion, VersionStatus
from mimis.core.emails import send_templated_email
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.validation import uploads
from mimis.validation.errors import (
    CaseStateConflict,
    JudgementsMissing,
    NoConsent,
    NotAnAssessor,
    NotImpartial,
    StatementLinkInvalid,
)
from mimis.validation.models import (
    STATEMENT_LINK_LIFETIME,
    CaseState,
    Consent,
    ConsentScope,
    Evidence,
    EvidenceKind,
    Frequency,
    Judgement,
    JudgementResult,
    Outcome,
    SelfAssessment,
    StatementRequest,
    ValidationCase,
)
from mimis.validation.selectors import Viewer, active_consent, is_assessor, viewer_role

VALIDATION_GENRE = "Validering av tidigare lärande"


def _audit(
    action: str, *, case: ValidationCase, actor: User | None, data: dict[str, Any] | None = None
) -> None:
    record(
        f"validation.{action}",
        actor=actor,
        organisation=case.provider,
        target=case,
        data={"state": case.state, **(data or {})},
        actor_label=None if actor else "supervisor link",
    )


def _locked(case: ValidationCase) -> ValidationCase:
    return (
        ValidationCase.objects.select_for_update()
        .select_related("person", "version__microcredential__provider")
        .get(pk=case.pk)
    )


def _require_preparer(case: ValidationCase, user: User) -> None:
    """The person, or a counsellor with the person's consent, prepares the case; others get NotFound."""
    role = viewer_role(user, case)
    if role in (Viewer.PERSON, Viewer.COUNSELLOR):
        return
    if role is None:
        raise NotFound()
    raise PermissionDenied()


def _require_state(case: ValidationCase, *states: str) -> None:
    if case.state not in states:
        raise CaseStateConflict()


def _outcomes(case: ValidationCase) -> list[LearningOutcome]:
    return list(case.version.learning_outcomes.order_by("position", "pk"))


def _outcomes_by_id(case: ValidationCase, ids: Iterable[object]) -> list[LearningOutcome]:
    known = {o.pk: o for o in _outcomes(case)}
    chosen = []
    for raw in ids:
        try:
            chosen.append(known[int(raw)])  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationFailed(
                _("Choose learning outcomes of this micro-credential."), field="outcomes"
            ) from exc
    if not chosen:
        raise ValidationFailed(_("Choose at least one learning outcome that this shows."), field="outcomes")
    return chosen


# --- consent ---------------------------------------------------------------------------------------


@transaction.atomic
def give_consent(
    *, person: User, counsellor_email: str, organisation_name: str, acting_user: User
) -> Consent:
    """The person records that a guidance counsellor may act for them in their validation cases."""
    if acting_user.pk != person.pk:
        raise PermissionDenied()
    counsellor = User.objects.filter(email__iexact=normalise_email(counsellor_email), is_active=True).first()
    if counsellor is None or counsellor.pk == person.pk:
        raise ValidationFailed(_("There is no counsellor with that e-mail address in MIMIS."), field="email")
    organisation_name = (organisation_name or "").strip()
    if not organisation_name:
        raise ValidationFailed(_("Write where the counsellor works."), field="organisation")
    consent = Consent.objects.create(
        person=person,
        counsellor=counsellor,
        organisation_name=organisation_name,
        scope=ConsentScope.VALIDATION,
    )
    record(
        "validation.consent_given",
        actor=acting_user,
        target=consent,
        data={"counsellor": counsellor.pk, "organisation": organisation_name, "scope": consent.scope},
    )
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, acting_user: User) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.person_id != acting_user.pk:
        raise NotFound()
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        record("validation.consent_withdrawn", actor=acting_user, target=consent)
    return consent


# --- identification --------------------------------------------------------------------------------


@transaction.atomic
def start_case(
    *, version: MicroCredentialVersion, person: User, acting_user: User, workplace: str = ""
) -> ValidationCase:
    if acting_user.pk != person.pk and active_consent(person=person, counsellor=acting_user) is None:
        raise NoConsent()
    if version.status != VersionStatus.PUBLISHED:
        raise NotFound()
    existing = ValidationCase.objects.filter(
        person=person, version=version, state__in=[CaseState.DRAFT, CaseState.SUBMITTED, CaseState.ASSESSING]
    ).first()
    if existing is not None:
        return existing  # one open case per micro-credential: starting again continues it
    case = ValidationCase.objects.create(
        person=person, version=version, created_by=acting_user, workplace=(workplace or "").strip()[:200]
    )
    case = ValidationCase.objects.select_related("version__microcredential__provider", "person").get(
        pk=case.pk
    )
    _audit("case_started", case=case, actor=acting_user, data={"version": version.pk})
    return case


@transaction.atomic
def save_self_assessment(
    *,
    case: ValidationCase,
    acting_user: User,
    answers: Iterable[Mapping[str, Any]],
    workplace: str | None = None,
) -> list[SelfAssessment]:
    """Answers: ``{"outcome": id, "frequency": often|sometimes|not_yet, "where_learned": text}``."""
    case = _locked(case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    saved = []
    for answer in answers:
        (outcome,) = _outcomes_by_id(case, [answer.get("outcome")])
        frequency = answer.get("frequency")
        if frequency not in Frequency.values:
            raise ValidationFailed(_("Choose how often you have done it."), field=f"frequency_{outcome.pk}")
        item, _created = SelfAssessment.objects.update_or_create(
            case=case,
            outcome=outcome,
            defaults={
                "frequency": frequency,
                "where_learned": str(answer.get("where_learned") or "").strip(),
            },
        )
        saved.append(item)
    if workplace is not None:
        case.workplace = workplace.strip()[:200]
        case.save(update_fields=["workplace"])
    _audit("self_assessment_saved", case=case, actor=acting_user, data={"answers": len(saved)})
    return saved


# --- documentation ---------------------------------------------------------------------------------


def _new_evidence(
    case: ValidationCase, *, kind: str, title: str, outcomes: Iterable[object], dated: date | None, user: User
) -> tuple[Evidence, list[LearningOutcome]]:
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(_("Write what it is, in a few words."), field="title")
    if dated is not None and dated > timezone.localdate():
        raise ValidationFailed(_("The date cannot be in the future."), field="dated")
    chosen = _outcomes_by_id(case, outcomes)
    evidence = Evidence(case=case, kind=kind, title=title[:200], dated=dated, added_by=user)
    return evidence, chosen


@transaction.atomic
def add_file_evidence(
    *,
    case: ValidationCase,
    acting_user: User,
    upload: IO[bytes],
    name: str,
    size: int,
    title: str,
    outcomes: Iterable[object],
    dated: date | None = None,
) -> Evidence:
    case = _locked(case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    checked, data = uploads.check_upload(upload, name=name, size=size)
    evidence, chosen = _new_evidence(
        case, kind=EvidenceKind.FILE, title=title, outcomes=outcomes, dated=dated, user=acting_user
    )
    evidence.original_name = checked.name
    evidence.content_type = checked.content_type
    evidence.size = checked.size
    evidence.file.save(f"{secrets.token_hex(16)}{checked.extension}", ContentFile(data), save=False)
    evidence.save()
    evidence.outcomes.set(chosen)
    _audit("evidence_added", case=case, actor=acting_user, data={"evidence": evidence.pk, "kind": "file"})
    return evidence


@transaction.atomic
def add_link_evidence(
    *,
    case: ValidationCase,
    acting_user: User,
    url: str,
    title: str,
    outcomes: Iterable[object],
    dated: date | None = None,
) -> Evidence:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    case = _locked(case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as exc:
        raise ValidationFailed(_("Write a whole web address, starting with https://."), field="url") from exc
    evidence, chosen = _new_evidence(
        case, kind=EvidenceKind.LINK, title=title, outcomes=outcomes, dated=dated, user=acting_user
    )
    evidence.url = url[:500]
    evidence.save()
    evidence.outcomes.set(chosen)
    _audit("evidence_added", case=case, actor=acting_user, data={"evidence": evidence.pk, "kind": "link"})
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: Evidence, acting_user: User) -> None:
    case = _locked(evidence.case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    pk = evidence.pk
    evidence.delete()  # the file goes after the commit (mimis.validation.handlers)
    _audit("evidence_removed", case=case, actor=acting_user, data={"evidence": pk})


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_statement_email(*, statement_id: int, token: str) -> None:
    # Sent directly after commit rather than through the task queue: the queue would store the token.
    statement = StatementRequest.objects.select_related(
        "evidence__case__person", "evidence__case__version"
    ).get(pk=statement_id)
    case = statement.evidence.case
    with translation.override(statement.language):
        url = settings.MIMIS_BASE_URL + reverse("validation:statement", kwargs={"token": token})
    send_templated_email(
        to=statement.email,
        template="validation/emails/statement_request",
        context={
            "person": case.person.name,
            "title": case.version.display_title,
            "what": statement.evidence.title,
            "url": url,
            "days": STATEMENT_LINK_LIFETIME.days,
        },
        language=statement.language,
    )


@transaction.atomic
def request_statement(
    *,
    case: ValidationCase,
    acting_user: User,
    email: str,
    title: str,
    outcomes: Iterable[object],
    language: str = "sv",
) -> Evidence:
    """Ask a supervisor or employer to confirm what they saw; they get a single-use link by e-mail."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    case = _locked(case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    email = normalise_email(email or "")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationFailed(_("Write the supervisor's e-mail address."), field="email") from exc
    if email == normalise_email(case.person.email):
        raise ValidationFailed(_("Someone else must confirm what you can, not you."), field="email")
    evidence, chosen = _new_evidence(
        case, kind=EvidenceKind.STATEMENT, title=title, outcomes=outcomes, dated=None, user=acting_user
    )
    evidence.save()
    evidence.outcomes.set(chosen)
    token = secrets.token_urlsafe(32)
    statement = StatementRequest.objects.create(
        evidence=evidence,
        email=email,
        language=language if language in dict(settings.LANGUAGES) else "sv",
        token_hash=_hash_token(token),
        expires_at=timezone.now() + STATEMENT_LINK_LIFETIME,
    )
    _audit("statement_requested", case=case, actor=acting_user, data={"evidence": evidence.pk})
    transaction.on_commit(partial(_send_statement_email, statement_id=statement.pk, token=token))
    return evidence


def statement_for_token(token: str) -> StatementRequest:
    """The open request behind a link; StatementLinkInvalid when it is unknown, used or expired."""
    statement = (
        StatementRequest.objects.select_related("evidence__case__person", "evidence__case__version")
        .filter(token_hash=_hash_token(token or ""))
        .first()
    )
    if statement is None or statement.used_at is not None or statement.expires_at <= timezone.now():
        raise StatementLinkInvalid()
    return statement


@transaction.atomic
def confirm_statement(
    *, token: str, name: str, role: str, organisation: str, observed: str, observed_period: str
) -> StatementRequest:
    statement = statement_for_token(token)
    statement = StatementRequest.objects.select_for_update().get(pk=statement.pk)
    if statement.used_at is not None:
        raise StatementLinkInvalid()
    fields = {
        "name": (name, _("Write your name.")),
        "role": (role, _("Write your role, for example supervisor.")),
        "organisation": (organisation, _("Write your workplace.")),
        "observed": (observed, _("Write what you saw the person do.")),
        "observed_period": (observed_period, _("Write when you saw it, for example spring 2025.")),
    }
    for field, (value, message) in fields.items():
        if not (value or "").strip():
            raise ValidationFailed(message, field=field)
        setattr(statement, field, value.strip()[: 5000 if field == "observed" else 200])
    statement.used_at = timezone.now()
    statement.save()
    case = statement.evidence.case
    Evidence.objects.filter(pk=statement.evidence_id).update(dated=timezone.localdate())
    _audit("statement_confirmed", case=case, actor=None, data={"evidence": statement.evidence_id})
    return statement


# --- assessment ------------------------------------------------------------------------------------


@transaction.atomic
def submit_case(*, case: ValidationCase, acting_user: User) -> ValidationCase:
    case = _locked(case)
    _require_preparer(case, acting_user)
    _require_state(case, CaseState.DRAFT)
    answered = set(case.self_assessments.values_list("outcome_id", flat=True))
    if any(o.pk not in answered for o in _outcomes(case)):
        raise ValidationFailed(_("Answer for every learning outcome first."), field="self_assessment")
    if not case.evidence.exists():
        raise ValidationFailed(_("Add at least one thing that shows what you can."), field="evidence")
    case.state = CaseState.SUBMITTED
    case.submitted_at = timezone.now()
    case.save(update_fields=["state", "submitted_at"])
    _audit("case_submitted", case=case, actor=acting_user)
    return case


def impartiality_problem(*, case: ValidationCase, assessor: User) -> bool:
    """Whether ``assessor`` is too close to the person: themselves, their counsellor, a supervisor who
    gave a statement, or a member of an organisation named as the person's workplace."""
    if assessor.pk == case.person_id:
        return True
    if Consent.objects.filter(person=case.person_id, counsellor=assessor).exists():
        return True
    statements = StatementRequest.objects.filter(evidence__case=case)
    if any(normalise_email(s.email) == normalise_email(assessor.email) for s in statements):
        return True
    workplaces = {case.workplace.strip().casefold()} | {s.organisation.strip().casefold() for s in statements}
    workplaces.discard("")
    organisation_names = {
        m.organisation.name.strip().casefold()
        for m in Membership.objects.filter(user=assessor).select_related("organisation")
    }
    return bool(workplaces & organisation_names)


@transaction.atomic
def assign_assessor(*, case: ValidationCase, assessor: User, acting_user: User) -> ValidationCase:
    """The provider's admin assigns an assessor, or an assessor takes a case from the queue."""
    case = _locked(case)
    provider = case.provider
    may_assign = has_capability(acting_user, Capability.MANAGE_MEMBERS, provider) or (
        acting_user.pk == assessor.pk and is_assessor(acting_user, provider)
    )
    if not may_assign:
        if viewer_role(acting_user, case) is None:
            raise NotFound()
        raise PermissionDenied()
    _require_state(case, CaseState.SUBMITTED, CaseState.ASSESSING)
    if not is_assessor(assessor, provider):
        raise NotAnAssessor()
    if impartiality_problem(case=case, assessor=assessor):
        raise NotImpartial()
    case.assessor = assessor
    case.state = CaseState.ASSESSING
    case.save(update_fields=["assessor", "state"])
    _audit("assessor_assigned", case=case, actor=acting_user, data={"assessor": assessor.pk})
    return case


def _require_assessor(case: ValidationCase, user: User) -> None:
    if case.assessor_id != user.pk:
        if viewer_role(user, case) is None:
            raise NotFound()
        raise NotAnAssessor()
    if not is_assessor(user, case.provider):  # the role was taken away since the assignment
        raise NotAnAssessor()
    if impartiality_problem(case=case, assessor=user):  # a statement may have arrived since
        raise NotImpartial()


@transaction.atomic
def record_demonstration(
    *, case: ValidationCase, acting_user: User, place: str, on: date | None, at_other_workplace: bool
) -> ValidationCase:
    case = _locked(case)
    _require_assessor(case, acting_user)
    _require_state(case, CaseState.ASSESSING)
    place = (place or "").strip()
    if not place:
        raise ValidationFailed(_("Write where the demonstration was."), field="place")
    case.demonstration_place = place[:200]
    case.demonstration_date = on
    case.demonstration_at_other_workplace = bool(at_other_workplace)
    case.save(update_fields=["demonstration_place", "demonstration_date", "demonstration_at_other_workplace"])
    _audit(
        "demonstration_recorded",
        case=case,
        actor=acting_user,
        data={"at_other_workplace": case.demonstration_at_other_workplace},
    )
    return case


@transaction.atomic
def record_judgements(
    *, case: ValidationCase, acting_user: User, judgements: Iterable[Mapping[str, Any]]
) -> list[Judgement]:
    """Judgements: ``{"outcome": id, "result": met|partly|not_met, "note": text}``."""
    case = _locked(case)
    _require_assessor(case, acting_user)
    _require_state(case, CaseState.ASSESSING)
    saved = []
    for item in judgements:
        (outcome,) = _outcomes_by_id(case, [item.get("outcome")])
        result = item.get("result")
        if result not in JudgementResult.values:
            raise ValidationFailed(_("Choose met, partly met or not met."), field=f"result_{outcome.pk}")
        note = str(item.get("note") or "").strip()
        if result != JudgementResult.MET and not note:
            raise ValidationFailed(
                _("Write what is missing, so the person knows."), field=f"note_{outcome.pk}"
            )
        judgement, _created = Judgement.objects.update_or_create(
            case=case, outcome=outcome, defaults={"result": result, "note": note, "assessor": acting_user}
        )
        saved.append(judgement)
    _audit("judgements_recorded", case=case, actor=acting_user, data={"judgements": len(saved)})
    return saved


# --- certification ---------------------------------------------------------------------------------


def gap(case: ValidationCase) -> list[tuple[LearningOutcome, Judgement]]:
    """The outcomes not (yet) fully shown, with the assessor's note on what is missing."""
    judgements = {j.outcome_id: j for j in case.judgements.all()}
    return [
        (outcome, judgements[outcome.pk])
        for outcome in _outcomes(case)
        if outcome.pk in judgements and judgements[outcome.pk].result != JudgementResult.MET
    ]


def _validation_evidence(case: ValidationCase) -> Any:
    from mimis.vc import credentials as vc

    statements = case.evidence.filter(kind=EvidenceKind.STATEMENT, statement__used_at__isnull=False).count()
    others = case.evidence.exclude(kind=EvidenceKind.STATEMENT).count()
    with translation.override(case.version.languages[0] if case.version.languages else "sv"):
        narrative = _(
            "The knowledge was shown through validation of prior learning, not a course: the person "
            "assessed themselves against every learning outcome, documented what they can "
            "(%(statements)d confirmed statements from supervisors or employers, %(others)d other pieces of "
            "evidence), and an assessor of %(provider)s judged every learning outcome as met."
        ) % {"statements": statements, "others": others, "provider": case.provider.name}
        if case.demonstration_place:
            narrative += " " + _("A practical demonstration was assessed on %(date)s%(where)s.") % {
                "date": case.demonstration_date.isoformat() if case.demonstration_date else "",
                "where": (", " + _("at another workplace than the person's own"))
                if case.demonstration_at_other_workplace
                else "",
            }
    return vc.Evidence(
        name=VALIDATION_GENRE,
        genre=VALIDATION_GENRE,
        narrative=narrative,
        description="Validation of prior learning (Cedefop 2023: identification, documentation, assessment, "
        "certification)",
    )


def _partial_statement(case: ValidationCase, acting_user: User) -> dict[str, Any]:
    """The signed OB 3.0 statement of the outcomes recognised (see the module docstring)."""
    from mimis.catalog.achievement import achievement_for, issuer_address
    from mimis.issuing import keys
    from mimis.issuing.models import KeyAlgorithm
    from mimis.vc import credentials as vc

    version, provider = case.version, case.provider
    keys.ensure_issuer_keys(organisation=provider, acting_user=acting_user)
    private_key, method = keys.signing_key(organisation=provider, algorithm=KeyAlgorithm.ED25519)
    base = achievement_for(version)
    met = [o for o in _outcomes(case) if o.pk not in {g.pk for g, _j in gap(case)}]
    language = version.languages[0] if version.languages else "sv"
    with translation.override(language):
        achievement_id = f"{base.id}-partial-{case.pk}"
        descriptions = tuple(
            vc.ResultDescription(id=f"{achievement_id}-lo{index}", name=outcome.text, result_type="Status")
            for index, outcome in enumerate(met, start=1)
        )
        achievement = replace(
            base,
            id=achievement_id,
            name=_("Statement of partial validation: %(title)s") % {"title": version.title},
            description=_(
                'This is not the micro-credential. It states the learning outcomes of "%(title)s" that were '
                "recognised through validation of prior learning; the others are not yet shown."
            )
            % {"title": version.title},
            criteria_narrative=_("Validation of prior learning against the learning outcomes of %(title)s.")
            % {"title": version.title},
            achievement_type="Assessment",
            result_descriptions=descriptions,
            credits_available=None,
            alignments=(),
            facts=None,
        )
        now = timezone.now().replace(microsecond=0)
        document = vc.build_credential(
            credential_id=f"urn:uuid:{case.pk}",
            issuer=vc.IssuerProfile(
                id=keys.issuer_did(provider),
                name=provider.name,
                url=provider.website
                or settings.MIMIS_BASE_URL + reverse("accounts:organisation_detail", args=[provider.slug]),
                address=issuer_address(version),
            ),
            achievement=achievement,
            learner=vc.Learner(email=case.person.email, name=case.person.name),
            valid_from=now,
            awarded_date=now,
            name=achievement.name,
            description=achievement.description,
            results=[vc.Result(result_description=d.id, status="Completed") for d in descriptions],
            evidence=[replace(_validation_evidence(case), narrative=None)],
        )
    return vc.sign_credential(document, private_key, method)


def _send_decision_email(case_id: str) -> None:
    case = ValidationCase.objects.select_related("person", "version").get(pk=case_id)
    send_templated_email(
        to=case.person.email,
        template="validation/emails/decided",
        context={
            "case": case,
            "name": case.person.name,
            "title": case.version.display_title,
            "url": settings.MIMIS_BASE_URL + _case_url(case, language=case.person.language or "sv"),
        },
        language=case.person.language or "sv",
    )


def _case_url(case: ValidationCase, *, language: str) -> str:
    with translation.override(language):
        return reverse("validation:case", args=[case.pk])


@transaction.atomic
def decide(*, case: ValidationCase, acting_user: User, rationale: str) -> ValidationCase:
    """Decide on every outcome's judgement: all met issues the micro-credential, some met a statement."""
    from mimis.issuing.services import issue_credential

    case = _locked(case)
    _require_assessor(case, acting_user)
    _require_state(case, CaseState.ASSESSING)
    judgements = {j.outcome_id: j for j in case.judgements.all()}
    outcomes = _outcomes(case)
    if any(o.pk not in judgements for o in outcomes):
        raise JudgementsMissing()
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationFailed(_("Write the rationale for the decision."), field="rationale")
    met = [o for o in outcomes if judgements[o.pk].result == JudgementResult.MET]
    case.rationale = rationale
    case.decided_at = timezone.now()
    case.state = CaseState.DECIDED
    if len(met) == len(outcomes):
        case.outcome = Outcome.FULL
        issued = issue_credential(
            version=case.version,
            email=case.person.email,
            name=case.person.name,
            acting_user=acting_user,
            language=case.person.language or "sv",
            evidence=[_validation_evidence(case)],
        )
        case.credential = issued.credential
    elif met:
        case.outcome = Outcome.PARTLY
        case.partial_statement = _partial_statement(case, acting_user)
    else:
        case.outcome = Outcome.NONE
    case.save()
    _audit(
        "case_decided",
        case=case,
        actor=acting_user,
        data={"outcome": case.outcome, "met": len(met), "outcomes": len(outcomes)},
    )
    transaction.on_commit(partial(_send_decision_email, str(case.pk)))
    return case
