"""Issue 16: concurrent issuing of one micro-credential to one learner on PostgreSQL answered 500 for 7 of
10 requests (an IntegrityError on the idempotency key). Every caller gets the one credential instead."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from mimis.issuing import services
from mimis.issuing.models import Credential
from tests.issuing.test_batches import issuer, published  # noqa: F401

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers (IMMEDIATE transactions)"
    ),
]


def test_ten_simultaneous_issues_to_one_learner_give_everyone_the_same_credential(published, issuer):  # noqa: F811
    barrier = threading.Barrier(10)
    results: list[object] = []

    def issue() -> None:
        try:
            barrier.wait()
            issued = services.issue_credential(
                version=published, email="Samtidig@example.se", name="Samtidig Person", acting_user=issuer
            )
            results.append((issued.credential.pk, issued.created))
        except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert len(results) == 10
    assert len({pk for pk, _created in results}) == 1
    assert sorted(created for _pk, created in results) == [False] * 9 + [True]
    assert Credential.objects.filter(recipient_email="samtidig@example.se").count() == 1
