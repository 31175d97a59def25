"""The import graph stays one-way: issuing never imports the wallet above it (it sends signals the wallet
handles), and no two wallet modules import each other, directly or round a longer circle.

Imports are read from the source with ``ast``, including those inside functions (a deferred import is still
a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import mimis

ROOT = Path(mimis.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module the file imports (``from a import b`` counts ``a`` and ``a.b``), at any depth."""
    found: set[str] = set()
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def modules_of(package: str) -> dict[str, set[str]]:
    folder = ROOT / package
    return {
        module_name(path): imports_of(path) for path in folder.rglob("*.py") if "migrations" not in path.parts
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles among the graph's own modules (each found once, from its smallest member)."""
    edges = {name: {m for m in targets if m in graph and m != name} for name, targets in graph.items()}
    found = []

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(edges[node]):
            if nxt == start:
                found.append([*path, start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, [*path, nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return found


class TestImportGraph:
    def test_issuing_imports_no_wallet_module(self):
        offenders = {
            name: sorted(m for m in targets if m == "mimis.wallet" or m.startswith("mimis.wallet."))
            for name, targets in modules_of("issuing").items()
        }
        assert {name: found for name, found in offenders.items() if found} == {}

    def test_no_wallet_modules_import_each_other_in_a_circle(self):
        assert cycles(modules_of("wallet")) == []

    def test_the_checker_finds_a_circle(self):
        # The checker itself: a two-module and a three-module circle are found, a one-way chain is not.
        assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
        assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a", "x"}}) == [["a", "b", "c", "a"]]
        assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []

    def test_the_reader_sees_imports_inside_functions(self):
        assert "mimis.wallet.presenting" in imports_of(ROOT / "wallet" / "share_views.py")
        assert "mimis.verification.views.CHECK_LABELS" in imports_of(ROOT / "wallet" / "presenting.py")


class TestIssuingSignals:
    def test_the_wallet_handles_issuings_signals(self):
        from mimis.issuing.models import Credential
        from mimis.issuing.signals import credentials_replaced, holder_email_due

        assert holder_email_due.has_listeners(Credential)
        assert credentials_replaced.has_listeners(Credential)

    def test_without_the_wallet_a_holder_email_fails_loudly_instead_of_silently(self):
        from mimis.issuing.models import Credential
        from mimis.issuing.signals import holder_email_due
        from mimis.issuing.tasks import send_holder_email
        from mimis.wallet import handlers

        assert holder_email_due.disconnect(sender=Credential, dispatch_uid="wallet.holder_email")
        try:
            with pytest.raises(ImproperlyConfigured):
                send_holder_email(credential=Credential(), template="issuing/emails/credential_issued")
        finally:
            holder_email_due.connect(
                handlers.on_holder_email_due, sender=Credential, dispatch_uid="wallet.holder_email"
            )
