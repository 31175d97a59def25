"""Catalogue search benchmark: N generated published micro-credentials, typical searches, page of 20.

    python bench/bench_catalog.py                      # embedded SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_catalog.py
    BENCH_CATALOG_SIZE=10000 python bench/bench_catalog.py

It creates its own database (a temporary SQLite file, or the database ``mimis_bench`` next to the one
DATABASE_URL names, dropped and re-created), so it never touches real data. Prints median and p95.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

SIZE = int(os.environ.get("BENCH_CATALOG_SIZE", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import prepare_database  # noqa: E402

WORDS = [
    "omsorg",
    "vård",
    "demens",
    "hygien",
    "truck",
    "lager",
    "kund",
    "service",
    "bokföring",
    "bageri",
    "svenska",
    "språk",
    "dokumentation",
    "ergonomi",
    "försäljning",
    "kassa",
    "ekonomi",
    "digital",
    "hemtjänst",
    "äldre",
    "mat",
    "nutrition",
    "hjälp",
    "säkerhet",
    "arbetsmiljö",
]
FORMS = ["online", "on_site", "blended", "volunteering", "work_based"]


def generate() -> dict:
    from django.db import transaction

    from mimis.accounts.models import Organisation
    from mimis.catalog.models import (
        LearningOutcome,
        LearningOutcomeSkill,
        MicroCredential,
        MicroCredentialVersion,
        VersionStatus,
    )
    from mimis.catalog.services import refresh_search_text  # noqa: F401  (the same text layout is built below)
    from mimis.taxonomy.demo_data import load_demo_taxonomy
    from mimis.taxonomy.models import Concept
    from mimis.taxonomy.text import normalise, stem

    shared = ROOT.parent / "shared" / "taxonomy" / "jobtech"
    if shared.is_dir():
        from mimis.taxonomy.services import import_jobtech

        import_jobtech(directory=shared)
    else:
        load_demo_taxonomy()
    skills = list(Concept.objects.filter(scheme="skill").values_list("pk", "preferred_label"))
    sectors = list(Concept.objects.filter(scheme="industry").values_list("pk", flat=True))
    rng = random.Random(42)
    providers = [
        Organisation.objects.create(
            name=f"Anordnare {i}", slug=f"anordnare-{i}", kind="education_provider", status="approved"
        )
        for i in range(50)
    ]
    started = time.perf_counter()
    batch = 2000
    with transaction.atomic():
        for offset in range(0, SIZE, batch):
            count = min(batch, SIZE - offset)
            mcs = MicroCredential.objects.bulk_create(
                [
                    MicroCredential(provider=rng.choice(providers), slug=f"mc-{offset + i}")
                    for i in range(count)
                ]
            )
            versions = []
            chosen_skills = []
            for mc in mcs:
                title_words = rng.sample(WORDS, 3)
                picked = rng.sample(skills, 3)
                chosen_skills.append(picked)
                title = " ".join(title_words).capitalize()
                summary = (
                    f"Du lär dig {title_words[0]}en och {title_words[1]} i arbetet med {title_words[2]}."
                )
                words = normalise(" ".join([title, summary, *(label for _, label in picked)])).split()
                versions.append(
                    MicroCredentialVersion(
                        microcredential=mc,
                        number=1,
                        status=VersionStatus.PUBLISHED,
                        title=title,
                        summary=summary,
                        workload_hours=rng.randint(4, 200),
                        eqf_level=(lvl := rng.randint(1, 6)),
                        seqf_level=lvl,
                        assessment_type="practical",
                        participation_form=rng.sample(FORMS, rng.randint(1, 2)),
                        quality_assurance="external_review",
                        languages=["sv"],
                        target_groups=["health_social_care"],
                        search_text=" "
                        + " ".join(dict.fromkeys(words))
                        + " | "
                        + " ".join(dict.fromkeys(stem(w) for w in words))
                        + " ",
                    )
                )
            versions = MicroCredentialVersion.objects.bulk_create(versions)
            outcomes = LearningOutcome.objects.bulk_create(
                [
                    LearningOutcome(version=v, position=0, text="Kunna tillämpa det i arbetet.")
                    for v in versions
                ]
            )
            LearningOutcomeSkill.objects.bulk_create(
                [
                    LearningOutcomeSkill(learning_outcome=o, skill_id=pk)
                    for o, picked in zip(outcomes, chosen_skills, strict=True)
                    for pk, _ in picked
                ]
            )
            Through = MicroCredentialVersion.sectors.through
            Through.objects.bulk_create(
                [Through(microcredentialversion_id=v.pk, concept_id=rng.choice(sectors)) for v in versions]
            )
    from mimis.catalog.services import sync_search_index

    sync_search_index(list(MicroCredentialVersion.objects.values_list("pk", flat=True)))
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would gather them
        cursor.execute("ANALYZE")
    print(f"generated and indexed {SIZE} micro-credentials in {time.perf_counter() - started:.1f} s")
    from mimis.taxonomy.text import normalise as _normalise

    specific = [w for _, label in skills[:400] for w in _normalise(label).split() if len(w) > 4][:200]
    return {"skill": skills[0][0], "skills": [pk for pk, _ in skills[:50]], "words": specific}


def measure(name: str, make_filters) -> None:  # type: ignore[no-untyped-def]
    from django.core.paginator import Paginator

    from mimis.catalog.selectors import catalogue_search

    timings = []
    for i in range(REPEAT):
        started = time.perf_counter()
        page = Paginator(catalogue_search(filters=make_filters(i)), 20).get_page(1)
        _ = page.paginator.count
        rows = list(page.object_list)
        for version in rows:  # what the results template touches
            _ = version.microcredential.provider.name
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{name:<28} median {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    prepare_database("mimis_bench")
    from django.db import connection

    from mimis.catalog.selectors import CatalogueFilters

    ids = generate()
    print(
        f"database: {connection.vendor}, {SIZE} published micro-credentials, page of 20, {REPEAT} runs each"
    )
    # Skill words match like real searches (a few hundred hits); the generic words each match ~12 %.
    measure("text", lambda i: CatalogueFilters(query=ids["words"][i % len(ids["words"])]))
    measure("text, broad (~12 % match)", lambda i: CatalogueFilters(query=WORDS[i % len(WORDS)]))
    measure(
        "text + filters",
        lambda i: CatalogueFilters(
            query=WORDS[i % len(WORDS)], seqf_level=1 + i % 6, participation_form=FORMS[i % len(FORMS)]
        ),
    )
    measure("skill filter", lambda i: CatalogueFilters(skill=ids["skills"][i % len(ids["skills"])]))
    measure("browse (no filter)", lambda i: CatalogueFilters())


if __name__ == "__main__":
    main()
