"""Re-index every version's search text: it now includes occupations (SSYK), sectors (SNI) and target groups.

The same words as mimis.catalog.services.refresh_search_text, computed here on the historical models so that
the migration keeps working when the models change later.
"""

from django.db import migrations
from django.utils import translation

from mimis.taxonomy.text import normalise, stem


def reindex(apps, schema_editor):
    from mimis.catalog.models import TargetGroup

    labels = dict(TargetGroup.choices)
    Version = apps.get_model("catalog", "MicroCredentialVersion")
    for version in Version.objects.select_related("microcredential__provider"):
        parts = [
            version.title,
            version.title_en,
            version.summary,
            version.summary_en,
            version.microcredential.provider.name,
        ]
        for outcome in version.learning_outcomes.all():
            parts += [outcome.text, outcome.text_en, *(s.preferred_label for s in outcome.skills.all())]
        for concept in [*version.occupations.all(), *version.sectors.all()]:
            parts += [concept.preferred_label, concept.preferred_label_en]
        for language in ("sv", "en"):
            with translation.override(language):
                parts += [str(labels[code]) for code in version.target_groups or [] if code in labels]
        words = normalise(" ".join(p for p in parts if p)).split()
        text = (
            " "
            + " ".join(dict.fromkeys(words))
            + " | "
            + " ".join(dict.fromkeys(stem(w) for w in words))
            + " "
        )
        Version.objects.filter(pk=version.pk).update(search_text=text)
    if schema_editor.connection.vendor == "sqlite":
        # PostgreSQL's generated tsvector column follows search_text by itself.
        schema_editor.execute("DELETE FROM catalog_version_fts")
        schema_editor.execute(
            "INSERT INTO catalog_version_fts (rowid, search_text) "
            "SELECT id, search_text FROM catalog_microcredentialversion"
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_qa_workflow")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
