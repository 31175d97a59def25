"""Generated data for regional insights, small enough to compute every figure by hand.

Months are counted back from today: M0 this month, M1 the one before, M2 two before.

==========  ==================  =============  ==============  =====  ====================  ==============
version     provider            sector         skills          level  pilot                 credentials
==========  ==================  =============  ==============  =====  ====================  ==============
care        HKR (education)     87 care        Omvårdnad,      4      health_social_care    p1–p7 in M2,
                                               Demensvård                                   p8–p12 in M1;
                                                                                            p1, p2 revoked
retail      HKR                 47 retail      Kundtjänst      3      small_business        p1–p3 in M1
bakery      Österlens Bageri    87 care        Omvårdnad       2      health_social_care    p13–p18 in M0;
            (employer)                                                                      p13 expired
==========  ==================  =============  ==============  =====  ====================  ==============

Issued: M2 7, M1 8, M0 6 (21). Valid at month ends: 7, 15, 18.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from mimis.catalog.models import (
    LearningOutcome,
    LearningOutcomeSkill,
    MicroCredential,
    MicroCredentialVersion,
    VersionStatus,
)
from mimis.insights import rollups
from mimis.insights.selectors import add_months
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential
from mimis.issuing.services import Recipient
from mimis.taxonomy.models import Concept
from tests.factories import OrganisationFactory


def concept(scheme: str, label: str, code: str = "") -> Concept:
    return Concept.objects.create(
        scheme=scheme, source="jobtech", source_id=f"id-{label}", preferred_label=label, code=code
    )


def published_version(provider, title, *, sectors, skills, level, pilots):  # type: ignore[no-untyped-def]
    mc = MicroCredential.objects.create(provider=provider, slug=title.lower())
    version = MicroCredentialVersion.objects.create(
        microcredential=mc,
        number=1,
        title=title,
        status=VersionStatus.PUBLISHED,
        seqf_level=level,
        target_groups=pilots,
        published_at=timezone.now(),
    )
    version.sectors.set(sectors)
    outcome = LearningOutcome.objects.create(version=version, text=f"{title} i praktiken")
    for skill in skills:
        LearningOutcomeSkill.objects.create(learning_outcome=outcome, skill=skill)
    return version


def month_start(months_back: int):  # type: ignore[no-untyped-def]
    """A moment safely inside the month ``months_back`` months ago (the 10th at noon, local time)."""
    today = timezone.localdate()
    first = add_months(today.replace(day=1), -months_back)
    moment = timezone.make_aware(timezone.datetime(first.year, first.month, 10, 12, 0))
    return min(moment, timezone.now() - timedelta(minutes=5))


def issue(version, people, months_back):  # type: ignore[no-untyped-def]
    issued = issuing.issue_credentials(
        version=version,
        recipients=[Recipient(f"{p}@example.se", p.upper(), "sv", None) for p in people],
        acting_user=None,
    )
    ids = [item.credential.pk for item in issued]
    Credential.objects.filter(pk__in=ids).update(issued_at=month_start(months_back))
    return list(Credential.objects.filter(pk__in=ids).order_by("recipient_email"))


@dataclass
class World:
    provider: object
    employer: object
    care: MicroCredentialVersion
    retail: MicroCredentialVersion
    bakery: MicroCredentialVersion
    care_sector: Concept
    retail_sector: Concept
    omvardnad: Concept
    demens: Concept
    kundtjanst: Concept
    credentials: dict


@pytest.fixture
def world(db, provider, on_commit) -> World:  # type: ignore[no-untyped-def]
    employer = OrganisationFactory(name="Österlens Bageri AB", slug="bageri", kind="employer")
    care_sector = concept("industry", "Vård och omsorg", "87")
    retail_sector = concept("industry", "Detaljhandel", "47")
    omvardnad, demens, kundtjanst = (concept("skill", s) for s in ("Omvårdnad", "Demensvård", "Kundtjänst"))
    care = published_version(
        provider,
        "Omsorg",
        sectors=[care_sector],
        skills=[omvardnad, demens],
        level=4,
        pilots=["health_social_care"],
    )
    retail = published_version(
        provider, "Butik", sectors=[retail_sector], skills=[kundtjanst], level=3, pilots=["small_business"]
    )
    bakery = published_version(
        employer, "Bageri", sectors=[care_sector], skills=[omvardnad], level=2, pilots=["health_social_care"]
    )
    people = [f"p{n}" for n in range(1, 19)]
    credentials = {
        "care_m2": issue(care, people[0:7], 2),
        "care_m1": issue(care, people[7:12], 1),
        "retail_m1": issue(retail, people[0:3], 1),
        "bakery_m0": issue(bakery, people[12:18], 0),
    }
    with on_commit():
        for credential in credentials["care_m2"][:2]:  # p1, p2
            issuing.revoke_credential(credential=credential, reason="Fel deltagare", acting_user=None)
    expired = credentials["bakery_m0"][0]  # p13
    Credential.objects.filter(pk=expired.pk).update(valid_until=timezone.now() - timedelta(minutes=1))
    rollups.refresh_all()
    return World(
        provider,
        employer,
        care,
        retail,
        bakery,
        care_sector,
        retail_sector,
        omvardnad,
        demens,
        kundtjanst,
        credentials,
    )
