"""Each learner's verified-skill set: which skills their credentials prove right now, and by which credential.

What counts (checked when the set is computed):

- a credential issued in MIMIS that the learner holds (``mimis.wallet.selectors.credentials_for_learner``),
  that is neither revoked nor suspended nor past its ``validUntil``, and whose signed form verifies now
  (``mimis.verification.services.verify``: proof, issuer key, status list and dates) and was signed by a
  MIMIS issuer. Its skills are those of the learning outcomes of the exact micro-credential version it was
  issued for;
- a credential imported from another platform (``mimis.wallet.models.ExternalCredential``) that verifies
  again now (``mimis.wallet.imports.recheck``) and whose achievement is aligned to taxonomy skills we know
  (``alignment`` entries naming a JobTech or ESCO concept); such proofs are marked ``imported``.

How it stays correct:

1. **Events.** Issuing announces new credentials and every revocation, suspension and reinstatement
   (``mimis.issuing.signals``); the wallet's own rows (a claimed credential, a newly verified address, an
   imported or removed credential) are saved models. ``mimis.matching.handlers`` turns each of these into a
   refresh of the learner concerned, queued after the transaction commits.
2. **Reads filter again.** ``verified_skills_of`` joins the stored rows with the credential's current state
   and end of validity, so a revoked, suspended or expired credential stops counting at once, even before
   its refresh has run (and a failed or lagging queue can only make the set smaller, never wrong).
3. **Periodic recheck.** Each learner's ``LearnerSkillState.recheck_at`` is the earliest expiry among the
   counted credentials, or at most ``RECHECK_IMPORTED_AFTER`` away when imported credentials count (their
   issuers may revoke them elsewhere). ``mimis matching refresh --due`` (run it e.g. hourly from cron or the
   worker) recomputes the learners whose time has come; ``mimis matching refresh --all`` recomputes everyone.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mimis.accounts.models import User
from mimis.catalog.models import LearningOutcomeSkill
from mimis.issuing.artefacts import signed_credential
from mimis.issuing.models import Credential, CredentialState
from mimis.matching.models import LearnerSkillState, VerifiedSkill
from mimis.taxonomy.models import Concept, Scheme, Source
from mimis.vc.jwt import decode_unverified
from mimis.verification import services as verification
from mimis.wallet import imports
from mimis.wallet.models import ExternalCredential, ImportStatus
from mimis.wallet.selectors import credentials_for_learner

logger = logging.getLogger(__name__)

#: Imported credentials are checked again at least this often (their status lists live elsewhere).
RECHECK_IMPORTED_AFTER = timedelta(days=1)
JOBTECH_CONCEPT_PREFIXES = (
    "http://data.jobtechdev.se/taxonomy/concept/",
    "https://data.jobtechdev.se/taxonomy/concept/",
    "urn:jobtech:concept:",
)


@dataclass(frozen=True)
class Proof:
    """One credential that proves a skill."""

    skill_id: int
    credential_id: str
    title: str
    issuer_name: str
    imported: bool
    valid_until: datetime | None = None


@dataclass
class VerifiedSet:
    """A learner's verified skills: skill id → the credentials that prove it (MIMIS-issued ones first)."""

    proofs: dict[int, list[Proof]] = field(default_factory=dict)

    @property
    def skill_ids(self) -> set[int]:
        return set(self.proofs)

    def best(self, skill_id: int) -> Proof | None:
        found = self.proofs.get(skill_id)
        return found[0] if found else None


# --- computing ---------------------------------------------------------------------------------------


def _verifies_now(credential: Credential) -> bool:
    """The signed form verifies (proof, issuer key, status, dates) and a MIMIS issuer signed it."""
    signed = signed_credential(credential)
    if not signed:
        return False
    try:
        report = verification.verify(signed)
    except verification.MimisError:
        return False
    return bool(report.verified and report.known_issuer)


