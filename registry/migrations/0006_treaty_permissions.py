"""Let IOM staff enter treaty status and bilateral treaties, and everyone with a role read them."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_reconfirmation_permissions"), ("events", "0007_seed_treaty_instruments")]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
