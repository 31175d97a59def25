"""The ``mimis`` command: Django's management commands plus MIMIS's own (demo, tokens, worker, audit).

``--data-dir DIR`` (any position) sets MIMIS_DATA_DIR before settings load, so every command works on
the same folder as ``mimis demo --data-dir DIR`` did.

``mimis demo`` records the address it serves on in the data folder (``demo-base-url``). Every other command
on that folder uses it as MIMIS_BASE_URL, so a credential issued from a second shell names the DID and
status lists of the demo that is running, and refuses to start when MIMIS_BASE_URL says otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: File in the data folder holding the base URL the demo serves on.
DEMO_BASE_URL_FILE = "demo-base-url"


def data_dir() -> Path:
    """The data folder settings will use (MIMIS_DATA_DIR, else ./data)."""
    return Path(os.environ.get("MIMIS_DATA_DIR") or Path.cwd() / "data").expanduser().resolve()


def _use_demo_base_url() -> None:
    """Take MIMIS_BASE_URL from the demo's record in the data folder; exit 2 if the environment disagrees."""
    record = data_dir() / DEMO_BASE_URL_FILE
    if not record.is_file():
        return
    recorded = record.read_text(encoding="utf-8").strip().rstrip("/")
    if not recorded:
        return
    given = os.environ.get("MIMIS_BASE_URL", "").strip().rstrip("/")
    if not given:
        os.environ["MIMIS_BASE_URL"] = recorded
    elif given != recorded:
        sys.stderr.write(
            f"mimis: the data folder {record.parent} belongs to the demo served at {recorded}, but "
            f"MIMIS_BASE_URL is {given}. Credentials signed now would name the wrong address and never "
            "verify. Unset MIMIS_BASE_URL, or use another --data-dir.\n"
        )
        raise SystemExit(2)


def _take_data_dir(argv: list[str]) -> list[str]:
    remaining: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--data-dir":
            if index + 1 >= len(argv):
                sys.stderr.write("mimis: --data-dir needs a folder name\n")
                raise SystemExit(2)
            os.environ["MIMIS_DATA_DIR"] = argv[index + 1]
            index += 2
            continue
        if arg.startswith("--data-dir="):
            os.environ["MIMIS_DATA_DIR"] = arg.split("=", 1)[1]
        else:
            remaining.append(arg)
        index += 1
    return remaining


def main(argv: list[str] | None = None) -> None:
    args = _take_data_dir(list(sys.argv[1:] if argv is None else argv))
    if args and args[0] == "demo":
        os.environ.setdefault("MIMIS_DEMO", "1")
    elif not (args and args[0] in ("help", "--help", "-h", "--version")):
        _use_demo_base_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mimis.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["mimis", *args])
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"mimis: configuration error: {exc}\n")
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
