"""Receivers of issuing's signals: recompute the rollup rows of the versions a change touched.

The work is handed to the background worker (``tasks.refresh_versions``, a durable task), so revoking or
issuing never waits for statistics; the figures follow within seconds.
"""

from __future__ import annotations

from typing import Any

from mimis.insights import tasks


def _refresh(version_ids: set[int]) -> None:
    tasks.refresh_versions.enqueue(version_ids=sorted(version_ids))


def on_issued(*, version_id: int, **kwargs: Any) -> None:
    _refresh({version_id})


def on_state_changed(*, credential: Any, **kwargs: Any) -> None:
    _refresh({credential.version_id})


def on_replaced(*, pairs: list[tuple[Any, Any]], **kwargs: Any) -> None:
    _refresh({old.version_id for old, _new in pairs} | {new.version_id for _old, new in pairs})
