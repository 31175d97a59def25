"""Matching's entries in the menu (filled in below)."""

from __future__ import annotations


def register() -> None:
    pass
