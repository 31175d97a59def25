"""What ``mimis worker`` does when it starts: apps register it here, so core imports no domain app.

``register_worker_start(hook)``: ``hook(long_running: bool)`` runs before the worker takes tasks
(``long_running`` is False for ``--batch``, which runs the queue once and ends).
"""

from __future__ import annotations

from collections.abc import Callable

_hooks: list[Callable[[bool], None]] = []


def register_worker_start(hook: Callable[[bool], None]) -> None:
    if hook not in _hooks:
        _hooks.append(hook)


def run_worker_start(*, long_running: bool) -> None:
    for hook in _hooks:
        hook(long_running)
