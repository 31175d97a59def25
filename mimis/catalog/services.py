"""Writing micro-credentials: create, edit drafts, learning outcomes with skills, new version.

Submitting, reviewing, publishing and retiring are the quality-assurance workflow, in
``mimis.quality.services``: nobody publishes a version an independent reviewer has not approved.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, has_capability, require_capability
from mimis.audit.services import record
from mimis.catalog.errors import DraftExists, ProviderStartsVersions, UnknownConcept, VersionNotEditable
from mimis.catalog.models import (
    IN_PROGRESS_STATUSES,
    AssessmentType,
    IdentityVerification,
    LearningOutcome,
    LearningOutcomeSkill,
    MicroCredential,
    MicroCredentialVersion,
    OutcomeDomain,
    ParticipationForm,
    QualityAssuranceType,
    TargetGroup,
    VersionStatus,
)
from mimis.errors import NotFound, ValidationFailed
from mimis.taxonomy.models import Concept, Scheme
from mimis.taxonomy.text import normalise, stem

TEXT_FIELDS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "region",
    "assessment_description",
    "prerequisites",
    "grading_scheme",
    "stackability",
    "further_information",
    "price",
)
CHOICE_FIELDS = {
    "assessment_type": AssessmentType,
    "quality_assurance": QualityAssuranceType,
    "identity_verification": IdentityVerification,
}
LIST_FIELDS = {"participation_form": ParticipationForm, "target_groups": TargetGroup}
EDITABLE_FIELDS = (
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    *LIST_FIELDS,
    "country",
    "languages",
    "workload_ects",
    "workload_hours",
    "eqf_level",
    "seqf_level",
    "validity_months",
    "sectors",
    "occupations",
)


def require_author(user: User, microcredential: MicroCredential) -> None:
    """The provider's editors and the co-designing organisations' editors may edit; others get 404/403."""
    if has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider):
        return
    for organisation in microcredential.accepted_co_designers:
        if has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, organisation):
            return
    require_capability(user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)


def _int_in_range(field: str, value: Any, low: int, high: int, message: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(message, field=field) from exc
    if not low <= number <= high or str(number) != str(value).strip():
        raise ValidationFailed(message, field=field)
    return number


def _clean_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the given subset of fields; raise ValidationFailed naming the first wrong field."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown field: %(field)s.") % {"field": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    cleaned: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        if field in data:
            cleaned[field] = str(data[field] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationFailed(_("The title cannot be empty."), field="title")
    for field, choices in CHOICE_FIELDS.items():
        if field in data:
            value = data[field] or ""
            if value and value not in choices.values:
                raise ValidationFailed(_("Choose one of the listed options."), field=field)
            cleaned[field] = value
    for field, choices in LIST_FIELDS.items():
        if field in data:
            values = list(dict.fromkeys(data[field] or []))
            if any(v not in choices.values for v in values):
                raise ValidationFailed(_("Choose among the listed options."), field=field)
            cleaned[field] = values
    if "languages" in data:
        languages = [str(code).strip().lower() for code in data["languages"] or []]
        if any(len(code) != 2 or not code.isalpha() for code in languages):
            raise ValidationFailed(
                _("Give languages as two-letter codes, such as sv or en."), field="languages"
            )
        cleaned["languages"] = list(dict.fromkeys(languages))
    if "country" in data:
        country = str(data["country"] or "").strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise ValidationFailed(_("Give the country as a two-letter code, such as SE."), field="country")
        cleaned["country"] = country
    if "workload_ects" in data:
        value = data["workload_ects"]
        if value in (None, ""):
            cleaned["workload_ects"] = None
        else:
            try:
                ects = Decimal(str(value))
            except (InvalidOperation, ValueError) as exc:
                raise ValidationFailed(_("ECTS credits must be a number."), field="workload_ects") from exc
            if not Decimal("0.1") <= ects <= Decimal("60") or ects.as_tuple().exponent < -1:
                raise ValidationFailed(
                    _("ECTS credits must be between 0.1 and 60, with at most one decimal."),
                    field="workload_ects",
                )
            cleaned["workload_ects"] = ects
    if "workload_hours" in data:
        cleaned["workload_hours"] = _int_in_range(
            "workload_hours",
            data["workload_hours"],
            1,
            1500,
            _("The workload must be between 1 and 1500 hours."),
        )
    for field in ("eqf_level", "seqf_level"):
        if field in data:
            cleaned[field] = _int_in_range(
                field, data[field], 1, 8, _("The level must be a whole number from 1 to 8.")
            )
    if "validity_months" in data:
        cleaned["validity_months"] = _int_in_range(
            "validity_months",
            data["validity_months"],
            1,
            600,
            _("Validity must be between 1 and 600 months."),
        )
    for field, schemes in (
        ("sectors", {Scheme.INDUSTRY}),
        ("occupations", {Scheme.OCCUPATION_GROUP, Scheme.OCCUPATION_NAME}),
    ):
        if field in data:
            cleaned[field] = _concepts(field, data[field] or [], schemes)
    return cleaned


def _concepts(field: str, ids: list[Any], schemes: set[str]) -> list[Concept]:
    try:
        wanted = [int(i) for i in ids]
    except (TypeError, ValueError) as exc:
        raise UnknownConcept(_("Taxonomy identifiers are numbers."), field=field) from exc
    found = {c.pk: c for c in Concept.objects.filter(pk__in=wanted, scheme__in=schemes)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UnknownConcept(_("Unknown taxonomy concept: %(id)s.") % {"id": missing[0]}, field=field)
    return [found[i] for i in dict.fromkeys(wanted)]


def _apply(version: MicroCredentialVersion, cleaned: dict[str, Any]) -> None:
    relations = {k: cleaned.pop(k) for k in ("sectors", "occupations") if k in cleaned}
    for field, value in cleaned.items():
        setattr(version, field, value)
    version.save()
    for field, concepts in relations.items():
        getattr(version, field).set(concepts)


def refresh_search_text(version: MicroCredentialVersion) -> None:
    parts = [
        version.title,
        version.title_en,
        version.summary,
        version.summary_en,
        version.microcredential.provider.name,
    ]
    for outcome in version.learning_outcomes.all():
        parts += [outcome.text, outcome.text_en, *(s.preferred_label for s in outcome.skills.all())]
    # Occupations (SSYK), sectors (SNI) and target groups are what people type ("undersköterska"):
    # index their Swedish and English names, whichever language the reader searches in.
    for concept in [*version.occupations.all(), *version.sectors.all()]:
        parts += [concept.preferred_label, concept.preferred_label_en]
    parts += target_group_words(version.target_groups)
    words = normalise(" ".join(p for p in parts if p)).split()
    text = (
        " " + " ".join(dict.fromkeys(words)) + " | " + " ".join(dict.fromkeys(stem(w) for w in words)) + " "
    )
    MicroCredentialVersion.objects.filter(pk=version.pk).update(search_text=text)
    sync_search_index([version.pk])


def target_group_words(codes: list[str]) -> list[str]:
    """The target groups' labels in Swedish and in English (the choices are translated gettext strings)."""
    labels = dict(TargetGroup.choices)
    words = []
    for language in ("sv", "en"):
        with translation.override(language):
            words += [str(labels[code]) for code in codes if code in labels]
    return words


