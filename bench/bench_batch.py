"""End-to-end batch issuance: a CSV of N learners to stored, signed credentials.

    python bench/bench_batch.py                                            # embedded SQLite (temporary)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_batch.py
    BENCH_BATCH_SIZE=1000 python bench/bench_batch.py

Measures what an issuer's upload costs: reading and checking the file (``create_batch`` +
``start_batch``: every row validated, rows stored, job queued) and the job itself (``process_batch``:
eddsa-rdfc-2022 signatures, status-list indexes allocated, credentials stored, audit entries chained,
one e-mail task queued per learner in the durable queue), in this process on one core, as one worker
would. Uses its own database (see common.py).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

SIZE = int(os.environ.get("BENCH_BATCH_SIZE", "10000"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import prepare_database  # noqa: E402


def published_version():  # type: ignore[no-untyped-def]
    from mimis.accounts.models import Membership, Organisation, User
    from mimis.catalog.models import (
        LearningOutcome,
        LearningOutcomeSkill,
        MicroCredential,
        MicroCredentialVersion,
        VersionStatus,
    )
    from mimis.taxonomy.demo_data import load_demo_taxonomy
    from mimis.taxonomy.models import Concept

    load_demo_taxonomy()
    provider = Organisation.objects.create(
        name="Högskolan Kristianstad", slug="hkr", kind="education_provider", status="approved"
    )
    issuer = User.objects.create_user(email="issuer@hkr.example.se", password=None, name="Jonas")
    Membership.objects.create(user=issuer, organisation=provider, role="issuer")
    microcredential = MicroCredential.objects.create(provider=provider, slug="demensvard-grunder")
    version = MicroCredentialVersion.objects.create(
        microcredential=microcredential,
        number=1,
        status=VersionStatus.PUBLISHED,
        title="Demensvård – grunder",
        summary="Grunder i personcentrerad demensvård för dig som arbetar i vård och omsorg.",
        workload_hours=40,
        workload_ects="1.5",
        eqf_level=4,
        seqf_level=4,
        assessment_type="written",
        assessment_description="Skriftlig reflektion över ett fall från den egna arbetsplatsen.",
        participation_form=["online"],
        quality_assurance="external_review",
        languages=["sv"],
    )
    skills = list(Concept.objects.filter(scheme="skill")[:6])
    for position, text in enumerate(
        [
            "Beskriva hur demens påverkar vardagen och omsorgen.",
            "Tillämpa ett personcentrerat förhållningssätt i mötet med personen.",
            "Dokumentera iakttagelser enligt arbetsplatsens rutiner.",
        ]
    ):
        outcome = LearningOutcome.objects.create(version=version, position=position, text=text)
        for skill in skills[position * 2 : position * 2 + 2]:
            LearningOutcomeSkill.objects.create(learning_outcome=outcome, skill=skill)
    return version, issuer


def main() -> None:
    label = prepare_database("mimis_bench_batch")
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from mimis.issuing import batches
    from mimis.issuing.models import Credential, StatusList

    version, issuer = published_version()
    lines = ["Förnamn;Efternamn;E-post"] + [
        f"Deltagare;Nummer {n};deltagare.{n}@example.se" for n in range(SIZE)
    ]
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")

    started = time.perf_counter()
    batch = batches.create_batch(
        organisation=version.microcredential.provider,
        version=version,
        credential_format="ldp",
        filename="deltagare.csv",
        content=content,
        acting_user=issuer,
    )
    batch = batches.start_batch(batch=batch, mapping=batch.mapping, acting_user=issuer)
    checked = time.perf_counter()
    batch = batches.process_batch(batch_id=str(batch.pk))
    finished = time.perf_counter()

    assert batch.status == "done", batch.error
    assert Credential.objects.count() == SIZE == batch.issued_count
    # One 2-bit "message" entry per credential (valid / revoked / suspended).
    assert StatusList.objects.get(purpose="message").next_index == SIZE
    emails = DBTaskResult.objects.filter(task_path__endswith="send_credential_issued_email").count()
    assert emails == SIZE, emails
    size = len(str(Credential.objects.first().document).encode())
    print(
        f"batch issuance on {label} ({connection.vendor}), {SIZE} learners, one worker, credential ~{size} bytes"
    )
    print(f"  read + check every row + store rows + queue job  {checked - started:8.2f} s")
    print(f"  sign + store + status + audit + queue e-mails    {finished - checked:8.2f} s")
    print(
        f"  end to end                                       {finished - started:8.2f} s"
        f"   ({SIZE / (finished - started):.0f} credentials/s)"
    )


if __name__ == "__main__":
    main()
