"""Import time of the full JobTech Taxonomy export and search latency of the skill picker.

Run: ``python bench/bench_taxonomy.py [--jobtech DIR] [--rounds 200]``

Uses a fresh SQLite database in a temporary folder unless ``DATABASE_URL`` is set (then that database
is migrated, and the imported rows are rolled back at the end). Prints the first and the repeated
import time and the median / 95th percentile of ``search_concepts`` over a mix of Swedish queries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUERIES = [
    "omsorg", "vårdade", "demensvården", "basal hygien", "dokumentation", "bemötande", "bokföring",
    "kundtjänst", "digital marknadsföring", "truck", "arbetsmiljö", "undersköterska", "städning", "lager",
    "svenska", "ergonomi", "livsmedelshygien", "excel", "a", "sjukvård",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--jobtech",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "taxonomy" / "jobtech",
    )
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    scratch = None
    if "DATABASE_URL" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="mimis-bench-taxonomy-")
        os.environ["MIMIS_DATA_DIR"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mimis.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from mimis.taxonomy.selectors import search_concepts
    from mimis.taxonomy.services import import_jobtech

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        first = import_jobtech(directory=args.jobtech)
        again = import_jobtech(directory=args.jobtech)
        print(f"JobTech import, first:  {first.seconds:6.2f} s  ({first.total('created')} concepts created)")
        print(f"JobTech import, again:  {again.seconds:6.2f} s  ({again.total('unchanged')} unchanged)")
        for scheme in (None, "skill"):
            timings = []
            for index in range(args.rounds):
                started = time.perf_counter()
                search_concepts(query=QUERIES[index % len(QUERIES)], scheme=scheme, limit=20)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"search (scheme={scheme}): median {statistics.median(timings):5.1f} ms, p95 {p95:5.1f} ms")
        transaction.set_rollback(True)
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
