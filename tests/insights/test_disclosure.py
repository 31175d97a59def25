"""Suppression: small cells hidden, and no combination of published cells and totals reveals one.

``determined`` solves the linear system a reader has (every published line: the suppressed cells of the
line add up to the total minus the published cells) and says which suppressed cells it pins down; a safe
table has none.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from mimis.insights import disclosure, figures, selectors
from mimis.insights.disclosure import Count, protect_count, protect_grid, protect_line, protect_rate
from mimis.insights.selectors import Audience, Filters


def rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    r = 0
    columns = len(matrix[0]) if matrix else 0
    for c in range(columns):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                factor = matrix[i][c] / matrix[r][c]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        r += 1
    return r


def determined(lines: list[tuple[list[object], object]], published: dict[object, int | None]) -> set[object]:
    """Suppressed entries whose value follows from the published ones through the lines (sum = total)."""
    unknowns = sorted((k for k, v in published.items() if v is None), key=str)
    index = {k: i for i, k in enumerate(unknowns)}
    equations = []
    for members, total in lines:
        entries = [*members, total]
        if all(published[k] is not None for k in entries):
            continue
        row = [Fraction(0)] * len(unknowns)
        for k in members:
            if k in index:
                row[index[k]] += 1
        if total in index:
            row[index[total]] -= 1
        equations.append(row)
    if not equations:
        return set()
    base = rank(equations)
    found = set()
    for k, i in index.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[i] = Fraction(1)
        if rank([*equations, unit]) == base:
            found.add(k)
    return found


def line_published(cells: dict[str, Count], total: Count) -> tuple[list, dict]:
    published = {k: c.value for k, c in cells.items()} | {"TOTAL": total.value}
    return [(list(cells), "TOTAL")], published


class TestPrimary:
    @pytest.mark.parametrize(("value", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (120, 120)])
    def test_counts_of_one_to_four_people_are_not_shown(self, value, shown) -> None:
        assert protect_count(value).value == shown

    def test_the_threshold_is_a_setting(self, settings) -> None:
        settings.MIMIS_INSIGHTS_MIN_CELL = 10
        assert protect_count(9).suppressed
        assert protect_count(9).display == "färre än 10"

    def test_rates_need_enough_people_on_both_sides(self) -> None:
        assert protect_rate(10, 20).value == 0.5
        assert protect_rate(1, 20).value is None  # names the one
        assert protect_rate(17, 20).value is None  # names the three who did not
        assert protect_rate(0, 20).value == 0
        assert protect_rate(2, 4).value is None


class TestSecondary:
    def test_one_small_cell_takes_the_smallest_other_with_it(self) -> None:
        cells, total = protect_line({"a": 3, "b": 40, "c": 12, "d": 0})
        assert [cells[k].value for k in "abcd"] == [None, 40, None, 0]
        assert cells["c"].reason == "secondary"
        assert total.value == 55

    def test_two_small_cells_protect_each_other(self) -> None:
        cells, _total = protect_line({"a": 3, "b": 2, "c": 12})
        assert [cells[k].value for k in "abc"] == [None, None, 12]

    def test_one_small_cell_and_only_zeros_hides_the_total(self) -> None:
        cells, total = protect_line({"a": 3, "b": 0}, total=8)
        assert cells["a"].suppressed and total.suppressed

    def test_a_small_total_hides_the_line(self) -> None:
        cells, total = protect_line({"a": 3, "b": 1})
        assert total.suppressed and cells["a"].suppressed and cells["b"].suppressed

    @pytest.mark.parametrize("seed", range(40))
    def test_random_lines_never_reveal_a_suppressed_cell(self, seed) -> None:
        rng = random.Random(seed)
        raw = {f"c{i}": rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for i in range(rng.randint(2, 8))}
        cells, total = protect_line(raw)
        lines, published = line_published(cells, total)
        assert determined(lines, published) == set()

    @pytest.mark.parametrize("seed", range(40))
    def test_random_two_way_tables_never_reveal_a_suppressed_cell(self, seed) -> None:
        rng = random.Random(1000 + seed)
        rows, cols = rng.randint(2, 5), rng.randint(2, 5)
        raw = {(r, c): rng.choice([0, 0, 1, 2, 3, 6, 9, 15, 40]) for r in range(rows) for c in range(cols)}
        cells, row_totals, col_totals, grand = protect_grid(raw)
        published: dict[object, int | None] = {("cell", r, c): v.value for (r, c), v in cells.items()}
        published |= {("row", r): v.value for r, v in row_totals.items()}
        published |= {("col", c): v.value for c, v in col_totals.items()}
        published[("all",)] = grand.value
        lines = [([("cell", r, c) for c in range(cols)], ("row", r)) for r in range(rows)]
        lines += [([("cell", r, c) for r in range(rows)], ("col", c)) for c in range(cols)]
        lines += [
            ([("row", r) for r in range(rows)], ("all",)),
            ([("col", c) for c in range(cols)], ("all",)),
        ]
        assert determined(lines, published) == set()
        assert all(v.value is None or not disclosure.is_small(v.value) for v in cells.values())


def test_the_published_tables_of_the_generated_data_reveal_nothing(world) -> None:  # type: ignore[no-untyped-def]
    """Every breakdown with its total, and the months with theirs: the lines a reader can add up."""
    filters, audience = Filters(period=selectors.period_for("12m")), Audience("public")
    suppressed_somewhere = False
    for key in ("issued_over_time", "by_sector", "by_level", "by_provider", "by_target_group", "by_skill"):
        figure = figures.build(key, filters, audience)
        for column in ("issued", "valid") if key != "issued_over_time" else ("issued",):
            cells = {i: row[column] for i, row in enumerate(figure.rows)}
            lines, published = line_published(cells, figure.total[column])
            suppressed_somewhere |= any(v is None for v in published.values())
            assert determined(lines, published) == set(), (key, column)
    assert suppressed_somewhere  # the data has small cells, so the check checked something


def test_the_sector_by_month_table_reveals_nothing(world) -> None:  # type: ignore[no-untyped-def]
    figure = figures.build(
        "issued_by_sector_and_month", Filters(period=selectors.period_for("12m")), Audience("public")
    )
    data = figures.as_json(figure)
    published = {("cell", r["month"], r["sector_id"]): r["issued"] for r in data["rows"]}
    months = sorted({r["month"] for r in data["rows"]})
    sectors = sorted({r["sector_id"] for r in data["rows"]})
    published |= {("row", m["month"]): m["issued"] for m in data["margins"]["by_month"]}
    published |= {("col", s["sector_id"]): s["issued"] for s in data["margins"]["by_sector"]}
    published[("all",)] = data["total"]["issued"]
    lines = [([("cell", m, s) for s in sectors], ("row", m)) for m in months]
    lines += [([("cell", m, s) for m in months], ("col", s)) for s in sectors]
    lines += [([("row", m) for m in months], ("all",)), ([("col", s) for s in sectors], ("all",))]
    assert None in published.values()
    assert determined(lines, published) == set()
