"""Gap analysis: a learner's verified skills against a role profile version, an occupation or a skill list,
and the published micro-credentials that close the gap in the required skills with the least workload.

The recommendation is a weighted set cover (see :mod:`mimis.matching.cover`, which says when the answer is
exact and when it is the greedy approximation); the result carries ``method`` so callers can say so.

Pathways are not candidates of their own: a pathway costs the sum of its micro-credentials, so it can never
cover the gap with less workload than its parts. Each recommended micro-credential instead names the pathways it
is a step of, so the learner sees where it leads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mimis.accounts.models import User
from mimis.catalog.models import (
    LearningOutcomeSkill,
    MicroCredentialVersion,
    Pathway,
    PathwayStep,
    VersionStatus,
)
from mimis.matching import cover, selectors
from mimis.matching.errors import GapTargetNeeded
from mimis.matching.models import RoleProfile, RoleProfileVersion
from mimis.matching.services import SkillSpec, clean_skills
from mimis.matching.verified import Proof, VerifiedSet, verified_skills_of
from mimis.taxonomy.models import Concept

#: Workload of a micro-credential that gives only ECTS credits: 1 ECTS ≈ 27 hours (the ECTS Users' Guide
#: says 25–30; Swedish högskolepoäng use 40 hours per 1.5 hp ≈ 26.7).
HOURS_PER_ECTS = 27
#: A micro-credential that gives no workload at all counts as this many hours: chosen only when nothing
#: with a known workload covers the same skills (the model's own upper bound for workload_hours).
UNKNOWN_WORKLOAD_HOURS = 1500


@dataclass(frozen=True)
class TargetSkill:
    skill: Concept
    requirement: str
    weight: int | None


@dataclass
class Target:
    skills: list[TargetSkill]
    role_profile: RoleProfile | None = None
    version: RoleProfileVersion | None = None
    occupation: Concept | None = None

    @property
    def required(self) -> list[TargetSkill]:
        return [s for s in self.skills if s.requirement == "required"]


@dataclass(frozen=True)
class Covered:
    skill: Concept
    requirement: str
    weight: int | None
    proof: Proof


@dataclass(frozen=True)
class Missing:
    skill: Concept
    requirement: str
    weight: int | None
    offered: bool  # some published micro-credential offers it


@dataclass
class Recommendation:
    version: MicroCredentialVersion
    covers: list[Concept]
    also_covers: list[Concept]  # meritorious skills it covers too
    workload_hours: int | None
    workload_ects: Decimal | None
    counted_hours: int  # what the recommendation minimised: hours, or ECTS × 27, or UNKNOWN_WORKLOAD_HOURS
    pathways: list[Pathway] = field(default_factory=list)

    @property
    def provider_name(self) -> str:
        return self.version.microcredential.provider.name

    @property
    def reason(self) -> str:
        text = _("Covers %(skills)s") % {"skills": join_words([s.display_label for s in self.covers])}
        if self.also_covers:
            text += ". " + _("Also gives the meritorious %(skills)s") % {
                "skills": join_words([s.display_label for s in self.also_covers])
            }
        return text


@dataclass
class GapResult:
    target: Target
    covered: list[Covered]
    missing: list[Missing]
    recommended: list[Recommendation]
    uncoverable: list[Missing]
    method: str

    @property
    def missing_required(self) -> list[Missing]:
        return [m for m in self.missing if m.requirement == "required"]

    @property
    def missing_meritorious(self) -> list[Missing]:
        return [m for m in self.missing if m.requirement != "required"]

    @property
    def required_total(self) -> int:
        return len(self.target.required)

    @property
    def required_covered(self) -> int:
        return sum(1 for c in self.covered if c.requirement == "required")

    @property
    def total_hours(self) -> int:
        return sum(r.workload_hours or 0 for r in self.recommended)

    @property
    def total_ects(self) -> Decimal:
        return sum((r.workload_ects or Decimal(0) for r in self.recommended), Decimal(0))

    @property
    def hours_unknown(self) -> bool:
        return any(r.workload_hours is None for r in self.recommended)

    @property
    def weighted_coverage(self) -> float:
        """Share of the target's weight the learner covers (a skill without weight weighs 1; required
        skills count double)."""

        def weight(requirement: str, value: int | None) -> int:
            return (value or 1) * (2 if requirement == "required" else 1)

        total = sum(weight(s.requirement, s.weight) for s in self.target.skills)
        have = sum(weight(c.requirement, c.weight) for c in self.covered)
        return have / total if total else 0.0


def join_words(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" in the active language."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


# --- targets -----------------------------------------------------------------------------------------


def target_from_profile(*, viewer: User, profile_id: object) -> Target:
    profile = selectors.profile_for(viewer=viewer, profile_id=profile_id)
    version = profile.current_version
    assert version is not None
    rows = version.profile_skills.all()
    return Target(
        skills=[TargetSkill(r.skill, r.requirement, r.weight) for r in rows],
        role_profile=profile,
        version=version,
        occupation=version.occupation,
    )


def target_from_occupation(occupation_id: object) -> Target:
    """All the occupation group's related skills, as required (JobTech does not say which are required)."""
    group = selectors.occupation_group(occupation_id)
    return Target(
        skills=[TargetSkill(s.skill, "required", None) for s in selectors.occupation_skills(group)],
        occupation=group,
    )


