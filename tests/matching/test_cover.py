"""The recommendation's set cover: it covers every coverable skill, and the exact solver's workload is the
least possible (checked against brute force on generated cases)."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from mimis.matching import cover
from mimis.matching.cover import Candidate, solve

candidate_lists = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=60), st.frozensets(st.integers(0, 9), min_size=0, max_size=5)
    ),
    min_size=0,
    max_size=9,
)
universes = st.frozensets(st.integers(0, 11), min_size=1, max_size=10)


def brute_force(universe: frozenset[int], candidates: list[Candidate]) -> int:
    coverable = universe & frozenset().union(*(c.skills for c in candidates))
    best = None
    for size in range(len(candidates) + 1):
        for chosen in combinations(candidates, size):
            if coverable <= frozenset().union(*(c.skills for c in chosen)):
                cost = sum(c.cost for c in chosen)
                best = cost if best is None else min(best, cost)
    return best or 0


def as_candidates(raw: list[tuple[int, frozenset[int]]]) -> list[Candidate]:
    return [Candidate(f"mc{i}", cost, skills) for i, (cost, skills) in enumerate(raw)]


@settings(max_examples=300, deadline=None)
@given(universe=universes, raw=candidate_lists)
def test_the_exact_solver_covers_everything_coverable_with_the_least_workload(universe, raw):
    candidates = as_candidates(raw)
    result = solve(universe, candidates)
    chosen_skills = frozenset().union(*(c.skills for c in result.chosen)) if result.chosen else frozenset()
    offered = frozenset().union(*(c.skills for c in candidates)) if candidates else frozenset()
    assert result.method == "exact"
    assert universe & offered <= chosen_skills
    assert result.uncoverable == universe - offered
    assert result.cost == brute_force(universe, candidates)


@settings(max_examples=200, deadline=None)
@given(universe=universes, raw=candidate_lists)
def test_the_greedy_answer_covers_everything_coverable_within_its_bound(universe, raw):
    candidates = as_candidates(raw)
    original = cover.EXACT_MAX_SKILLS
    cover.EXACT_MAX_SKILLS = -1  # force the approximation
    try:
        result = solve(universe, candidates)
    finally:
        cover.EXACT_MAX_SKILLS = original
    offered = frozenset().union(*(c.skills for c in candidates)) if candidates else frozenset()
    chosen_skills = frozenset().union(*(c.skills for c in result.chosen)) if result.chosen else frozenset()
    assert result.method == "greedy"
    assert universe & offered <= chosen_skills
    n = len(universe & offered)
    harmonic = sum(1 / k for k in range(1, n + 1))
    # H(n) times the optimum, plus rounding slack for the "fewest candidates" tie-break.
    assert result.cost <= harmonic * brute_force(universe, candidates) + 1e-9 + len(result.chosen) / 1000


def test_ties_on_workload_go_to_fewer_micro_credentials():
    both = Candidate("both", 10, frozenset({1, 2}))
    one, two = Candidate("one", 5, frozenset({1})), Candidate("two", 5, frozenset({2}))
    assert solve({1, 2}, [one, two, both]).chosen == (both,)


def test_a_large_case_uses_the_greedy_approximation_and_says_so():
    candidates = [Candidate(i, 10 + i % 7, frozenset({i, i + 1, (i * 7) % 60})) for i in range(60)]
    result = solve(set(range(61)), candidates)
    assert result.method == "greedy"
    assert set(range(61)) <= frozenset().union(*(c.skills for c in result.chosen))
