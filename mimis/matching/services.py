"""Changes in matching: role profiles (every edit a new version) and the region's shortage occupations.

Each function checks permission first, works in one transaction and writes one audit record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, OrganisationKind, Role, User
from mimis.accounts.permissions import require_platform_admin, roles_in
from mimis.audit.services import record
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.matching import selectors
from mimis.matching.errors import (
    InvalidSkillEntry,
    NoSkills,
    OccupationHasNoSkills,
    OrganisationNotApproved,
    TemplatesForRegionOnly,
    TitleNeeded,
    TooManySkills,
    UnknownSkills,
)
from mimis.matching.models import (
    MAX_PROFILE_SKILLS,
    ProfileOrigin,
    Requirement,
    RoleProfile,
    RoleProfileSkill,
    RoleProfileVersion,
    ShortageOccupation,
    Visibility,
)
from mimis.taxonomy.models import Concept, Scheme

#: A profile started from an occupation takes this many of its most specific skills (the rest can be added).
OCCUPATION_SKILLS_TAKEN = 12
EDITOR_ROLES = frozenset({Role.ADMIN, Role.EDITOR})


@dataclass(frozen=True)
class SkillSpec:
    skill_id: int
    requirement: str = Requirement.REQUIRED
    weight: int | None = None


# --- permissions -------------------------------------------------------------------------------------


def can_edit_profiles(user: User, organisation: Organisation) -> bool:
    return organisation.is_approved and bool(roles_in(user, organisation) & EDITOR_ROLES)


def require_profile_editor(user: User, organisation: Organisation) -> None:
    """NotFound to outsiders (existence does not leak), a reason to members who cannot edit."""
    roles = roles_in(user, organisation)
    if not roles:
        raise NotFound()
    if not organisation.is_approved:
        raise OrganisationNotApproved()
    if not roles & EDITOR_ROLES:
        raise PermissionDenied(
            _("Only the organisation's administrators and editors can change role profiles.")
        )


def _check_template(organisation: Organisation, is_template: bool, visibility: str) -> None:
    if not is_template:
        return
    if organisation.kind != OrganisationKind.REGION:
        raise TemplatesForRegionOnly()
    if visibility != Visibility.SHARED:
        raise ValidationFailed(_("A template is shared with everyone."), field="visibility")


# --- input -------------------------------------------------------------------------------------------


def skill_specs(raw: Iterable[Any]) -> list[SkillSpec]:
    """Skill entries from the API or a form: ids, or {"skill", "requirement", "weight"} mappings."""
    specs = []
    for entry in raw:
        if isinstance(entry, SkillSpec):
            specs.append(entry)
            continue
        if isinstance(entry, dict):
            skill, requirement, weight = (
                entry.get("skill"),
                entry.get("requirement") or Requirement.REQUIRED,
                entry.get("weight"),
            )
        else:
            skill, requirement, weight = entry, Requirement.REQUIRED, None
        if isinstance(skill, bool) or not isinstance(skill, int | str):
            raise InvalidSkillEntry()
        try:
            skill_id = int(skill)
        except ValueError:
            raise UnknownSkills([skill]) from None
        if requirement not in Requirement.values:
            raise InvalidSkillEntry()
        if weight is not None and (
            isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 5
        ):
            raise InvalidSkillEntry(_("A weight is a whole number from 1 to 5, or empty."))
        specs.append(SkillSpec(skill_id, requirement, weight))
    return specs


def clean_skills(specs: Sequence[SkillSpec]) -> list[SkillSpec]:
    """One entry per skill (the first wins), at least one, at most MAX_PROFILE_SKILLS, all known skills."""
    unique: dict[int, SkillSpec] = {}
    for spec in specs:
        unique.setdefault(spec.skill_id, spec)
    if not unique:
        raise NoSkills()
    if len(unique) > MAX_PROFILE_SKILLS:
        raise TooManySkills(MAX_PROFILE_SKILLS)
    known = set(Concept.objects.filter(pk__in=list(unique), scheme=Scheme.SKILL).values_list("pk", flat=True))
    unknown = [pk for pk in unique if pk not in known]
    if unknown:
        raise UnknownSkills(unknown)
    return list(unique.values())


def _clean_title(title: str | None) -> str:
    title = (title or "").strip()
    if not title:
        raise TitleNeeded()
    if len(title) > 200:
        raise ValidationFailed(_("Keep the name under 200 characters."), field="title")
    return title


def _clean_visibility(visibility: str) -> str:
    if visibility not in Visibility.values:
        raise ValidationFailed(_("Choose private or shared."), field="visibility")
    return visibility


# --- role profiles -----------------------------------------------------------------------------------


def _add_version(
    *,
    profile: RoleProfile,
    acting_user: User | None,
    title: str,
    description: str,
    skills: Sequence[SkillSpec],
    occupation: Concept | None,
    origin: str,
    based_on: RoleProfileVersion | None = None,
) -> RoleProfileVersion:
    number = (profile.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = RoleProfileVersion.objects.create(
        profile=profile,
        number=number,
        title=title,
        description=description,
        occupation=occupation,
        origin=origin,
        based_on=based_on,
        created_by=acting_user,
    )
    RoleProfileSkill.objects.bulk_create(
        [
            RoleProfileSkill(
                version=version, skill_id=s.skill_id, requirement=s.requirement, weight=s.weight, position=i
            )
            for i, s in enumerate(skills)
        ]
    )
    profile.current_version = version
    profile.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def create_role_profile(
    *,
    organisation: Organisation,
    acting_user: User | None,
    title: str,
    skills: Sequence[SkillSpec],
    description: str = "",
    visibility: str = Visibility.PRIVATE,
    is_template: bool = False,
    occupation: Concept | None = None,
    origin: str = ProfileOrigin.SKILLS,
    based_on: RoleProfileVersion | None = None,
    is_demo: bool = False,
) -> RoleProfile:
    """A new role profile with its first version. ``acting_user`` None is the server's shell (trusted)."""
    if acting_user is not None:
        require_profile_editor(acting_user, organisation)
    title = _clean_title(title)
    visibility = _clean_visibility(visibility)
    _check_template(organisation, is_template, visibility)
    cleaned = clean_skills(skills)
    profile = RoleProfile.objects.create(
        organisation=organisation,
        visibility=visibility,
        is_template=is_template,
        created_by=acting_user,
        is_demo=is_demo,
    )
    version = _add_version(
        profile=profile,
        acting_user=acting_user,
        title=title,
        description=(description or "").strip(),
        skills=cleaned,
        occupation=occupation,
        origin=origin,
        based_on=based_on,
    )
    record(
        "role_profile.created",
        actor=acting_user,
        organisation=organisation,
        target=profile,
        actor_label=None if acting_user else "shell",
        data={"version": version.number, "skills": len(cleaned), "origin": origin, "visibility": visibility},
    )
    return profile


