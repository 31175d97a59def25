"""Dates read the European way in both languages."""

from __future__ import annotations

from datetime import date

from django.template import Context, Template
from django.utils import translation


def render(language: str) -> str:
    with translation.override(language):
        return Template('{{ d|date:"SHORT_DATE_FORMAT" }} | {{ d|date }}').render(
            Context({"d": date(2026, 11, 24)})
        )


def test_english_dates_are_day_month_year():
    assert render("en") == "24 Nov 2026 | 24 November 2026"


def test_swedish_dates_keep_swedish_formats():
    assert render("sv") == "2026-11-24 | 24 november 2026"