def target_from_skills(skill_ids: Sequence[object]) -> Target:
    from mimis.matching.services import skill_specs

    specs: list[SkillSpec] = clean_skills(skill_specs(skill_ids))
    concepts = Concept.objects.in_bulk([s.skill_id for s in specs])
    return Target(skills=[TargetSkill(concepts[s.skill_id], s.requirement, s.weight) for s in specs])


def target_from_request(
    *, viewer: User, role_profile: object = None, occupation: object = None, skills: object = None
) -> Target:
    given = [v for v in (role_profile, occupation, skills) if v is not None]
    if len(given) != 1:
        raise GapTargetNeeded()
    if role_profile is not None:
        return target_from_profile(viewer=viewer, profile_id=role_profile)
    if occupation is not None:
        return target_from_occupation(occupation)
    if not isinstance(skills, list | tuple):
        raise GapTargetNeeded()
    return target_from_skills(list(skills))


# --- the analysis ------------------------------------------------------------------------------------


def counted_hours(version: MicroCredentialVersion) -> int:
    if version.workload_hours:
        return int(version.workload_hours)
    if version.workload_ects:
        return max(1, round(version.workload_ects * HOURS_PER_ECTS))
    return UNKNOWN_WORKLOAD_HOURS


def _offers(skill_ids: set[int]) -> dict[int, set[int]]:
    """Published micro-credential version id → the given skills its learning outcomes give."""
    offers: dict[int, set[int]] = defaultdict(set)
    if not skill_ids:
        return offers
    for version_id, skill_id in LearningOutcomeSkill.objects.filter(
        skill_id__in=skill_ids, learning_outcome__version__status=VersionStatus.PUBLISHED
    ).values_list("learning_outcome__version_id", "skill_id"):
        offers[version_id].add(skill_id)
    return offers


def analyse(*, learner: User, target: Target, verified: VerifiedSet | None = None) -> GapResult:
    verified = verified if verified is not None else verified_skills_of(learner)
    covered: list[Covered] = []
    missing_specs: list[TargetSkill] = []
    for spec in target.skills:
        proof = verified.best(spec.skill.pk)
        if proof is not None:
            covered.append(Covered(spec.skill, spec.requirement, spec.weight, proof))
        else:
            missing_specs.append(spec)
    missing_ids = {s.skill.pk for s in missing_specs}
    required_ids = {s.skill.pk for s in missing_specs if s.requirement == "required"}
    offers = _offers(missing_ids)
    versions = {
        v.pk: v
        for v in MicroCredentialVersion.objects.filter(pk__in=list(offers)).select_related(
            "microcredential__provider"
        )
    }
    # Candidates in a stable order: least workload first, then title.
    ordered = sorted(versions.values(), key=lambda v: (counted_hours(v), v.title, v.pk))
    candidates = [
        cover.Candidate(v.pk, counted_hours(v), frozenset(offers[v.pk] & required_ids))
        for v in ordered
        if offers[v.pk] & required_ids
    ]
    solution = cover.solve(required_ids, candidates)
    offered_ids = set().union(*offers.values()) if offers else set()
    by_id = {s.skill.pk: s.skill for s in missing_specs}
    chosen_ids = [c.key for c in solution.chosen]
    pathways = _pathways_of([versions[pk].microcredential_id for pk in chosen_ids])
    already: set[int] = set()
    recommended = []
    for pk in chosen_ids:
        version = versions[pk]
        gives = offers[pk]
        covers = sorted(gives & required_ids - already, key=lambda s: by_id[s].preferred_label.lower())
        already |= gives & required_ids
        also = sorted(gives - required_ids, key=lambda s: by_id[s].preferred_label.lower())
        recommended.append(
            Recommendation(
                version=version,
                covers=[by_id[s] for s in covers],
                also_covers=[by_id[s] for s in also],
                workload_hours=version.workload_hours,
                workload_ects=version.workload_ects,
                counted_hours=counted_hours(version),
                pathways=pathways.get(version.microcredential_id, []),
            )
        )
    missing = [Missing(s.skill, s.requirement, s.weight, s.skill.pk in offered_ids) for s in missing_specs]
    return GapResult(
        target=target,
        covered=covered,
        missing=missing,
        recommended=recommended,
        uncoverable=[m for m in missing if not m.offered],
        method=solution.method,
    )


def _pathways_of(microcredential_ids: list[int]) -> dict[int, list[Pathway]]:
    """The pathways each micro-credential is a step of (so a learner sees where the step leads)."""
    found: dict[int, list[Pathway]] = defaultdict(list)
    if not microcredential_ids:
        return found
    for pathway in (
        Pathway.objects.filter(steps__microcredential_id__in=microcredential_ids)
        .distinct()
        .prefetch_related(Prefetch("steps", queryset=PathwayStep.objects.order_by("position")))
        .order_by("title")
    ):
        for step in pathway.steps.all():
            if step.microcredential_id in microcredential_ids:
                found[step.microcredential_id].append(pathway)
    return found


def gap_analysis(
    *, learner: User, role_profile: object = None, occupation: object = None, skills: object = None
) -> GapResult:
    """What the API, the pages and the CLI call: the learner's own gap to one target."""
    target = target_from_request(
        viewer=learner, role_profile=role_profile, occupation=occupation, skills=skills
    )
    return analyse(learner=learner, target=target)


def summary_sentence(result: GapResult) -> str:
    """One plain sentence: "You have 4 of the 6 required skills."."""
    return ngettext(
        "You have %(have)d of the %(total)d required skill.",
        "You have %(have)d of the %(total)d required skills.",
        result.required_total,
    ) % {"have": result.required_covered, "total": result.required_total}
