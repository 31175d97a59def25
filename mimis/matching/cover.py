"""Weighted set cover: the cheapest set of micro-credentials that covers the missing required skills.

Plain Python (no Django), so tests can compare it with brute force on generated cases.

- **Exact** (``method="exact"``): depth-first branch and bound over bitmasks when, after dropping
  candidates that cover nothing needed and candidates dominated by another (a superset of the skills
  for no more workload), at most ``EXACT_MAX_SKILLS`` skills and ``EXACT_MAX_CANDIDATES`` candidates
  remain. It branches on the uncovered skill with the fewest candidates and prunes with the lower bound
  "each uncovered skill costs at least the cheapest share (cost / newly covered skills) of any candidate
  covering it", starting from the greedy answer as the upper bound. It stops after ``NODE_BUDGET``
  search nodes; an unfinished search is reported as greedy (its answer is never worse than greedy's).
- **Greedy** (``method="greedy"``) beyond that: repeatedly take the candidate with the lowest cost per
  newly covered skill, then drop any chosen candidate that turned out redundant. Its cost is at most
  H(n) ≤ 1 + ln n times the optimum, n the number of skills to cover (Chvátal 1979).

Costs are integers (hours). Ties on cost go to fewer candidates, then to the order given.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

EXACT_MAX_SKILLS = 24
EXACT_MAX_CANDIDATES = 40
NODE_BUDGET = 20_000
# Internally a chosen candidate costs hours * _SCALE + 1: least hours first, then fewest candidates.
_SCALE = 1_000


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    cost: int
    skills: frozenset[int]


@dataclass(frozen=True)
class Cover:
    chosen: tuple[Candidate, ...]
    cost: int
    method: str  # "exact" or "greedy"
    covered: frozenset[int]
    uncoverable: frozenset[int]


class _Budget(Exception):
    pass


def _useful(universe: frozenset[int], candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates restricted to the universe, without empty or dominated ones (first of equals kept)."""
    restricted = [Candidate(c.key, c.cost, c.skills & universe) for c in candidates]
    restricted = [c for c in restricted if c.skills]
    kept: list[Candidate] = []
    for i, c in enumerate(restricted):
        dominated = any(
            j != i
            and d.skills >= c.skills
            and d.cost <= c.cost
            and (d.skills != c.skills or d.cost < c.cost or j < i)
            for j, d in enumerate(restricted)
        )
        if not dominated:
            kept.append(c)
    return kept


def _greedy(universe: frozenset[int], candidates: list[Candidate]) -> list[Candidate]:
    uncovered = set(universe)
    chosen: list[Candidate] = []
    remaining = list(candidates)
    while uncovered:
        best, best_ratio = None, None
        for c in remaining:
            gain = len(c.skills & uncovered)
            if not gain:
                continue
            ratio = (c.cost * _SCALE + 1) / gain
            if best_ratio is None or ratio < best_ratio:
                best, best_ratio = c, ratio
        if best is None:
            break
        chosen.append(best)
        remaining.remove(best)
        uncovered -= best.skills
    # A later pick may have made an earlier one redundant: drop the dearest redundant ones.
    for c in sorted(chosen, key=lambda c: -c.cost):
        others = set().union(*(o.skills for o in chosen if o is not c))
        if universe <= others:
            chosen.remove(c)
    return chosen


def _exact(universe: frozenset[int], candidates: list[Candidate], upper: list[Candidate]) -> list[Candidate]:
    index = {skill: i for i, skill in enumerate(sorted(universe))}
    masks = [sum(1 << index[s] for s in c.skills) for c in candidates]
    costs = [c.cost * _SCALE + 1 for c in candidates]
    covering = [[k for k, m in enumerate(masks) if m >> i & 1] for i in range(len(index))]
    full = (1 << len(index)) - 1
    best_cost = sum(c.cost * _SCALE + 1 for c in upper)
    best: list[int] | None = None
    nodes = 0

    def bound(uncovered: int) -> float:
        total = 0.0
        bits = uncovered
        while bits:
            low = bits & -bits
            i = low.bit_length() - 1
            bits ^= low
            total += min(costs[k] / (masks[k] & uncovered).bit_count() for k in covering[i])
        return total

    def search(uncovered: int, cost: int, chosen: list[int]) -> None:
        nonlocal best_cost, best, nodes
        nodes += 1
        if nodes > NODE_BUDGET:
            raise _Budget
        if not uncovered:
            if cost < best_cost:
                best_cost, best = cost, list(chosen)
            return
        if cost + bound(uncovered) >= best_cost:
            return
        # Branch on the uncovered skill with the fewest candidates: one of them must be in any cover.
        bits, pick, fewest = uncovered, -1, None
        while bits:
            low = bits & -bits
            i = low.bit_length() - 1
            bits ^= low
            if fewest is None or len(covering[i]) < fewest:
                pick, fewest = i, len(covering[i])
        options = sorted(covering[pick], key=lambda k: (costs[k] / (masks[k] & uncovered).bit_count(), k))
        for k in options:
            chosen.append(k)
            search(uncovered & ~masks[k], cost + costs[k], chosen)
            chosen.pop()

    search(full, 0, [])
    if best is None:
        return upper
    return [candidates[k] for k in sorted(best)]


def solve(universe: Iterable[int], candidates: Sequence[Candidate]) -> Cover:
    """The cheapest candidates covering every skill of ``universe`` that any candidate covers."""
    wanted = frozenset(universe)
    offered = frozenset().union(*(c.skills for c in candidates)) if candidates else frozenset()
    coverable = wanted & offered
    useful = _useful(coverable, candidates)
    greedy = _greedy(coverable, useful)
    method = "greedy"
    chosen = greedy
    if len(coverable) <= EXACT_MAX_SKILLS and len(useful) <= EXACT_MAX_CANDIDATES:
        try:
            chosen = _exact(coverable, useful, greedy)
            method = "exact"
        except _Budget:
            chosen, method = greedy, "greedy"
    order = {c.key: i for i, c in enumerate(candidates)}
    chosen = sorted(chosen, key=lambda c: order[c.key])
    return Cover(
        chosen=tuple(chosen),
        cost=sum(c.cost for c in chosen),
        method=method,
        covered=coverable,
        uncoverable=wanted - offered,
    )