def rebuild_search_index() -> int:
    """Recompute every version's search text (after a change to what is indexed); returns how many."""
    ids = list(MicroCredentialVersion.objects.values_list("pk", flat=True))
    for version in MicroCredentialVersion.objects.filter(pk__in=ids).select_related(
        "microcredential__provider"
    ):
        refresh_search_text(version)
    return len(ids)


def sync_search_index(version_ids: list[int]) -> None:
    """Copy search_text into SQLite's FTS5 table (PostgreSQL's GIN index follows the column by itself)."""
    if connection.vendor != "sqlite" or not version_ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(version_ids), 500):
            chunk = version_ids[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM catalog_version_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608
            insert = f"INSERT INTO catalog_version_fts (rowid, search_text) SELECT id, search_text FROM catalog_microcredentialversion WHERE id IN ({marks})"  # noqa: S608, E501 - only placeholders are interpolated
            cursor.execute(insert, chunk)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80] or "mikromerit"
    slug, counter = base, 2
    while MicroCredential.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def create_microcredential(
    *, provider: Organisation, acting_user: User, title: str, slug: str = "", **fields: Any
) -> MicroCredentialVersion:
    """A new micro-credential with its first draft version."""
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, provider)
    cleaned = _clean_fields({"title": title, **fields})
    if slug:
        slug = slugify(slug)
        if not slug or MicroCredential.objects.filter(slug=slug).exists():
            raise ValidationFailed(
                _("That short name is taken or not valid. Choose another one."), field="slug"
            )
    microcredential = MicroCredential.objects.create(
        provider=provider, slug=slug or _unique_slug(cleaned["title"]), created_by=acting_user
    )
    version = MicroCredentialVersion(
        microcredential=microcredential, number=1, created_by=acting_user, title=cleaned["title"]
    )
    version.save()
    _apply(version, cleaned)
    refresh_search_text(version)
    record(
        "microcredential.created",
        actor=acting_user,
        organisation=provider,
        target=version,
        data={"slug": microcredential.slug, "title": version.title},
    )
    return version


