"""What changed in a micro-credential since a reviewer's last decision, element by element.

A decision keeps a copy of the content it was about (``Decision.content``: the same JSON that
``selectors.content_hash`` hashes, plus the co-designers). Comparing that copy with the content now gives
the reviewer a diff: each element as readable text (labels, not codes), with the words removed and added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation
from mimis.catalog.models import LANGUAGES, MicroCredentialVersion
from mimis.catalog.services import CHOICE_FIELDS, EDITABLE_FIELDS, LIST_FIELDS
from mimis.taxonomy.models import Concept

CO_DESIGNERS = "co_designers"
# The order a reviewer reads them in: what the learner sees first, then the facts.
COMPARED_ELEMENTS = ("learning_outcomes", *EDITABLE_FIELDS, CO_DESIGNERS)
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True)
class ElementChange:
    element: str
    label: str
    changed: bool
    before: str
    after: str
    before_segments: list[Segment] = field(default_factory=list)
    after_segments: list[Segment] = field(default_factory=list)


def element_label(name: str) -> str:
    if name == "learning_outcomes":
        return _("Learning outcomes and skills")
    if name == CO_DESIGNERS:
        return _("Designed together with")
    return str(MicroCredentialVersion._meta.get_field(name).verbose_name)


def word_diff(before: str, after: str) -> tuple[list[Segment], list[Segment]]:
    """The two texts cut into words, each marked as the same, removed (before) or added (after)."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            old_segments.append(Segment("same", "".join(old[i1:i2])))
            new_segments.append(Segment("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            old_segments.append(Segment("removed", "".join(old[i1:i2])))
        if j2 > j1:
            new_segments.append(Segment("added", "".join(new[j1:j2])))
    return old_segments, new_segments


class _Names:
    """Labels for the codes and ids stored in the content, read with one query per kind."""

    def __init__(self, *contents: dict) -> None:
        concept_ids: set[int] = set()
        slugs: set[str] = set()
        for content in contents:
            concept_ids.update(content.get("sectors") or [])
            concept_ids.update(content.get("occupations") or [])
            for outcome in content.get("learning_outcomes") or []:
                concept_ids.update(outcome.get("skills") or [])
            slugs.update(content.get(CO_DESIGNERS) or [])
        self.concepts = {c.pk: c.display_label for c in Concept.objects.filter(pk__in=concept_ids)}
        self.organisations = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))

    def concept(self, pk: int) -> str:
        return self.concepts.get(pk, str(pk))


def _choice(choices: type, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def readable(name: str, content: dict, names: _Names) -> str:
    """One element of stored content as a person reads it."""
    value = content.get(name)
    if name == "learning_outcomes":
        lines = []
        for number, outcome in enumerate(value or [], start=1):
            line = f"{number}. {outcome.get('text', '')}"
            if outcome.get("text_en"):
                line += f"\n   {_('In English')}: {outcome['text_en']}"
            skills = [names.concept(pk) for pk in outcome.get("skills") or []]
            if skills:
                line += f"\n   {_('Skills')}: {', '.join(sorted(skills))}"
            lines.append(line)
        return "\n".join(lines)
    if name == CO_DESIGNERS:
        return ", ".join(sorted(names.organisations.get(slug, slug) for slug in value or []))
    if name in ("sectors", "occupations"):
        return ", ".join(sorted(names.concept(pk) for pk in value or []))
    if name in CHOICE_FIELDS:
        return _choice(CHOICE_FIELDS[name], value) if value else ""
    if name in LIST_FIELDS:
        return ", ".join(_choice(LIST_FIELDS[name], item) for item in value or [])
    if name == "languages":
        return ", ".join(str(LANGUAGES.get(code, code)) for code in value or [])
    return "" if value is None else str(value)


def compare(before: dict, after: dict) -> list[ElementChange]:
    """Every compared element, the changed ones first (in reading order), then the unchanged ones."""
    names = _Names(before, after)
    changes = []
    for name in COMPARED_ELEMENTS:
        old, new = readable(name, before, names), readable(name, after, names)
        if before.get(name) != after.get(name) and old != new:
            old_segments, new_segments = word_diff(old, new)
            changes.append(
                ElementChange(name, element_label(name), True, old, new, old_segments, new_segments)
            )
        else:
            changes.append(ElementChange(name, element_label(name), False, old, new))
    return sorted(changes, key=lambda change: not change.changed)
