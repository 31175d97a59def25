"""Reads for matching: role profiles a person may see, occupations and their skills, shortage occupations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from mimis.accounts.models import Membership, User
from mimis.errors import NotFound
from mimis.matching.errors import UnknownOccupation
from mimis.matching.models import (
    Requirement,
    RoleProfile,
    RoleProfileSkill,
    RoleProfileVersion,
    ShortageOccupation,
    Visibility,
)
from mimis.taxonomy.models import Concept, ConceptRelation, RelationKind, Scheme


def _member_organisation_ids(user: User) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True).distinct())


def visible_profiles(*, viewer: User) -> QuerySet[RoleProfile]:
    """Shared profiles (templates among them) and the private ones of the viewer's organisations."""
    query = Q(visibility=Visibility.SHARED)
    organisation_ids = _member_organisation_ids(viewer)
    if organisation_ids:
        query |= Q(organisation_id__in=organisation_ids)
    return (
        RoleProfile.objects.filter(query, current_version__isnull=False)
        .select_related("organisation", "current_version__occupation")
        .annotate(skill_count=Count("current_version__profile_skills"))
        .order_by("-is_template", "current_version__title", "pk")
    )


def templates() -> QuerySet[RoleProfile]:
    return (
        RoleProfile.objects.filter(
            is_template=True, visibility=Visibility.SHARED, current_version__isnull=False
        )
        .select_related("organisation", "current_version")
        .order_by("current_version__title", "pk")
    )


def profiles_of_organisation(*, organisation_id: int) -> QuerySet[RoleProfile]:
    return (
        RoleProfile.objects.filter(organisation_id=organisation_id, current_version__isnull=False)
        .select_related("organisation", "current_version__occupation")
        .annotate(skill_count=Count("current_version__profile_skills"))
        .order_by("current_version__title", "pk")
    )


def profile_for(*, viewer: User, profile_id: object) -> RoleProfile:
    """A profile the viewer may see, with its current version's skills; NotFound otherwise (also for
    private profiles of other organisations, so that their existence does not leak)."""
    try:
        pk = int(str(profile_id))
    except (TypeError, ValueError):
        raise NotFound() from None
    profile = (
        visible_profiles(viewer=viewer)
        .prefetch_related(
            Prefetch(
                "current_version__profile_skills",
                queryset=RoleProfileSkill.objects.select_related("skill").order_by("position", "pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if profile is None:
        raise NotFound()
    return profile


def versions_of(profile: RoleProfile) -> QuerySet[RoleProfileVersion]:
    return profile.versions.select_related("created_by").annotate(skill_count=Count("profile_skills"))


def skills_of_version(version: RoleProfileVersion) -> list[RoleProfileSkill]:
    return list(version.profile_skills.select_related("skill").order_by("position", "pk"))


# --- occupations -------------------------------------------------------------------------------------


def occupation_group(concept_id: object) -> Concept:
    """The SSYK-4 group for an occupation group id, or an occupation name's parent group."""
    try:
        pk = int(str(concept_id))
    except (TypeError, ValueError):
        raise UnknownOccupation() from None
    concept = (
        Concept.objects.filter(pk=pk, scheme__in=[Scheme.OCCUPATION_GROUP, Scheme.OCCUPATION_NAME])
        .select_related("parent")
        .first()
    )
    if concept is None:
        raise UnknownOccupation()
    if concept.scheme == Scheme.OCCUPATION_NAME:
        if concept.parent is None or concept.parent.scheme != Scheme.OCCUPATION_GROUP:
            raise UnknownOccupation()
        concept = concept.parent
    return concept


@dataclass(frozen=True)
class SuggestedSkill:
    skill: Concept
    #: How many occupation groups list the skill: the fewer, the more it says about this occupation.
    group_count: int


def occupation_skills(group: Concept) -> list[SuggestedSkill]:
    """An occupation group's related skills (JobTech), most relevant first.

    JobTech publishes no weights for these links, so "relevant" is read as *specific*: a skill that few
    occupation groups list (Demensvård) says more about the occupation than one that many list (Svenska,
    Kundbemötande). Ties go alphabetically.
    """
    skills = list(
        Concept.objects.filter(
            relations_to__from_concept=group,
            relations_to__kind=RelationKind.RELATED_SKILL,
            scheme=Scheme.SKILL,
            deprecated=False,
        ).distinct()
    )
    counts = dict(
        ConceptRelation.objects.filter(kind=RelationKind.RELATED_SKILL, to_concept__in=skills)
        .values("to_concept")
        .annotate(n=Count("from_concept", distinct=True))
        .values_list("to_concept", "n")
    )
    suggested = [SuggestedSkill(s, counts.get(s.pk, 1)) for s in skills]
    suggested.sort(key=lambda s: (s.group_count, s.skill.preferred_label.lower()))
    return suggested


def occupation_groups() -> QuerySet[Concept]:
    """SSYK-4 groups that have related skills, for choosing one."""
    return (
        Concept.objects.filter(
            scheme=Scheme.OCCUPATION_GROUP,
            level=4,
            deprecated=False,
            relations_from__kind=RelationKind.RELATED_SKILL,
        )
        .distinct()
        .order_by("code", "preferred_label")
    )


def shortage_occupations() -> QuerySet[ShortageOccupation]:
    return ShortageOccupation.objects.select_related("occupation", "marked_by").order_by(
        "occupation__code", "occupation__preferred_label"
    )


def shortage_group_ids() -> set[int]:
    """The SSYK-4 groups marked as shortage occupations (an occupation name marks its group)."""
    ids: set[int] = set()
    for occupation in Concept.objects.filter(
        pk__in=ShortageOccupation.objects.values("occupation_id")
    ).select_related("parent"):
        if occupation.scheme == Scheme.OCCUPATION_NAME and occupation.parent_id:
            ids.add(occupation.parent_id)
        else:
            ids.add(occupation.pk)
    return ids


def role_profile_skill_demand() -> list[tuple[int, bool, int]]:
    """What employers ask for: (skill concept id, required, organisation id) per skill of each role profile.

    The current version of every profile counts, private ones included (only these aggregated triples leave
    the app; regional insights suppress small cells). The region's templates are examples, not demand.
    """
    return [
        (skill_id, requirement == Requirement.REQUIRED, organisation_id)
        for skill_id, requirement, organisation_id in RoleProfileSkill.objects.filter(
            version__profile__current_version=F("version"), version__profile__is_template=False
        ).values_list("skill_id", "requirement", "version__profile__organisation_id")
    ]