@transaction.atomic
def update_draft(
    *, version: MicroCredentialVersion, acting_user: User, **fields: Any
) -> MicroCredentialVersion:
    version = (
        MicroCredentialVersion.objects.select_for_update()
        .select_related("microcredential__provider")
        .get(pk=version.pk)
    )
    require_author(acting_user, version.microcredential)
    if not version.is_editable:
        raise VersionNotEditable()
    cleaned = _clean_fields(fields)
    _apply(version, cleaned)
    refresh_search_text(version)
    record(
        "microcredential.draft_updated",
        actor=acting_user,
        organisation=version.microcredential.provider,
        target=version,
        data={"fields": sorted(fields)},
    )
    return version


@transaction.atomic
def set_learning_outcomes(
    *, version: MicroCredentialVersion, acting_user: User, outcomes: list[dict[str, Any]]
) -> list[LearningOutcome]:
    """Replace the draft's learning outcomes: each ``{"text", "text_en"?, "domain"?, "skills": [concept ids]}``.

    ``domain`` sorts the outcome as knowledge, skills or responsibility and autonomy (``OutcomeDomain``);
    empty means not sorted yet.
    """
    version = (
        MicroCredentialVersion.objects.select_for_update()
        .select_related("microcredential__provider")
        .get(pk=version.pk)
    )
    require_author(acting_user, version.microcredential)
    if not version.is_editable:
        raise VersionNotEditable()
    prepared = []
    for index, outcome in enumerate(outcomes, start=1):
        text = str(outcome.get("text") or "").strip()
        if not text:
            raise ValidationFailed(
                _("Learning outcome %(n)d has no text.") % {"n": index},
                field=f"learning_outcomes.{index}.text",
            )
        skills = _concepts(f"learning_outcomes.{index}.skills", outcome.get("skills") or [], {Scheme.SKILL})
        domain = str(outcome.get("domain") or "").strip()
        if domain and domain not in OutcomeDomain.values:
            raise ValidationFailed(
                _("Learning outcome %(n)d: the kind must be knowledge, skills or responsibility_autonomy.")
                % {"n": index},
                field=f"learning_outcomes.{index}.domain",
            )
        prepared.append((text, str(outcome.get("text_en") or "").strip(), skills, domain))
    version.learning_outcomes.all().delete()
    created = create_outcomes(version, prepared)
    refresh_search_text(version)
    record(
        "microcredential.outcomes_updated",
        actor=acting_user,
        organisation=version.microcredential.provider,
        target=version,
        data={"count": len(created)},
    )
    return created


