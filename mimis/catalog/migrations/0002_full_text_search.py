"""Full-text search for the catalogue: SQLite FTS5 in the embedded default, a GIN index in PostgreSQL.

Both index ``search_text``, which holds the normalised words and their Swedish stems (see
mimis.catalog.services.refresh_search_text); a query word matches any indexed word it is a prefix of.
"""

from django.db import migrations, models


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE catalog_version_fts USING fts5("
            "search_text, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
        )
        schema_editor.execute(
            "INSERT INTO catalog_version_fts (rowid, search_text) "
            "SELECT id, search_text FROM catalog_microcredentialversion"
        )
    elif schema_editor.connection.vendor == "postgresql":
        # A stored tsvector: the index needs no re-computation when it rechecks rows.
        schema_editor.execute(
            "ALTER TABLE catalog_microcredentialversion ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('swedish', search_text)) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX catalog_version_fts ON catalog_microcredentialversion USING GIN (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalog_version_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_version_fts")
        schema_editor.execute("ALTER TABLE catalog_microcredentialversion DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.AddIndex(
            model_name="microcredentialversion",
            index=models.Index(fields=["status", "title"], name="mc_version_status_title_idx"),
        ),
    ]