def occupation_skill_specs(occupation: Concept, *, limit: int = OCCUPATION_SKILLS_TAKEN) -> list[SkillSpec]:
    """The occupation's most specific related skills as required skills (see selectors.occupation_skills)."""
    suggested = selectors.occupation_skills(occupation)
    if not suggested:
        raise OccupationHasNoSkills()
    return [SkillSpec(s.skill.pk) for s in suggested[:limit]]


def create_from_occupation(
    *,
    organisation: Organisation,
    acting_user: User | None,
    occupation_id: object,
    title: str | None = None,
    visibility: str = Visibility.PRIVATE,
    limit: int = OCCUPATION_SKILLS_TAKEN,
) -> RoleProfile:
    """A profile from an SSYK-4 group (or an occupation name's group): its most specific skills, required."""
    group = selectors.occupation_group(occupation_id)
    return create_role_profile(
        organisation=organisation,
        acting_user=acting_user,
        title=title or group.display_label,
        skills=occupation_skill_specs(group, limit=limit),
        visibility=visibility,
        occupation=group,
        origin=ProfileOrigin.OCCUPATION,
    )


def create_from_template(
    *,
    organisation: Organisation,
    acting_user: User,
    template_id: object,
    title: str | None = None,
    visibility: str = Visibility.PRIVATE,
) -> RoleProfile:
    """A copy of a profile the person can see (a template, or another shared or own profile)."""
    source = selectors.profile_for(viewer=acting_user, profile_id=template_id)
    version = source.current_version
    assert version is not None
    return create_role_profile(
        organisation=organisation,
        acting_user=acting_user,
        title=title or version.title,
        description=version.description,
        skills=[SkillSpec(s.skill_id, s.requirement, s.weight) for s in selectors.skills_of_version(version)],
        visibility=visibility,
        occupation=version.occupation,
        origin=ProfileOrigin.TEMPLATE,
        based_on=version,
    )


def specs_from_suggestions(accepted: Iterable[Any]) -> list[SkillSpec]:
    """Skill entries from the suggestions (``mimis.skills``) the employer accepted from a pasted job ad:
    ``SkillSuggestion`` objects or their dicts; a suggestion read as a requirement is required, others
    meritorious."""
    specs = []
    for suggestion in accepted:
        if isinstance(suggestion, dict):
            skill_id, required = (
                suggestion.get("id", suggestion.get("concept_id")),
                suggestion.get("required", True),
            )
        else:
            skill_id, required = suggestion.concept_id, suggestion.required
        specs.extend(
            skill_specs(
                [
                    {
                        "skill": skill_id,
                        "requirement": Requirement.REQUIRED if required else Requirement.MERITORIOUS,
                    }
                ]
            )
        )
    return specs