def create_outcomes(
    version: MicroCredentialVersion,
    outcomes: list[tuple[str, str, list[Concept]] | tuple[str, str, list[Concept], str]],
) -> list[LearningOutcome]:
    """Store learning outcomes ``(text, text_en, skills[, domain])`` in order (callers have validated them)."""
    created = []
    for position, (text, text_en, skills, *rest) in enumerate(outcomes):
        outcome = LearningOutcome.objects.create(
            version=version, position=position, text=text, text_en=text_en, domain=rest[0] if rest else ""
        )
        LearningOutcomeSkill.objects.bulk_create(
            [LearningOutcomeSkill(learning_outcome=outcome, skill=skill) for skill in skills]
        )
        created.append(outcome)
    return created


def missing_elements(version: MicroCredentialVersion) -> list[tuple[str, str]]:
    """The checklist: which mandatory elements (Annex I) are still missing, as (field, what to do)."""
    missing = []
    if not version.title:
        missing.append(("title", _("Give the micro-credential a title.")))
    if not version.summary:
        missing.append(("summary", _("Describe in a few sentences what the learner will be able to do.")))
    outcomes = list(version.learning_outcomes.all())
    if not outcomes:
        missing.append(("learning_outcomes", _("Add at least one learning outcome.")))
    elif any(not o.skills.exists() for o in outcomes):
        missing.append(("learning_outcomes", _("Link every learning outcome to at least one skill.")))
    if version.workload_hours is None:
        missing.append(("workload_hours", _("State the notional workload in hours.")))
    if version.eqf_level is None or version.seqf_level is None:
        missing.append(("seqf_level", _("State the SeQF and EQF level (1–8).")))
    if not version.assessment_type:
        missing.append(("assessment_type", _("Choose the type of assessment.")))
    if not version.participation_form:
        missing.append(("participation_form", _("Choose the form of participation.")))
    if not version.quality_assurance:
        missing.append(("quality_assurance", _("Choose the type of quality assurance.")))
    if not version.languages:
        missing.append(("languages", _("Choose at least one language of instruction.")))
    return missing


@transaction.atomic
def start_new_version(*, microcredential: MicroCredential, acting_user: User) -> MicroCredentialVersion:
    """Copy the latest version into a new draft; published versions are never edited in place.

    The provider's editors decide that there is a new version (issue 16); co-designing organisations then
    work on the draft with them."""
    if not has_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider):
        require_author(acting_user, microcredential)  # 404/403 for anyone who may not edit it at all
        raise ProviderStartsVersions()
    latest = microcredential.versions.select_for_update().order_by("-number").first()
    if latest is None:
        raise NotFound()
    if latest.status in IN_PROGRESS_STATUSES:
        raise DraftExists()
    sectors, occupations = list(latest.sectors.all()), list(latest.occupations.all())
    outcomes = [(o.text, o.text_en, list(o.skills.all()), o.domain) for o in latest.learning_outcomes.all()]
    draft = MicroCredentialVersion.objects.get(pk=latest.pk)
    draft.pk = None
    draft.number = latest.number + 1
    draft.status = VersionStatus.DRAFT
    draft.published_at = None
    draft.published_by = None
    draft.review_by = None
    draft.created_by = acting_user
    draft.save()
    draft.sectors.set(sectors)
    draft.occupations.set(occupations)
    create_outcomes(draft, outcomes)
    refresh_search_text(draft)
    record(
        "microcredential.version_started",
        actor=acting_user,
        organisation=microcredential.provider,
        target=draft,
        data={"from_version": latest.number},
    )
    return draft
