"""CSV and JSON of a figure, exactly as the page shows it (suppressed cells included)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mimis.insights.figures import Figure, as_json, cell_text

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula starts with an apostrophe instead (CSV injection)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def _csv_value(value: Any) -> str:
    from mimis.insights.disclosure import Count, Rate

    if isinstance(value, Count) and value.value is not None:
        return str(value.value)
    if isinstance(value, Rate) and value.value is not None:
        return f"{value.value:.4f}"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return neutralise(cell_text(value))


def to_csv(figure: Figure) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(c.label) for c in figure.columns])
    for row in figure.rows:
        writer.writerow([_csv_value(row.get(c.key)) for c in figure.columns])
    if figure.total:
        writer.writerow([_csv_value(figure.total.get(c.key, "")) for c in figure.columns])
    return out.getvalue()


def to_json(figure: Figure, **extra: Any) -> str:
    return json.dumps({**as_json(figure), **extra}, ensure_ascii=False, indent=2, default=str)
