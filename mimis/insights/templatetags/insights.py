from __future__ import annotations

from typing import Any

from django import template

from mimis.insights.figures import cell_text

register = template.Library()


@register.filter
def cell(row: dict[str, Any], key: str) -> str:
    """The text of one cell of a figure's row (suppressed cells say so)."""
    return cell_text(row.get(key)) if isinstance(row, dict) else ""
