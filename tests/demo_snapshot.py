"""The demo data for tests that start from it, built once per test process and then copied.

``mimis.demo.services.load_demo_data`` builds the whole regional pilot (organisations, personas, issuer
keys, the taxonomy, the catalogue, its reviews and credentials): seconds of work, and a dozen tests start
from it. ``load_demo`` builds it for real the first time in a process, on a database that holds none of
its rows, and keeps a copy of every row it wrote; later calls on a database in the same state (as many rows
in every table: the criteria a migration writes, for one, are gone after a transactional test's flush)
insert that copy instead.
Tests of the demo itself (tests/demo/) call ``load_demo_data``; tests/demo/test_demo.py checks that the
copy is the same as the original, row for row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from mimis.demo.services import DemoLogin, load_demo_data

Rows = dict[type[models.Model], list[tuple]]


@dataclass(frozen=True)
class Snapshot:
    rows: Rows
    result: tuple[list[DemoLogin], int]


# By the database's state before the demo: its vendor and the number of rows in each table.
_snapshots: dict[tuple, Snapshot] = {}


def _models() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _counts() -> dict[type[models.Model], int]:
    return {model: model._base_manager.count() for model in _models()}


def rows_of(tables: list[type[models.Model]]) -> Rows:
    """Every row of ``tables``, in primary-key order."""
    return {model: list(model._base_manager.order_by("pk").values_list(*_fields(model))) for model in tables}


def _replay(snapshot: Snapshot) -> None:
    from mimis.catalog.models import MicroCredentialVersion
    from mimis.catalog.services import sync_search_index

    with transaction.atomic():  # foreign keys are checked at the end, whatever the order of the tables
        with connection.cursor() as cursor:
            for model, rows in snapshot.rows.items():
                # Plain INSERTs of the values as stored: the ORM would set auto_now dates to now.
                fields = [f for f in model._meta.concrete_fields if f.attname in _fields(model)]
                table = connection.ops.quote_name(model._meta.db_table)
                columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the models
                    [
                        [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                        for row in rows
                    ],
                )
            # Explicit primary keys leave PostgreSQL's sequences behind; the next new row must not collide.
            for sql in connection.ops.sequence_reset_sql(no_style(), list(snapshot.rows)):
                cursor.execute(sql)
        # SQLite's full-text index is a table of its own, written by the catalogue's services.
        versions = snapshot.rows.get(MicroCredentialVersion, [])
        pk = _fields(MicroCredentialVersion).index(MicroCredentialVersion._meta.pk.attname)
        sync_search_index([row[pk] for row in versions])


def state() -> tuple:
    """The database's vendor and how many rows each table holds."""
    return (connection.vendor, tuple(sorted((m._meta.label, n) for m, n in _counts().items())))


def load_demo() -> tuple[list[DemoLogin], int]:
    """What ``load_demo_data()`` returns and writes; after the first time in this process, a copy."""
    before = _counts()
    state = (connection.vendor, tuple(sorted((m._meta.label, n) for m, n in before.items())))
    if (known := _snapshots.get(state)) is not None:
        _replay(known)
        logins, created = known.result
        return list(logins), created
    result = load_demo_data()
    after = _counts()
    written = [model for model in after if after[model] != before[model]]
    # Only a demo built on a database without any of its rows is copied, and only plain tables.
    if all(before[model] == 0 and not model._meta.parents for model in written):
        _snapshots[state] = Snapshot(rows_of(written), result)
    return result


def snapshot(state: tuple) -> Snapshot | None:
    """The copy of the demo as built on a database in ``state``, if this process has made one."""
    return _snapshots.get(state)
