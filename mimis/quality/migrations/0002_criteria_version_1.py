"""Criteria version 1 (see mimis/quality/criteria_v1.py)."""

from django.db import migrations

from mimis.quality.criteria_v1 import load_criteria_version_1


def seed(apps, schema_editor):
    load_criteria_version_1(apps.get_model("quality", "CriteriaVersion"), apps.get_model("quality", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
