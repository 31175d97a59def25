"""Closest occupations: the SSYK-4 groups whose related skills a learner's verified skills cover best.

The score is the Ochiai (cosine) overlap |L ∩ O| / √(|L| · |O|) of the learner's skills L and the
occupation's skills O: it rewards covering much of an occupation (3 of 4 beats 3 of 40) without letting an
occupation with a single listed skill win on one lucky match. What people see is the plain count, "you have
3 of the occupation's 12 skills". JobTech's substitutability relations (between occupation names: people in
one can often do the other) are added to each result as related occupations, with JobTech's percentage.
Shortage occupations marked by the region (``ShortageOccupation``) are flagged and can be the only ones shown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from mimis.accounts.models import User
from mimis.matching import selectors
from mimis.matching.models import ShortageOccupation
from mimis.matching.verified import VerifiedSet, verified_skills_of
from mimis.taxonomy.models import Concept, ConceptRelation, RelationKind, Scheme

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


@dataclass
class RelatedOccupation:
    group: Concept
    weight: int | None


@dataclass
class ClosestOccupation:
    group: Concept
    matched: list[Concept]
    total: int
    score: float
    shortage: ShortageOccupation | None = None
    related: list[RelatedOccupation] = field(default_factory=list)

    @property
    def have(self) -> int:
        return len(self.matched)

    @property
    def percent(self) -> int:
        return round(100 * self.have / self.total) if self.total else 0


def closest_occupations(
    *,
    learner: User,
    limit: int = DEFAULT_LIMIT,
    shortage_only: bool = False,
    verified: VerifiedSet | None = None,
) -> list[ClosestOccupation]:
    verified = verified if verified is not None else verified_skills_of(learner)
    skill_ids = verified.skill_ids
    if not skill_ids:
        return []
    limit = max(1, min(int(limit), MAX_LIMIT))
    matched: dict[int, set[int]] = defaultdict(set)
    for group_id, skill_id in ConceptRelation.objects.filter(
        kind=RelationKind.RELATED_SKILL,
        to_concept_id__in=skill_ids,
        from_concept__scheme=Scheme.OCCUPATION_GROUP,
    ).values_list("from_concept_id", "to_concept_id"):
        matched[group_id].add(skill_id)
    shortage_groups = selectors.shortage_group_ids()
    if shortage_only:
        matched = defaultdict(set, {g: s for g, s in matched.items() if g in shortage_groups})
    if not matched:
        return []
    sizes = dict(
        ConceptRelation.objects.filter(kind=RelationKind.RELATED_SKILL, from_concept_id__in=list(matched))
        .values("from_concept_id")
        .annotate(n=Count("to_concept_id"))
        .values_list("from_concept_id", "n")
    )
    scored = sorted(
        ((len(s) / math.sqrt(len(skill_ids) * sizes.get(g, len(s))), g) for g, s in matched.items()),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    group_ids = [g for _score, g in scored]
    groups = Concept.objects.in_bulk(group_ids)
    skills = Concept.objects.in_bulk({s for g in group_ids for s in matched[g]})
    shortages = _shortages_by_group(group_ids)
    related = related_occupations(group_ids)
    return [
        ClosestOccupation(
            group=groups[g],
            matched=sorted((skills[s] for s in matched[g]), key=lambda c: c.preferred_label.lower()),
            total=sizes.get(g, len(matched[g])),
            score=round(score, 4),
            shortage=shortages.get(g),
            related=related.get(g, []),
        )
        for score, g in scored
    ]


def _shortages_by_group(group_ids: list[int]) -> dict[int, ShortageOccupation]:
    found: dict[int, ShortageOccupation] = {}
    for shortage in selectors.shortage_occupations():
        occupation = shortage.occupation
        group_id = occupation.parent_id if occupation.scheme == Scheme.OCCUPATION_NAME else occupation.pk
        if group_id in group_ids:
            found.setdefault(group_id, shortage)
    return found


def related_occupations(group_ids: list[int]) -> dict[int, list[RelatedOccupation]]:
    """For each group: the other groups JobTech's substitutability relations link its occupations to."""
    rows = ConceptRelation.objects.filter(
        kind=RelationKind.SUBSTITUTABLE, from_concept__parent_id__in=group_ids
    ).values_list("from_concept__parent_id", "to_concept__parent_id", "weight")
    best: dict[int, dict[int, int | None]] = defaultdict(dict)
    for group_id, other_id, weight in rows:
        if other_id is None or other_id == group_id:
            continue
        previous = best[group_id].get(other_id)
        if other_id not in best[group_id] or (weight or 0) > (previous or 0):
            best[group_id][other_id] = weight
    others = Concept.objects.in_bulk({o for d in best.values() for o in d})
    return {
        g: sorted(
            (RelatedOccupation(others[o], w) for o, w in d.items() if o in others),
            key=lambda r: (-(r.weight or 0), r.group.preferred_label),
        )[:5]
        for g, d in best.items()
    }