def _concept_from_alignment(alignment: Any, by_source_id: dict[tuple[str, str], int]) -> int | None:
    if not isinstance(alignment, dict):
        return None
    url = alignment.get("targetUrl") or alignment.get("url") or ""
    code = alignment.get("targetCode") or ""
    framework = str(alignment.get("targetFramework") or "").lower()
    if isinstance(url, str):
        for prefix in JOBTECH_CONCEPT_PREFIXES:
            if url.startswith(prefix):
                return by_source_id.get((Source.JOBTECH, url[len(prefix) :].strip("/")))
        if url.startswith("http://data.europa.eu/esco/"):
            return by_source_id.get((Source.ESCO, url))
    if isinstance(code, str) and code and "jobtech" in framework:
        return by_source_id.get((Source.JOBTECH, code))
    return None


def _alignments(content: dict[str, Any] | str) -> list[Any]:
    """The ``alignment`` entries of an imported credential's achievement (OB 3.0) or badge (OB 2.0)."""
    document: Any = content
    if isinstance(content, str):
        try:
            payload = decode_unverified(content)[1]
        except Exception:  # noqa: BLE001 - not a JWT: nothing to read
            return []
        document = payload.get("vc", payload)
    if not isinstance(document, dict):
        return []
    found: list[Any] = []
    subjects = document.get("credentialSubject")
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
            found += _as_list(subject["achievement"].get("alignment"))
    badge = document.get("badge")
    if isinstance(badge, dict):
        found += _as_list(badge.get("alignment"))
    return found


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if isinstance(value, dict) else []


def imported_skill_ids(credential: ExternalCredential) -> set[int]:
    """The taxonomy skills an imported credential's achievement is aligned to (those we know)."""
    try:
        content = imports.stored_content(credential)
    except (ValueError, json.JSONDecodeError):
        return set()
    alignments = _alignments(content)
    wanted: set[tuple[str, str]] = set()
    for alignment in alignments:
        if not isinstance(alignment, dict):
            continue
        url = alignment.get("targetUrl") or ""
        code = alignment.get("targetCode") or ""
        if isinstance(url, str):
            for prefix in JOBTECH_CONCEPT_PREFIXES:
                if url.startswith(prefix):
                    wanted.add((Source.JOBTECH, url[len(prefix) :].strip("/")))
            if url.startswith("http://data.europa.eu/esco/"):
                wanted.add((Source.ESCO, url))
        if isinstance(code, str) and code:
            wanted.add((Source.JOBTECH, code))
    if not wanted:
        return set()
    query = Q()
    for source, source_id in wanted:
        query |= Q(source=source, source_id=source_id)
    by_source_id = {
        (c.source, c.source_id): c.pk
        for c in Concept.objects.filter(query, scheme=Scheme.SKILL).only("pk", "source", "source_id")
    }
    return {pk for a in alignments if (pk := _concept_from_alignment(a, by_source_id)) is not None}


def _imported_valid_until(credential: ExternalCredential) -> datetime | None:
    try:
        content = imports.stored_content(credential)
    except (ValueError, json.JSONDecodeError):
        return None
    document: Any = content
    if isinstance(content, str):
        try:
            document = decode_unverified(content)[1]
            document = document.get("vc", document)
        except Exception:  # noqa: BLE001
            return None
    value = document.get("validUntil") or document.get("expirationDate") or document.get("expires")
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, timezone.utc)


