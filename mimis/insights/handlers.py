"""Receivers of issuing's signals: recompute the rollup rows of the version a change touched."""

from __future__ import annotations

from typing import Any

from mimis.insights import rollups


def on_issued(*, version_id: int, **kwargs: Any) -> None:
    rollups.refresh_versions([version_id])


def on_state_changed(*, credential: Any, **kwargs: Any) -> None:
    rollups.refresh_versions([credential.version_id])


def on_replaced(*, pairs: list[tuple[Any, Any]], **kwargs: Any) -> None:
    rollups.refresh_versions(
        sorted({old.version_id for old, _new in pairs} | {new.version_id for _o, new in pairs})
    )
