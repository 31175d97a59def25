"""What a micro-credential's level is: proposed by the provider, or decided by MYH.

In Sweden a qualification outside the formal education system corresponds to a SeQF level only through
a decision by Myndigheten för yrkeshögskolan (MYH). MIMIS therefore never states a level as if it were
official unless a ``LevelDecision`` is recorded for it that is valid on the day in question and names the
same level as the version. Everything that shows or signs a level (pages, certificate, API, ELM, the
credential's alignments) asks ``level_status`` and uses its words.

EQF follows SeQF: Sweden's SeQF levels are referenced to the EQF levels of the same number, so a decided
SeQF level makes the EQF level of the same number decided too; any other EQF level stays a proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mimis.catalog.models import LevelDecision, MicroCredentialVersion

#: How long an MYH level decision lasts when the decision itself says nothing else (MYHFS 2021:4).
DECISION_YEARS = 10


@dataclass(frozen=True)
class LevelStatus:
    """The level of one version on one day, and whether MYH has decided it."""

    seqf_level: int | None
    eqf_level: int | None
    decided: bool
    decision: LevelDecision | None

    @property
    def stated(self) -> bool:
        return self.seqf_level is not None or self.eqf_level is not None

    @property
    def eqf_decided(self) -> bool:
        return self.decided and self.eqf_level == self.seqf_level

    def text(self) -> str:
        """One sentence in the active language saying the level and who set it."""
        if not self.stated:
            return _("No level stated.")
        if self.decided and self.decision is not None:
            decision = self.decision
            return _(
                "SeQF %(level)s according to a decision by MYH (case %(number)s, %(date)s, valid until %(until)s)."
            ) % {
                "level": self.seqf_level,
                "number": decision.decision_number,
                "date": date_format(decision.decided_on, "j F Y"),
                "until": date_format(decision.valid_until, "j F Y"),
            }
        if self.seqf_level is not None:
            return _("Proposed level: SeQF %(level)s (not decided by MYH).") % {"level": self.seqf_level}
        return _("Proposed level: EQF %(level)s (not decided by MYH).") % {"level": self.eqf_level}

    def as_dict(self) -> dict[str, object]:
        decision = self.decision if self.decided else None
        return {
            "seqf_level": self.seqf_level,
            "eqf_level": self.eqf_level,
            "status": "decided" if self.decided else ("proposed" if self.stated else "none"),
            "text": self.text(),
            "decision": decision_dict(decision) if decision else None,
        }


def decision_dict(decision: LevelDecision) -> dict[str, object]:
    return {
        "id": decision.pk,
        "seqf_level": decision.seqf_level,
        "decision_number": decision.decision_number,
        "decided_on": decision.decided_on.isoformat(),
        "valid_until": decision.valid_until.isoformat(),
        "decision_url": decision.decision_url,
    }


def valid_decision(microcredential_id: int, *, level: int | None, on: date) -> LevelDecision | None:
    """The latest recorded MYH decision for ``level`` that is valid on ``on``, if any."""
    if level is None:
        return None
    return (
        LevelDecision.objects.filter(
            microcredential_id=microcredential_id,
            seqf_level=level,
            decided_on__lte=on,
            valid_until__gte=on,
        )
        .order_by("-decided_on", "-pk")
        .first()
    )


def level_status(version: MicroCredentialVersion, *, on: date | None = None) -> LevelStatus:
    """The version's level on ``on`` (default today): decided only with a valid MYH decision for it."""
    day = on or timezone.localdate()
    microcredential = version._state.fields_cache.get("microcredential")
    prefetched = getattr(microcredential, "_prefetched_objects_cache", {}).get("level_decisions")
    if prefetched is not None:  # lists prefetch the decisions: no query per row
        candidates = [
            d
            for d in prefetched
            if d.seqf_level == version.seqf_level and d.decided_on <= day <= d.valid_until
        ]
        decision = max(candidates, key=lambda d: (d.decided_on, d.pk), default=None)
    else:
        decision = valid_decision(version.microcredential_id, level=version.seqf_level, on=day)
    return LevelStatus(
        seqf_level=version.seqf_level,
        eqf_level=version.eqf_level,
        decided=decision is not None,
        decision=decision,
    )
