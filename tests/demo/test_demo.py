"""`mimis demo` loads the regional pilot's story; running it twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from mimis.accounts.models import Membership, Organisation, OrganisationStatus, User
from mimis.demo.data import DEMO_PASSWORD
from mimis.demo.services import load_demo_data

pytestmark = pytest.mark.django_db


def test_demo_tells_the_pilot_story():
    load_demo_data()
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Högskolan Kristianstad", "Medborgarskolan Syd", "NÄTVERKET idéburen sektor Skåne"} <= names
    assert Organisation.objects.get(kind="region").name.startswith("Region Skåne")
    assert Organisation.objects.filter(kind="qa_body").exists()
    assert Organisation.objects.filter(kind="employer").count() >= 2
    assert Organisation.objects.filter(status=OrganisationStatus.PENDING).count() == 1
    learners = User.objects.filter(is_demo=True, memberships__isnull=True)
    # Three learner personas sign in; two more are background candidates for the employers' search
    # (mimis/matching/demo.py), so that a search can show people without anyone being singled out.
    assert learners.count() == 5
    assert learners.filter(password__startswith="!").count() == 2
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()


def test_every_persona_signs_in_with_the_printed_password():
    logins, _created = load_demo_data()
    printed = {login.email for login in logins}
    for user in User.objects.filter(is_demo=True):
        if user.email in printed:
            assert user.check_password(DEMO_PASSWORD), user.email
        else:  # a background candidate: nobody can sign in as them
            assert not user.has_usable_password(), user.email


def test_loading_twice_adds_nothing():
    _logins, first = load_demo_data()
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    _logins, second = load_demo_data()
    assert first > 0 and second == 0
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts


def test_demo_command_without_serving_prints_the_logins():
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    assert "eva.region@demo.mimis.example" in text


def test_demo_command_rejects_a_bad_port():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--port must be a number between 1 and 65535"):
        call_command("demo", "--port", "99999", "--no-serve")


class TestDemoBaseUrl:
    """`mimis demo --port N` records its address; a second shell on the same data folder signs for it."""

    @staticmethod
    def mimis(*args: str, data_dir, **env: str):
        import os
        import subprocess
        import sys

        # Its own data folder and SQLite database: never the real DATABASE_URL, which other runs share.
        environment = {
            k: v
            for k, v in os.environ.items()
            if k not in ("MIMIS_BASE_URL", "MIMIS_DATA_DIR", "DATABASE_URL")
        }
        environment.pop("MIMIS_DEMO", None)
        return subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
            [sys.executable, "-m", "mimis", *args, "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            env=environment | env,
            timeout=600,
            check=False,
        )

    def test_credentials_issued_beside_the_demo_name_the_demos_port_and_a_conflicting_url_is_refused(
        self, tmp_path
    ):
        import json

        demo = self.mimis("demo", "--no-serve", "--port", "8123", data_dir=tmp_path)
        assert demo.returncode == 0, demo.stderr
        assert (tmp_path / "demo-base-url").read_text().strip() == "http://127.0.0.1:8123"

        issued = self.mimis(
            "credentials",
            "issue",
            "--microcredential",
            "demensvard-grund",
            "--email",
            "ny.person@example.se",
            "--name",
            "Ny Person",
            data_dir=tmp_path,
        )
        assert issued.returncode == 0, issued.stderr
        document = json.loads(issued.stdout)
        assert document["issuer"]["id"].startswith("did:web:127.0.0.1%3A8123:")
        assert document["credentialStatus"]["statusListCredential"].startswith(
            "http://127.0.0.1:8123/issuers/"
        )

        refused = self.mimis(
            "credentials",
            "issue",
            "--microcredential",
            "demensvard-grund",
            "--email",
            "annan@example.se",
            "--name",
            "Annan",
            data_dir=tmp_path,
            MIMIS_BASE_URL="http://127.0.0.1:8000",
        )
        assert refused.returncode == 2
        assert "belongs to the demo served at http://127.0.0.1:8123" in refused.stderr
        assert refused.stdout == ""


def test_the_tests_copy_of_the_demo_is_the_demo_row_for_row():
    """tests/demo_snapshot.py builds the demo once per test process and copies it for later tests:
    the copy must hold every row the demo wrote, unchanged, and be found complete by the demo itself."""
    from django.db import connection

    from tests import demo_snapshot

    before = demo_snapshot.state()
    demo_snapshot.load_demo()
    snapshot = demo_snapshot.snapshot(before)
    assert snapshot is not None and snapshot.rows
    with connection.cursor() as cursor:  # an empty database again, as the next test that loads it sees it
        for model in snapshot.rows:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM catalog_version_fts")
    demo_snapshot._replay(snapshot)

    assert demo_snapshot.rows_of(list(snapshot.rows)) == snapshot.rows
    assert load_demo_data()[1] == 0
    if connection.vendor == "sqlite":
        from mimis.catalog.models import MicroCredentialVersion

        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, search_text FROM catalog_version_fts ORDER BY rowid")
            indexed = cursor.fetchall()
        assert indexed == list(MicroCredentialVersion.objects.order_by("pk").values_list("pk", "search_text"))
