"""The ``mimis`` command: Django's management commands plus MIMIS's own (demo, tokens, worker, audit).

``--data-dir DIR`` (any position) sets MIMIS_DATA_DIR before settings load, so every command works on
the same folder as ``mimis demo --data-dir DIR`` did.
"""

from __future__ import annotations

import os
import sys


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
