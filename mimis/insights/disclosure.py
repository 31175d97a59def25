"""Disclosure control: the one rule every published figure goes through (pages, CSV/JSON, the API).

**Threshold suppression with secondary suppression.** A count of people (or of credentials, which are
people holding them) between 1 and ``MIMIS_INSIGHTS_MIN_CELL - 1`` (default 5) is never published: it
shows as "fewer than 5". Zero is published (no one is described by it). Every table that is published
with a total is protected as a *line*: if exactly one cell of a line is suppressed, the total minus the
other cells would give it away, so the smallest other non-zero cell is suppressed too (or the total, if
there is no such cell). A total that is itself small is suppressed, and then every non-zero cell is too.

Rates (claim rate, share rate) are published only when both the people counted and the people not counted
are 0 or at least the threshold, and the group is not small: a rate of 1 in 7 would name the one.

Why this and not the Cell Key Method: see the README (*Regional insights*). In short: the figures here
are small-area counts read by people who must act on them; "fewer than 5" is a rule they understand, the
published numbers that are shown are exact, and secondary suppression can be proved on each table (tests
check that no combination of the published cells and totals determines a suppressed cell). What the
threshold rule cannot stop on its own, differencing between two filter choices, is limited by offering
only fixed periods (calendar quarters and years) and whole categories as filters.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _


def min_cell() -> int:
    return int(settings.MIMIS_INSIGHTS_MIN_CELL)


@dataclass(frozen=True)
class Count:
    """A published count: ``value`` None when suppressed (``display`` then says "fewer than 5")."""

    value: int | None
    reason: str = ""  # "", "primary" (small) or "secondary" (would reveal a small one)

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        if self.value is None:
            return _("fewer than %(n)d") % {"n": min_cell()} if self.reason == "primary" else _("not shown")
        return f"{self.value:,}".replace(",", "\u00a0")

    def as_json(self) -> int | None:
        return self.value


def is_small(value: int, threshold: int | None = None) -> bool:
    threshold = min_cell() if threshold is None else threshold
    return 0 < value < threshold


def protect_count(value: int, threshold: int | None = None) -> Count:
    return Count(None, "primary") if is_small(value, threshold) else Count(value)


K = TypeVar("K", bound=Hashable)


def protect_line(
    cells: Mapping[K, int], total: int | None = None, threshold: int | None = None
) -> tuple[dict[K, Count], Count | None]:
    """Protect one line of a table whose total is published (``total`` given) or derivable.

    Returns the protected cells (same keys) and the protected total. With ``total`` None the line is
    treated as additive with the sum of the cells as its total, which is what a reader could compute.
    """
    threshold = min_cell() if threshold is None else threshold
    line_total = sum(cells.values()) if total is None else total
    protected_total = protect_count(line_total, threshold)
    out: dict[K, Count] = {key: protect_count(value, threshold) for key, value in cells.items()}
    if protected_total.suppressed:
        return out, protected_total
    suppressed = [key for key, count in out.items() if count.suppressed]
    if len(suppressed) == 1:
        candidates = sorted(
            (value, str(key), key) for key, value in cells.items() if key not in suppressed and value > 0
        )
        if candidates:
            key = candidates[0][2]
            out[key] = Count(None, "secondary")
        else:
            protected_total = Count(None, "secondary")
    return out, protected_total


@dataclass(frozen=True)
class Rate:
    """A published share (0..1), None when it would describe too few people. The counts are not kept."""

    value: float | None

    @property
    def display(self) -> str:
        if self.value is None:
            return _("not shown (too few people)")
        return f"{round(self.value * 100):d}\u00a0%"


def protect_rate(numerator: int, denominator: int, threshold: int | None = None) -> Rate:
    """A share of a group, published only when neither the people counted nor the rest are a small number."""
    threshold = min_cell() if threshold is None else threshold
    if (
        denominator < threshold
        or is_small(numerator, threshold)
        or is_small(denominator - numerator, threshold)
    ):
        return Rate(None)
    return Rate(numerator / denominator)


R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


def protect_grid(
    cells: Mapping[tuple[R, C], int], threshold: int | None = None
) -> tuple[dict[tuple[R, C], Count], dict[R, Count], dict[C, Count], Count]:
    """Protect a two-way table published with its row totals, column totals and grand total.

    Primary suppression of small cells and totals, then secondary suppression repeated until no line (a
    row with its total, a column with its total, the row totals with the grand total, the column totals
    with the grand total) has exactly one suppressed entry.
    """
    threshold = min_cell() if threshold is None else threshold
    rows = sorted({r for r, _c in cells}, key=str)
    cols = sorted({c for _r, c in cells}, key=str)
    value: dict[Any, int] = {("cell", r, c): cells.get((r, c), 0) for r in rows for c in cols}
    for r in rows:
        value[("row", r)] = sum(cells.get((r, c), 0) for c in cols)
    for c in cols:
        value[("col", c)] = sum(cells.get((r, c), 0) for r in rows)
    value[("all",)] = sum(cells.values())
    hidden: dict[Any, str] = {key: "primary" for key, v in value.items() if is_small(v, threshold)}
    lines: list[tuple[Any, list[Any]]] = []
    for r in rows:
        lines.append((("row", r), [("cell", r, c) for c in cols]))
    for c in cols:
        lines.append((("col", c), [("cell", r, c) for r in rows]))
    lines.append((("all",), [("row", r) for r in rows]))
    lines.append((("all",), [("col", c) for c in cols]))
    changed = True
    while changed:
        changed = False
        for total_key, members in lines:
            entries = [*members, total_key]
            suppressed = [key for key in entries if key in hidden]
            if len(suppressed) != 1:
                continue
            candidates = sorted(
                (value[key], str(key), key) for key in members if key not in hidden and value[key] > 0
            )
            key = candidates[0][2] if candidates else total_key
            if key in hidden:
                continue
            hidden[key] = "secondary"
            changed = True

    def count(key: Any) -> Count:
        return Count(None, hidden[key]) if key in hidden else Count(value[key])

    return (
        {(r, c): count(("cell", r, c)) for r in rows for c in cols},
        {r: count(("row", r)) for r in rows},
        {c: count(("col", c)) for c in cols},
        count(("all",)),
    )
