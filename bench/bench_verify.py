"""Verification under load: ``POST /api/v1/verify`` and the public page ``/verify/credentials/<id>/``
on a real WSGI server on loopback, driven by wrk (Debian package ``wrk``) or, without it, a Python client.

    python bench/bench_verify.py                       # embedded SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_verify.py
    BENCH_SECONDS=20 BENCH_CONNECTIONS=8 BENCH_THREADS=2 python bench/bench_verify.py

It creates its own database (a temporary SQLite file, or a PostgreSQL database named
``mimis_bench_verify_<pid>`` next to the one DATABASE_URL names, so two runs never drop each other's),
loads the demo data, starts waitress (the WSGI server MIMIS depends on; ``BENCH_SERVER=gunicorn`` uses
gunicorn with ``BENCH_THREADS`` workers when it is installed) on 127.0.0.1 with ``BENCH_THREADS``
threads, and drives each endpoint for ``BENCH_SECONDS`` (default 10). Prints requests/s, p50 and p99.
The server is stopped at the end, whatever happens. Loopback only; bounded in time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import prepare_database  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
SERVER = os.environ.get("BENCH_SERVER", "waitress")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MIMIS_LOG_LEVEL": "WARNING"}
    if SERVER == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", "mimis.wsgi", "-w", str(THREADS)]
        command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    else:
        command = [sys.executable, "-m", "waitress", f"--threads={THREADS}", "--listen"]
        command += [f"127.0.0.1:{port}", "mimis.wsgi:application"]
    # waitress warns "Task queue depth is N" whenever requests queue, which is the point of a load test.
    process = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)
        except urllib.error.HTTPError:
            return process  # it answers (an older checkout may have no /healthz)
    process.kill()
    raise SystemExit("the server did not answer within 30 s")


def run_wrk(url: str, body: str | None, workdir: Path) -> dict[str, float]:
    script = workdir / "post.lua"
    if body is not None:
        (workdir / "body.json").write_text(body)
        script.write_text(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f'local f = io.open("{workdir / "body.json"}")\nwrk.body = f:read("*a")\nf:close()\n'
        )
    command = ["wrk", f"-t{min(2, CONNECTIONS)}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    command += ["-s", str(script)] if body is not None else []
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def run_python(url: str, body: str | None) -> dict[str, float]:
    """The same measurement without wrk: CONNECTIONS threads, each one request after another."""
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def client() -> None:
        nonlocal errors
        data = body.encode() if body is not None else None
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})  # noqa: S310
            start = time.perf_counter()
            try:
                urllib.request.urlopen(request, timeout=30).read()  # noqa: S310
                ok = True
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings.append(elapsed)
                errors += not ok

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.sort()
    return {
        "rps": len(timings) / (time.monotonic() - started),
        "p50": statistics.median(timings),
        "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        "errors": float(errors),
    }


def main() -> None:
    label = prepare_database(f"mimis_bench_verify_{os.getpid()}")
    from mimis.demo.services import load_demo_data
    from mimis.issuing.artefacts import signed_credential
    from mimis.issuing.models import Credential

    load_demo_data()
    credential = Credential.objects.filter(format="ldp").order_by("issued_at").first()
    body = json.dumps(signed_credential(credential))
    port = free_port()
    server = start_server(port)
    workdir = Path(tempfile.mkdtemp(prefix="mimis-bench-verify-"))
    tool = "wrk" if shutil.which("wrk") else "python client"
    print(
        f"{label}, {SERVER} with {THREADS} threads/workers, {tool}, {CONNECTIONS} connections, {SECONDS} s each"
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for name, url, payload in [
            ("POST /api/v1/verify", f"{base}/api/v1/verify", body),
            ("GET /verify/credentials/<id>/", f"{base}/verify/credentials/{credential.pk}/", None),
        ]:
            # A few requests first: contexts and templates are loaded once per process.
            for _ in range(3):
                request = urllib.request.Request(
                    url,
                    data=payload.encode() if payload else None,
                    headers={"Content-Type": "application/json"},
                )
                urllib.request.urlopen(request, timeout=30).read()  # noqa: S310
            result = run_wrk(url, payload, workdir) if tool == "wrk" else run_python(url, payload)
            print(
                f"{name:32} {result['rps']:8.1f} requests/s   p50 {result['p50']:7.1f} ms   "
                f"p99 {result['p99']:7.1f} ms   non-2xx {int(result['errors'])}"
            )
        # CPU time per request in this process (Django's test client, no server): less sensitive to the
        # load of a shared machine than wall-clock figures.
        from django.test import Client

        client = Client()
        for name, call in [
            (
                "POST /api/v1/verify",
                lambda: client.post("/api/v1/verify", body, content_type="application/json"),
            ),
            ("GET /verify/credentials/<id>/", lambda: client.get(f"/verify/credentials/{credential.pk}/")),
        ]:
            call()
            started = time.process_time()
            for _ in range(30):
                assert call().status_code == 200
            print(
                f"{name:32} {(time.process_time() - started) / 30 * 1000:8.1f} ms CPU per request (in process)"
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