def compute_proofs(learner: User, *, now: datetime | None = None) -> list[Proof]:
    """Every (skill, credential) that counts for the learner now. Verifies each credential (slow: the
    signature is checked); :func:`refresh_verified_skills` stores the result."""
    now = now or timezone.now()
    proofs: list[Proof] = []
    held = [
        c
        for c in credentials_for_learner(learner=learner).filter(state=CredentialState.VALID)
        if c.valid_until is None or c.valid_until > now
    ]
    counting = [c for c in held if _verifies_now(c)]
    skills_by_version: dict[int, set[int]] = defaultdict(set)
    for version_id, skill_id in LearningOutcomeSkill.objects.filter(
        learning_outcome__version_id__in={c.version_id for c in counting}
    ).values_list("learning_outcome__version_id", "skill_id"):
        skills_by_version[version_id].add(skill_id)
    for credential in counting:
        for skill_id in sorted(skills_by_version[credential.version_id]):
            proofs.append(
                Proof(
                    skill_id=skill_id,
                    credential_id=str(credential.pk),
                    title=credential.version.display_title,
                    issuer_name=credential.organisation.name,
                    imported=False,
                    valid_until=credential.valid_until,
                )
            )
    for external in ExternalCredential.objects.filter(user=learner):
        external = imports.recheck(credential=external)
        if external.status != ImportStatus.VERIFIED:
            continue
        valid_until = _imported_valid_until(external)
        if valid_until is not None and valid_until <= now:
            continue
        for skill_id in sorted(imported_skill_ids(external)):
            proofs.append(
                Proof(
                    skill_id=skill_id,
                    credential_id=str(external.pk),
                    title=external.title,
                    issuer_name=external.issuer_name,
                    imported=True,
                    valid_until=valid_until,
                )
            )
    return proofs


@transaction.atomic
def refresh_verified_skills(*, learner: User) -> list[Proof]:
    """Recompute and store the learner's verified skills (replacing what was stored)."""
    now = timezone.now()
    proofs = compute_proofs(learner, now=now) if learner.is_active else []
    VerifiedSkill.objects.filter(learner=learner).delete()
    VerifiedSkill.objects.bulk_create(
        [
            VerifiedSkill(
                learner=learner,
                skill_id=p.skill_id,
                credential_id=None if p.imported else p.credential_id,
                external_credential_id=p.credential_id if p.imported else None,
                imported=p.imported,
                valid_until=p.valid_until,
                checked_at=now,
            )
            for p in proofs
        ]
    )
    expiries = [p.valid_until for p in proofs if p.valid_until is not None]
    if any(p.imported for p in proofs) or ExternalCredential.objects.filter(user=learner).exists():
        expiries.append(now + RECHECK_IMPORTED_AFTER)
    LearnerSkillState.objects.update_or_create(
        learner=learner, defaults={"refreshed_at": now, "recheck_at": min(expiries) if expiries else None}
    )
    return proofs


def refresh_learners(learners: Iterable[User]) -> int:
    count = 0
    for learner in learners:
        refresh_verified_skills(learner=learner)
        count += 1
    return count


def due_learners(*, now: datetime | None = None) -> list[User]:
    """Learners whose verified skills must be computed again: an expiry or a routine recheck is due."""
    now = now or timezone.now()
    ids = LearnerSkillState.objects.filter(recheck_at__lte=now).values_list("learner_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids)))


# --- reading -----------------------------------------------------------------------------------------


def verified_skills_of(learner: User, *, now: datetime | None = None) -> VerifiedSet:
    """The learner's stored verified skills, leaving out at read time what was revoked, suspended or has
    expired since the last refresh. Computes the set first if it was never computed."""
    now = now or timezone.now()
    if not LearnerSkillState.objects.filter(learner=learner).exists():
        refresh_verified_skills(learner=learner)
    rows = (
        VerifiedSkill.objects.filter(learner=learner)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .filter(
            Q(imported=False, credential__state=CredentialState.VALID)
            | Q(imported=True, external_credential__status=ImportStatus.VERIFIED)
        )
        .select_related("credential__version", "credential__organisation", "external_credential")
        .order_by("imported", "pk")
    )
    result = VerifiedSet()
    for row in rows:
        if row.imported:
            external = row.external_credential
            proof = Proof(
                row.skill_id, str(external.pk), external.title, external.issuer_name, True, row.valid_until
            )
        else:
            credential = row.credential
            proof = Proof(
                row.skill_id,
                str(credential.pk),
                credential.version.display_title,
                credential.organisation.name,
                False,
                row.valid_until,
            )
        result.proofs.setdefault(row.skill_id, []).append(proof)
    return result