def create_from_job_ad(
    *,
    organisation: Organisation,
    acting_user: User | None,
    title: str,
    accepted: Iterable[Any],
    description: str = "",
    visibility: str = Visibility.PRIVATE,
) -> RoleProfile:
    return create_role_profile(
        organisation=organisation,
        acting_user=acting_user,
        title=title,
        description=description,
        skills=specs_from_suggestions(accepted),
        visibility=visibility,
        origin=ProfileOrigin.JOB_AD,
    )


@transaction.atomic
def update_role_profile(
    *,
    profile: RoleProfile,
    acting_user: User | None,
    title: str | None = None,
    description: str | None = None,
    skills: Sequence[SkillSpec] | None = None,
    visibility: str | None = None,
    is_template: bool | None = None,
) -> RoleProfile:
    """Change a profile. New content (title, description, skills) makes a new version; the earlier
    versions stay as they were, for the analyses and searches that used them. Who can see it is the
    profile's own setting and changes without a new version."""
    profile = RoleProfile.objects.select_for_update().select_related("organisation").get(pk=profile.pk)
    if acting_user is not None:
        require_profile_editor(acting_user, profile.organisation)
    current = profile.current_version
    assert current is not None
    changes: dict[str, object] = {}
    new_visibility = _clean_visibility(visibility) if visibility is not None else profile.visibility
    new_template = profile.is_template if is_template is None else bool(is_template)
    _check_template(profile.organisation, new_template, new_visibility)
    if new_visibility != profile.visibility or new_template != profile.is_template:
        profile.visibility, profile.is_template = new_visibility, new_template
        profile.save(update_fields=["visibility", "is_template", "updated_at"])
        changes.update(visibility=new_visibility, is_template=new_template)
    current_skills = [
        SkillSpec(s.skill_id, s.requirement, s.weight) for s in selectors.skills_of_version(current)
    ]
    new_title = _clean_title(title) if title is not None else current.title
    new_description = (description or "").strip() if description is not None else current.description
    new_skills = clean_skills(skills) if skills is not None else current_skills
    if (new_title, new_description, new_skills) != (current.title, current.description, current_skills):
        version = _add_version(
            profile=profile,
            acting_user=acting_user,
            title=new_title,
            description=new_description,
            skills=new_skills,
            occupation=current.occupation,
            origin=ProfileOrigin.EDIT,
            based_on=current,
        )
        changes.update(version=version.number, skills=len(new_skills))
    if changes:
        record(
            "role_profile.changed",
            actor=acting_user,
            organisation=profile.organisation,
            target=profile,
            actor_label=None if acting_user else "shell",
            data=changes,
        )
    return profile


# --- shortage occupations ----------------------------------------------------------------------------


@transaction.atomic
def mark_shortage_occupation(
    *,
    occupation_id: object,
    marked_on: date,
    source: str,
    acting_user: User | None,
    note: str = "",
    is_demo: bool = False,
) -> ShortageOccupation:
    """A region admin marks an occupation (group or name) as a shortage occupation in Skåne; marking it
    again updates the date, source and note."""
    if acting_user is not None:
        require_platform_admin(acting_user)
    occupation = Concept.objects.filter(
        pk=_int_or_none(occupation_id), scheme__in=[Scheme.OCCUPATION_GROUP, Scheme.OCCUPATION_NAME]
    ).first()
    if occupation is None:
        from mimis.matching.errors import UnknownOccupation

        raise UnknownOccupation()
    source = (source or "").strip()
    if not source:
        raise ValidationFailed(
            _(
                "Say where the assessment comes from, for example the Swedish Public Employment Service's occupational outlook."
            ),
            field="source",
        )
    shortage, created = ShortageOccupation.objects.update_or_create(
        occupation=occupation,
        defaults={
            "marked_on": marked_on,
            "source": source[:300],
            "note": (note or "").strip(),
            "marked_by": acting_user,
            "is_demo": is_demo,
        },
    )
    record(
        "shortage_occupation.marked" if created else "shortage_occupation.changed",
        actor=acting_user,
        target=shortage,
        actor_label=None if acting_user else "shell",
        data={"occupation": occupation.pk, "marked_on": marked_on.isoformat(), "source": shortage.source},
    )
    return shortage


@transaction.atomic
def unmark_shortage_occupation(*, shortage_id: object, acting_user: User | None) -> None:
    if acting_user is not None:
        require_platform_admin(acting_user)
    shortage = ShortageOccupation.objects.filter(pk=_int_or_none(shortage_id)).first()
    if shortage is None:
        raise NotFound()
    record(
        "shortage_occupation.removed",
        actor=acting_user,
        target=shortage,
        actor_label=None if acting_user else "shell",
        data={"occupation": shortage.occupation_id},
    )
    shortage.delete()


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
