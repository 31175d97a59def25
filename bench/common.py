"""Set-up shared by the Django benchmarks: a fresh database of their own, never real data."""

from __future__ import annotations

import os
import subprocess
import tempfile
from urllib.parse import urlsplit, urlunsplit


def prepare_database(name: str) -> str:
    """A temporary SQLite file, or the PostgreSQL database ``name`` beside the one DATABASE_URL names
    (dropped and re-created); then Django is set up and migrated. Returns a label for the printout."""
    url = os.environ.get("DATABASE_URL", "")
    os.environ.setdefault("MIMIS_DATA_DIR", tempfile.mkdtemp(prefix="mimis-bench-"))
    if url.startswith("postgres"):
        parts = urlsplit(url)
        admin = urlunsplit(parts._replace(path="/postgres"))
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", admin, "-q", "-c", sql], check=True)
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        label = "PostgreSQL"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['MIMIS_DATA_DIR']}/bench.sqlite3"
        label = "SQLite"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mimis.settings"
    os.environ["MIMIS_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("MIMIS_BASE_URL", "https://mimis.example")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return label
