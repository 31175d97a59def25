"""Regional insights benchmark: N issued credentials, then p50/p95 of every dashboard answer and the
time of a full rollup refresh.

    python bench/bench_insights.py                                   # SQLite, 1,000,000 credentials
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x python bench/bench_insights.py --credentials 1000000
    python bench/bench_insights.py --credentials 100000 --repeat 20

It creates its own database (a temporary SQLite file, or the PostgreSQL database ``--database``, default
``bench_h9``, dropped and re-created). Credentials are inserted directly (unsigned, with real status-list
fields): signing a million is bench_batch.py's subject, not this one's. 3 % are revoked, 1 % suspended,
a third have a validity period (some have expired), 30 % are in a wallet and 5 % on a share link. Job ads:
5,000 with cached skills. Role profiles (mimis.matching) are not generated: that app is not on this
branch, so profile demand is empty here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import prepare_database  # noqa: E402

PILOTS = ["outside_labour_market", "health_social_care", "small_business", "newly_arrived", "employees"]


def generate(n: int, seed: int = 15) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from mimis.accounts.models import Organisation, User
    from mimis.catalog.models import (
        LearningOutcome,
        LearningOutcomeSkill,
        MicroCredential,
        MicroCredentialVersion,
        VersionStatus,
    )
    from mimis.insights.models import JobAd, JobAdImport
    from mimis.issuing.models import Credential, IssuerKey, StatusList
    from mimis.taxonomy.models import Concept
    from mimis.wallet.models import ShareLink, WalletEntry

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        skills = Concept.objects.bulk_create(
            Concept(scheme="skill", source="jobtech", source_id=f"s{i}", preferred_label=f"Färdighet {i}")
            for i in range(300)
        )
        sectors = Concept.objects.bulk_create(
            Concept(
                scheme="industry",
                source="jobtech",
                source_id=f"i{i}",
                code=f"{10 + i}",
                preferred_label=f"Bransch {i}",
            )
            for i in range(20)
        )
        occupations = Concept.objects.bulk_create(
            Concept(
                scheme="occupation_group",
                source="jobtech",
                source_id=f"o{i}",
                code=f"{5300 + i}",
                preferred_label=f"Yrke {i}",
            )
            for i in range(40)
        )
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"Anordnare {i}",
                slug=f"org-{i}",
                kind="employer" if i % 4 == 0 else "education_provider",
                status="approved",
            )
            for i in range(24)
        )
        keys, lists = {}, {}
        for org in orgs:
            keys[org.pk] = IssuerKey.objects.create(
                organisation=org, key_id="k1", algorithm="Ed25519", public_key="z", encrypted_private_key=b""
            )
            lists[org.pk] = StatusList.objects.create(organisation=org, purpose="message", number=1)
        versions = []
        for i in range(500):
            org = orgs[i % len(orgs)]
            mc = MicroCredential.objects.create(provider=org, slug=f"mc-{i}")
            version = MicroCredentialVersion.objects.create(
                microcredential=mc,
                number=1,
                title=f"Mikromerit {i}",
                status=VersionStatus.PUBLISHED,
                seqf_level=rng.choice([None, 2, 3, 4, 5, 6]),
                target_groups=rng.sample(PILOTS, rng.choice([0, 1, 1, 2])),
                validity_months=rng.choice([None, None, 12, 24, 36]),
            )
            version.sectors.set(rng.sample(sectors, rng.choice([1, 1, 2])))
            version.occupations.set(rng.sample(occupations, 1))
            outcome = LearningOutcome.objects.create(version=version, text="x")
            LearningOutcomeSkill.objects.bulk_create(
                LearningOutcomeSkill(learning_outcome=outcome, skill=s)
                for s in rng.sample(skills, rng.randint(2, 4))
            )
            versions.append(version)
        users = User.objects.bulk_create(
            User(email=f"holder{i}@example.se", name=f"H {i}") for i in range(2000)
        )
    people = max(1, int(n * 0.6))
    started = time.monotonic()
    batch: list[Credential] = []
    claims: list[WalletEntry] = []
    shares: list[tuple[str, uuid.UUID]] = []

    def flush() -> None:
        Credential.objects.bulk_create(batch, batch_size=5000)
        WalletEntry.objects.bulk_create(claims, batch_size=5000)
        batch.clear()
        claims.clear()

    for i in range(n):
        version = versions[int(rng.paretovariate(1.2)) % len(versions)]
        org_id = version.microcredential.provider_id
        issued_at = now - timedelta(days=rng.uniform(0, 3 * 365))
        valid_until = (
            issued_at + timedelta(days=30 * version.validity_months) if version.validity_months else None
        )
        roll = rng.random()
        state, changed = "valid", None
        if roll < 0.03:
            state, changed = "revoked", issued_at + (now - issued_at) * rng.random()
        elif roll < 0.04:
            state, changed = "suspended", issued_at + (now - issued_at) * rng.random()
        credential_id = uuid.uuid4()
        batch.append(
            Credential(
                id=credential_id,
                version=version,
                organisation_id=org_id,
                recipient_email=f"p{rng.randrange(people)}@example.se",
                recipient_name="X",
                format="ldp",
                document=None,
                token="",
                key=keys[org_id],
                idempotency_key=credential_id.hex,
                revocation_list=lists[org_id],
                revocation_index=2 * i + 1,
                suspension_list=lists[org_id],
                suspension_index=2 * i,
                state=state,
                state_changed_at=changed,
                issued_at=issued_at,
                valid_until=valid_until,
            )
        )
        if rng.random() < 0.30:
            claims.append(
                WalletEntry(user=users[i % len(users)], credential_id=credential_id, via="claim_link")
            )
        if rng.random() < 0.05:
            shares.append((f"b{i}", credential_id))
        if len(batch) >= 20000:
            flush()
            print(f"  {i + 1:,} credentials …", flush=True)
    flush()
    links = ShareLink.objects.bulk_create(
        (
            ShareLink(
                token=token, user=users[j % len(users)], kind="credential", view_count=rng.randint(0, 9)
            )
            for j, (token, _c) in enumerate(shares)
        ),
        batch_size=5000,
    )
    ShareLink.credentials.through.objects.bulk_create(
        (
            ShareLink.credentials.through(sharelink_id=link.pk, credential_id=cid)
            for link, (_t, cid) in zip(links, shares, strict=True)
        ),
        batch_size=5000,
    )
    imported = JobAdImport.objects.create(file_name="bench.json", ad_count=5000)
    JobAd.objects.bulk_create(
        (
            JobAd(
                source_id=f"ad{i}",
                imported=imported,
                headline="Annons",
                text_hash="x",
                occupation=rng.choice(occupations),
                occupation_field=rng.choice(["Hälso- och sjukvård", "Försäljning", "Bygg"]),
                skill_ids=[s.pk for s in rng.sample(skills, 4)] + [skills[-1].pk + 1 + i % 50],
            )
            for i in range(5000)
        ),
        batch_size=2000,
    )
    return {
        "insert_seconds": time.monotonic() - started,
        "sectors": [s.pk for s in sectors],
        "providers": [o.pk for o in orgs],
        "versions": [v.pk for v in versions],
    }


def reuse_database() -> str:
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "mimis.settings"
    os.environ["MIMIS_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("MIMIS_BASE_URL", "https://mimis.example")
    import django

    django.setup()
    return "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"


def existing_data() -> dict:
    from mimis.accounts.models import Organisation
    from mimis.catalog.models import MicroCredentialVersion
    from mimis.taxonomy.models import Concept

    return {
        "sectors": list(
            Concept.objects.filter(scheme="industry").order_by("pk").values_list("pk", flat=True)
        ),
        "providers": list(Organisation.objects.order_by("pk").values_list("pk", flat=True)),
        "versions": list(MicroCredentialVersion.objects.order_by("pk").values_list("pk", flat=True)),
    }


def timed(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--credentials", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database", default="bench_h9")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the database DATABASE_URL names (no generation)",
    )
    args = parser.parse_args()
    label = reuse_database() if args.reuse else prepare_database(args.database)
    from django.test.utils import override_settings

    from mimis.insights import figures, rollups, selectors
    from mimis.insights.selectors import Audience, Filters

    if args.reuse:
        data = existing_data()
        print(f"Regional insights on {label}, the database as generated before")
    else:
        print(f"Regional insights on {label}, {args.credentials:,} credentials")
        data = generate(args.credentials)
        print(f"Generated in {data['insert_seconds']:.1f} s")
        from django.db import connection

        with connection.cursor() as cursor:  # what autovacuum would do soon after a bulk load
            cursor.execute("ANALYZE")
    start = time.monotonic()
    state = rollups.refresh_all()
    print(f"Full rollup refresh: {time.monotonic() - start:.1f} s ({state.credentials:,} credentials)")
    rng = random.Random(1)
    one = rng.choice(data["versions"])
    p50, p95 = timed(lambda: rollups.refresh_versions([one]), max(3, args.repeat // 5))
    print(f"Refresh after one revocation (one version):   p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")

    def random_filters(audience: Audience) -> Filters:
        public = [pk for i, pk in enumerate(data["providers"]) if i % 4]  # every fourth is an employer
        providers = data["providers"] if audience.kind == "region" else public
        return Filters(
            period=selectors.period_for(rng.choice(selectors.PERIOD_KEYS)),
            sector=rng.choice([None, None, *data["sectors"][:5]]),
            target_group=rng.choice(["", "", *PILOTS]),
            provider=rng.choice([None, None, *providers[:5]]),
        )

    def answer(key: str) -> None:
        audience = rng.choice(audiences)
        figures.build(key, random_filters(audience), audience)

    audiences = [Audience("region"), Audience("public")]
    with override_settings(LANGUAGE_CODE="sv"):
        for key in figures.FIGURE_KEYS + ("issued_by_sector_and_month",):
            p50, p95 = timed(lambda k=key: answer(k), args.repeat)
            print(f"{key:32s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        p50, p95 = timed(
            lambda: selectors.skill_supply_and_demand(target_group=rng.choice(["", *PILOTS])), args.repeat
        )
        print(f"{'supply_against_demand':32s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        p50, p95 = timed(lambda: selectors.occupation_supply_and_demand(), args.repeat)
        print(f"{'shortage_occupations':32s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
