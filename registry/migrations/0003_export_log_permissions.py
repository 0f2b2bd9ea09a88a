"""Staff read the export log (it is append-only, like the look-up log)."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_token_permissions"), ("contacts", "0004_export_log")]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
