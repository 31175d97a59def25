"""Every user-facing string is translated to Swedish, and the compiled catalogues match the sources."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "mimis" / "locale"


def po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry, multi-line strings joined."""
    entries, text = [], path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block or (", fuzzy" in block and block.lstrip().startswith("#"))
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)?\s*"(.*)"$', block.split("msgstr")[0], re.M))
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        for msgstr in msgstrs or [""]:
            entries.append((msgid, "".join(re.findall(r'"(.*)"', msgstr)), fuzzy))
    return [e for e in entries if e[0]]


def test_every_swedish_entry_is_translated_and_none_is_fuzzy():
    entries = po_entries(LOCALE / "sv" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    assert [m for m, s, _ in entries if not s] == []
    assert [m for m, _, fuzzy in entries if fuzzy] == []


def require_gettext(program: str) -> None:
    # Without GNU gettext these checks cannot run, and that is a failure, not a skip.
    if shutil.which(program) is None:
        pytest.fail(f"{program} is missing: run scripts/test, which installs Debian's gettext package.")


def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """Re-extract the strings from the code: nothing new may be missing from the Swedish catalogue."""
    require_gettext("xgettext")
    import os
    import sys

    root = Path(__file__).resolve().parents[2]
    work = tmp_path / "mimis"
    shutil.copytree(root / "mimis", work, ignore=shutil.ignore_patterns("__pycache__", "vc"))
    env = {**os.environ, "MIMIS_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--settings",
            "mimis.settings",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {m for m, _, _ in po_entries(work / "locale" / "sv" / "LC_MESSAGES" / "django.po")}
    shipped = {m for m, s, _ in po_entries(LOCALE / "sv" / "LC_MESSAGES" / "django.po") if s}
    assert sorted(fresh - shipped) == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_compiled_catalogue_is_up_to_date(tmp_path, language):
    require_gettext("msgfmt")
    source = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(source)], check=True)
    assert compiled.read_bytes() == (LOCALE / language / "LC_MESSAGES" / "django.mo").read_bytes()
