"""Single-core throughput of the mimis.vc signing paths.

Run: ``python bench/bench_vc.py [--seconds 2] [--profile] [--batch-size 10000] [--no-batch]``

Prints raw Ed25519 signatures/s, eddsa-rdfc-2022 credentials signed/verified per second for a
realistic ~2.6 KB Open Badges 3.0 credential, and VC-JOSE ES256 JWTs signed/verified per second; then
runs ``bench_batch.py`` (end-to-end batch issuance, CSV to stored credentials) on the embedded SQLite
database and on PostgreSQL (``BENCH_POSTGRES_URL``, default the machine's local ``test`` database), so
one run prints every figure.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mimis.vc import dids  # noqa: E402
from mimis.vc.credentials import (  # noqa: E402
    Achievement,
    Alignment,
    Evidence,
    Image,
    IssuerProfile,
    Learner,
    Result,
    ResultDescription,
    build_credential,
    sign_credential,
)
from mimis.vc.jwt import sign_jwt, verify_jwt  # noqa: E402
from mimis.vc.keys import ED25519, P256, generate_key  # noqa: E402
from mimis.vc.status import status_list_entry  # noqa: E402
from mimis.vc.verify import verify_credential  # noqa: E402

ISSUER = "did:web:mimis.example:org:skane"


def sample_credential() -> dict:
    achievement = Achievement(
        id="https://mimis.example/achievements/7f1c",
        name="Grundläggande svetsning (MIG/MAG)",
        description=(
            "Deltagaren kan utföra grundläggande MIG/MAG-svetsning enligt gällande säkerhetsföreskrifter."
        ),
        criteria_narrative="Godkänd praktisk examination och skriftligt prov om arbetsmiljö.",
        image=Image("https://mimis.example/media/badges/7f1c.png"),
        achievement_type="MicroCredential",
        alignments=(
            Alignment("Svetsning", "https://esco.ec.europa.eu/sv/skill/abc", target_framework="ESCO"),
        ),
        credits_available=7.5,
        field_of_study="Teknik",
        in_language="sv",
        result_descriptions=(
            ResultDescription(
                "https://mimis.example/achievements/7f1c/results/grade",
                "Betyg",
                "LetterGrade",
                ("U", "G", "VG"),
            ),
        ),
        tags=("svetsning", "industri"),
        human_code="SV-101",
        version="1.0",
    )
    return build_credential(
        credential_id="urn:uuid:4b1f58a6-3c55-4d4e-9a51-6f0b3e7b2c11",
        issuer=IssuerProfile(
            id=ISSUER,
            name="Region Skåne",
            url="https://skane.se",
            email="mikromeriter@skane.se",
            image=Image("https://mimis.example/media/skane.png", "Logo"),
        ),
        achievement=achievement,
        learner=Learner(email="anna.andersson@example.se", name="Anna Andersson"),
        valid_from=datetime(2026, 3, 1, tzinfo=UTC),
        valid_until=datetime(2031, 3, 1, tzinfo=UTC),
        awarded_date=datetime(2026, 3, 1, tzinfo=UTC),
        credits_earned=7.5,
        results=[
            Result(value="VG", result_description="https://mimis.example/achievements/7f1c/results/grade")
        ],
        evidence=[
            Evidence(id="https://mimis.example/evidence/1", name="Examinationsprotokoll", genre="Prov")
        ],
        credential_status=[
            status_list_entry(status_list_credential="https://mimis.example/status/1", index=94567)
        ],
    )


def rate(label: str, fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm caches
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(10):
            fn()
        count += 10
        now = time.perf_counter()
        if now >= deadline:
            break
    per_second = count / (now - start)
    print(f"{label:<42} {per_second:>10.0f} /s   ({1000 / per_second:.3f} ms each)")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument("--profile", action="store_true", help="cProfile 200 eddsa-rdfc-2022 signatures")
    parser.add_argument("--batch-size", type=int, default=10_000, help="learners in the batch benchmark")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch issuance benchmark")
    args = parser.parse_args()

    ed_key = generate_key(ED25519)
    p256_key = generate_key(P256)
    vm = f"{ISSUER}#key-1"
    resolve = dids.resolver_from_documents(
        [dids.did_web_document(ISSUER, [("key-1", ed_key.public_key), ("key-2", p256_key.public_key)])]
    )
    credential = sample_credential()
    signed = sign_credential(credential, ed_key, vm)
    token = sign_jwt(credential, p256_key, f"{ISSUER}#key-2-jwk")
    assert verify_credential(signed, resolve_key=resolve).verified
    assert verify_jwt(token, resolve_key=resolve).credential == credential

    print(
        f"credential size: {len(json.dumps(credential, ensure_ascii=False).encode())} bytes (unsigned JSON)"
    )
    print(f"python {sys.version.split()[0]}, single core")
    message = b"x" * 64
    rate("raw Ed25519 sign", lambda: ed_key.sign(message), args.seconds)
    rate("eddsa-rdfc-2022 sign credential", lambda: sign_credential(credential, ed_key, vm), args.seconds)
    rate(
        "eddsa-rdfc-2022 verify credential",
        lambda: verify_credential(signed, resolve_key=resolve),
        args.seconds,
    )
    rate(
        "VC-JOSE ES256 sign JWT", lambda: sign_jwt(credential, p256_key, f"{ISSUER}#key-2-jwk"), args.seconds
    )
    rate("VC-JOSE ES256 verify JWT", lambda: verify_jwt(token, resolve_key=resolve), args.seconds)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(200):
            sign_credential(credential, ed_key, vm)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    if not args.no_batch:
        run_batch_benchmarks(args.batch_size)


def run_batch_benchmarks(size: int) -> None:
    """bench_batch.py once per database, each in its own process (Django is configured once per process)."""
    script = Path(__file__).with_name("bench_batch.py")
    postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    for database_url in ("", postgres):
        env = {**os.environ, "BENCH_BATCH_SIZE": str(size), "DATABASE_URL": database_url}
        env.pop("MIMIS_DATA_DIR", None)
        print(flush=True)
        result = subprocess.run([sys.executable, str(script)], env=env, check=False)
        if result.returncode:
            print(f"batch benchmark on {database_url or 'SQLite'} failed (exit {result.returncode})")


if __name__ == "__main__":
    main()
