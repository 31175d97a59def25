"""Benchmark: competence matching at the size of the issue, on SQLite and PostgreSQL in one run.

    python bench/bench_matching.py [--learners 100000] [--credentials 8] [--runs 30] [--only sqlite|postgres]

PostgreSQL: ``--pg-url postgres://postgres@127.0.0.1:5432/bench_h12`` (the default; the database is dropped
and re-created). Each backend runs in its own child process (Django is set up once per process).

Data (generated, never real): the full JobTech Taxonomy (6,657 skills and the occupation relations),
3,000 published micro-credentials with 4 skills each drawn uniformly from all skills, and ``--learners``
learners holding on average ``--credentials`` credentials each (Poisson-like, 1..2×). The credentials are
real ``issuing.Credential`` rows (bulk-inserted copies of one properly issued credential, new ids), and
**the learners' ``VerifiedSkill`` rows are inserted directly in bulk** (with their ``LearnerSkillState``):
no signature is verified here, which is what the precomputed set exists for (see mimis/matching/verified.py).
Every learner has opted in (``findable_by_skills``): the worst case for ranking.

Timed (p50/p95 over ``--runs``):

- candidate ranking for a 15-skill profile made of the 15 most frequent skills in the data (worst case):
  ``rank_candidates`` (one aggregate query) and the whole ``search_candidates`` (ranking, the
  per-skill summary, storing the search, its 50 appearances and the audit record);
- one gap analysis with recommendation (a learner against that profile);
- closest occupations for one learner.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TAXONOMY_CANDIDATES = (ROOT.parent / "shared" / "taxonomy" / "jobtech", Path("/work/shared/taxonomy/jobtech"))
MICROCREDENTIALS = 3000
SKILLS_PER_MC = 4
BATCH = 20000


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def timed(func, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    func()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


def generate(learners: int, per_learner: int, seed: int = 7) -> dict:  # type: ignore[type-arg]
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
    from mimis.issuing.keys import ensure_issuer_keys
    from mimis.issuing.models import Credential
    from mimis.issuing.services import issue_credential
    from mimis.matching.models import LearnerSkillState, VerifiedSkill
    from mimis.taxonomy.models import Concept
    from mimis.wallet.models import LearnerProfile

    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    provider = Organisation.objects.create(
        name="Bench provider", slug="bench-provider", kind="education_provider", status="approved"
    )
    ensure_issuer_keys(organisation=provider)
    employer = Organisation.objects.create(
        name="Bench employer", slug="bench-employer", kind="employer", status="approved"
    )
    skill_ids = list(Concept.objects.filter(scheme="skill").values_list("pk", flat=True))
    with transaction.atomic():
        mcs = MicroCredential.objects.bulk_create(
            [MicroCredential(provider=provider, slug=f"bench-mc-{i}") for i in range(MICROCREDENTIALS)]
        )
        versions = MicroCredentialVersion.objects.bulk_create(
            [
                MicroCredentialVersion(
                    microcredential=mc,
                    number=1,
                    status=VersionStatus.PUBLISHED,
                    title=f"Mikromerit {i}",
                    workload_hours=rng.choice([8, 12, 20, 40, 80]),
                    languages=["sv"],
                )
                for i, mc in enumerate(mcs)
            ]
        )
        outcomes = LearningOutcome.objects.bulk_create(
            [LearningOutcome(version=v, text=f"Kunna {v.title}.") for v in versions]
        )
        mc_skills: list[list[int]] = []
        links = []
        for outcome in outcomes:
            chosen = rng.sample(skill_ids, SKILLS_PER_MC)
            mc_skills.append(chosen)
            links += [LearningOutcomeSkill(learning_outcome=outcome, skill_id=s) for s in chosen]
        LearningOutcomeSkill.objects.bulk_create(links, batch_size=BATCH)
    template = issue_credential(
        version=versions[0], email="mall@bench.example", name="Mall", acting_user=None
    ).credential
    print(
        f"  catalogue: {MICROCREDENTIALS} micro-credentials in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    started = time.perf_counter()
    users = [
        User(email=f"l{i}@bench.example", name=f"Learner {i}", email_verified=True) for i in range(learners)
    ]
    for start in range(0, learners, BATCH):
        with transaction.atomic():
            User.objects.bulk_create(users[start : start + BATCH])
    learner_ids = list(
        User.objects.filter(email__endswith="@bench.example")
        .exclude(email="mall@bench.example")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    LearnerProfile.objects.bulk_create(
        [LearnerProfile(user_id=pk, findable_by_skills=True) for pk in learner_ids], batch_size=BATCH
    )
    LearnerSkillState.objects.bulk_create(
        [LearnerSkillState(learner_id=pk, refreshed_at=now) for pk in learner_ids], batch_size=BATCH
    )
    credentials_made = rows_made = 0
    index = 10_000_000
    fields = {
        "organisation_id": template.organisation_id,
        "recipient_language": "sv",
        "format": template.format,
        "key_id": template.key_id,
        "revocation_list_id": template.revocation_list_id,
        "suspension_list_id": template.suspension_list_id,
        "state": template.state,
        "issued_at": now,
    }
    # Raw executemany: Django's bulk_create costs more per row than the database does at this size.
    from django.db import connection

    cred_columns = [
        "id",
        "version_id",
        "recipient_email",
        "recipient_name",
        "idempotency_key",
        "revocation_index",
        "suspension_index",
        *fields,
        "recipient_language_dummy",
    ][:-1]
    cred_columns = list(dict.fromkeys(cred_columns))
    cred_sql = (
        f"INSERT INTO {Credential._meta.db_table} ({', '.join(cred_columns)}, state_reason, token) "
        f"VALUES ({', '.join(['%s'] * (len(cred_columns) + 2))})"
    )
    row_sql = (
        f"INSERT INTO {VerifiedSkill._meta.db_table} (learner_id, skill_id, credential_id, imported, checked_at) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    uuid_value = (lambda u: u) if connection.vendor == "postgresql" else (lambda u: u.hex)
    fixed = list(fields.values())
    pending_creds: list = []  # type: ignore[type-arg]
    pending_rows: list = []  # type: ignore[type-arg]

    def flush() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: one stream instead of a round trip per row
                raw = cursor.cursor
                columns = ", ".join([*cred_columns, "state_reason", "token"])
                with raw.copy(f"COPY {Credential._meta.db_table} ({columns}) FROM STDIN") as copy:
                    for row in pending_creds:
                        copy.write_row(row)
                with raw.copy(
                    f"COPY {VerifiedSkill._meta.db_table} "
                    "(learner_id, skill_id, credential_id, imported, checked_at) FROM STDIN"
                ) as copy:
                    for row in pending_rows:
                        copy.write_row(row)
            else:
                cursor.executemany(cred_sql, pending_creds)
                cursor.executemany(row_sql, pending_rows)
        pending_creds.clear()
        pending_rows.clear()

    for pk in learner_ids:
        count = max(1, min(2 * per_learner, int(rng.gauss(per_learner, per_learner / 3))))
        for mc_index in rng.sample(range(MICROCREDENTIALS), count):
            index += 1
            credential_id = uuid_value(uuid.uuid4())
            pending_creds.append(
                (
                    credential_id,
                    versions[mc_index].pk,
                    f"l{pk}@bench.example",
                    "",
                    uuid.uuid4().hex,
                    index,
                    index,
                    *fixed,
                    "",
                    "",
                )
            )
            pending_rows += [(pk, s, credential_id, False, now) for s in mc_skills[mc_index]]
            credentials_made += 1
            rows_made += SKILLS_PER_MC
        if len(pending_rows) >= BATCH * 5:
            flush()
    flush()
    print(
        f"  learners: {learners} with {credentials_made} credentials and {rows_made} VerifiedSkill rows "
        f"(bulk-inserted) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return {"employer": employer, "learner_ids": learner_ids, "versions": versions}


def child(args: argparse.Namespace) -> None:
    from common import prepare_database

    label = prepare_database("bench_h12")
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count

    settings.MIMIS_MATCHING_SEARCHES_PER_HOUR = 10**9
    settings.MIMIS_MATCHING_VERSIONS_PER_DAY = 10**9
    from mimis.accounts.models import User
    from mimis.matching import services
    from mimis.matching.gap import gap_analysis
    from mimis.matching.models import VerifiedSkill
    from mimis.matching.occupations import closest_occupations
    from mimis.matching.search import rank_candidates, search_candidates
    from mimis.matching.services import SkillSpec
    from mimis.taxonomy.services import import_jobtech
    from tests.factories import member

    print(f"== {label} ==", flush=True)
    started = time.perf_counter()
    source = next((str(p) for p in TAXONOMY_CANDIDATES if p.is_dir()), None)
    if source is None:
        raise SystemExit("No JobTech Taxonomy export found.")
    import_jobtech(directory=source)
    print(f"  taxonomy imported in {time.perf_counter() - started:.1f} s", flush=True)
    data = generate(args.learners, args.credentials)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    employer = data["employer"]
    editor = member(employer, "editor", email="editor@bench.example")
    top = list(
        VerifiedSkill.objects.values("skill_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("skill_id", "n")[:15]
    )
    profile = services.create_role_profile(
        organisation=employer,
        acting_user=editor,
        title="Bench role",
        visibility="shared",
        skills=[
            SkillSpec(pk, "required" if i < 10 else "meritorious", (i % 5) + 1)
            for i, (pk, _n) in enumerate(top)
        ],
    )
    skills = list(profile.current_version.profile_skills.select_related("skill"))
    print(
        f"  profile: 15 most frequent skills, {sum(n for _pk, n in top)} VerifiedSkill rows touch them",
        flush=True,
    )
    matched, _ranked = rank_candidates(organisation=employer, skills=skills)
    print(f"  {matched} learners match at least one skill", flush=True)
    print(
        f"  candidate ranking (rank_candidates: one query) {percentiles(timed(lambda: rank_candidates(organisation=employer, skills=skills), args.runs))}",
        flush=True,
    )
    print(
        f"  whole candidate search (+ summary, stored search, 50 appearances, audit) {percentiles(timed(lambda: search_candidates(organisation=employer, acting_user=editor, profile_id=profile.pk), args.runs))}",
        flush=True,
    )
    learner = User.objects.get(pk=data["learner_ids"][len(data["learner_ids"]) // 2])
    result = gap_analysis(learner=learner, role_profile=profile.pk)
    print(
        f"  gap: {len(result.covered)} covered, {len(result.missing)} missing, {len(result.recommended)} recommended ({result.method})",
        flush=True,
    )
    print(
        f"  gap analysis with recommendation {percentiles(timed(lambda: gap_analysis(learner=learner, role_profile=profile.pk), args.runs))}",
        flush=True,
    )
    print(
        f"  closest occupations {percentiles(timed(lambda: closest_occupations(learner=learner), args.runs))}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--credentials", type=int, default=8)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/bench_h12")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT / "bench"))
        child(args)
        return
    passthrough = [
        "--learners",
        str(args.learners),
        "--credentials",
        str(args.credentials),
        "--runs",
        str(args.runs),
    ]
    for backend in ["sqlite", "postgres"]:
        if args.only and args.only != backend:
            continue
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if backend == "postgres":
            env["DATABASE_URL"] = args.pg_url
        subprocess.run([sys.executable, __file__, "--child", *passthrough], env=env, check=False)


if __name__ == "__main__":
    main()
