"""``mimis skills suggest FILE|-``: the skills a text names, as the API's JSON, for scripts and evaluation.

Subcommands share one parser so that more can join (``embed`` computes the semantic extra's concept
embeddings once per taxonomy import).

Exit codes: 0 with the JSON on stdout; 2 with the reason on stderr (in the active language, e.g.
``LANGUAGE=en``) when the file is missing, unreadable, binary, not UTF-8 or too long.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mimis.skills.errors import MAX_TEXT_CHARS, SkillTextError
from mimis.skills.selectors import suggest_skills

#: Exit code for input that cannot be read (as argparse uses for bad arguments).
BAD_INPUT = 2


class Command(BaseCommand):
    help = "Suggest JobTech Taxonomy skills found in a text (a job ad, a learning outcome)."
    # call_command("skills", "suggest", "-", stdin=io.StringIO("...")) reads from the given stream.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        suggest = sub.add_parser(
            "suggest", help="Print the skills found in FILE (or standard input: -) as JSON, best first."
        )
        suggest.add_argument("file", metavar="FILE", help="A UTF-8 text file, or - for standard input.")
        suggest.add_argument("--language", choices=["sv", "en"], help="The text's language, if known.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "suggest":
            self._suggest(
                options["file"], language=options["language"], stdin=options.get("stdin") or sys.stdin
            )

    def _suggest(self, name: str, *, language: str | None, stdin: Any) -> None:
        try:
            text = _read(name, stdin=stdin)
            result = suggest_skills(text, language=language)
        except SkillTextError as error:
            raise CommandError(error.message, returncode=BAD_INPUT) from error
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


def _read(name: str, *, stdin: Any) -> str:
    """The text of file ``name`` (``-``: standard input); ``SkillTextError`` saying why it cannot be read."""
    if name == "-":
        raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise SkillTextError(_("There is no file %(name)s.") % {"name": name}, code="file_not_found")
        try:
            # Read a little more than the limit: enough to say the text is too long without reading 1 GB.
            with path.open("rb") as handle:
                raw = handle.read(MAX_TEXT_CHARS * 4 + 4)
                too_long = bool(handle.read(1))
        except OSError as error:
            raise SkillTextError(
                _("The file %(name)s could not be read: %(reason)s")
                % {"name": name, "reason": error.strerror},
                code="unreadable_file",
            ) from error
        if too_long:
            raise SkillTextError(
                _("The file is too long. At most %(max)s characters can be read at once.")
                % {"max": f"{MAX_TEXT_CHARS:,}".replace(",", " ")},
                code="text_too_long",
            )
    if isinstance(raw, str):
        return raw
    if b"\x00" in raw:
        raise SkillTextError(_("This looks like a binary file, not text."), code="binary_text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SkillTextError(
            _("The file is not UTF-8 text. Save it as UTF-8 and try again."), code="binary_text"
        ) from error
