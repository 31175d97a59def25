"""The audit log is append-only and hash-chained.

`mimis audit verify` finds any change, deletion or reordering.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from mimis.audit.models import AuditEntry
from mimis.audit.services import record, verify_chain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    actor = UserFactory()
    return [record(f"test.action_{i}", actor=actor, data={"i": i}) for i in range(5)]


def run_verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), err.getvalue()
    return 0, out.getvalue()


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_link_to_each_other_and_the_chain_verifies(trail):
    assert [e.sequence for e in trail] == [1, 2, 3, 4, 5]
    assert all(b.previous_hash == a.entry_hash for a, b in zip(trail, trail[1:], strict=False))
    assert verify_chain().intact
    assert run_verify() == (0, "Audit trail intact: 5 entries checked.\n")


def test_entries_cannot_be_changed_or_deleted_through_the_orm(trail):
    entry = AuditEntry.objects.get(sequence=2)
    entry.action = "forged"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(sequence=2).update(action="forged")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


def test_modified_entry_is_detected(trail):
    raw_sql("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["forged", 3])
    code, message = run_verify()
    assert code == 1
    assert "#3" in message and "changed" in message


def test_deleted_entry_is_detected(trail):
    raw_sql("DELETE FROM audit_auditentry WHERE sequence = %s", [2])
    code, message = run_verify()
    assert code == 1
    assert "#2" in message


def test_deleted_last_entry_is_detected(trail):
    raw_sql("DELETE FROM audit_auditentry WHERE sequence = %s", [5])
    code, message = run_verify()
    assert code == 1
    assert "#5" in message


def test_reordered_entries_are_detected(trail):
    raw_sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [100, 2])
    raw_sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [2, 3])
    raw_sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [3, 100])
    code, message = run_verify()
    assert code == 1
    assert "#2" in message


def test_audit_page_shows_entries_to_region_admins(region_admin, trail):
    from django.urls import reverse

    from tests.conftest import verified_client

    body = verified_client(region_admin).get(reverse("audit:log")).content.decode()
    assert "test.action_4" in body
    assert "Obruten" in body and "poster är obruten." in body  # the tag and the sentence with the count
