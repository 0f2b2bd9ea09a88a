"""Let IOM staff read the outbox of staff alerts."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_security_permissions"), ("core", "0003_outbox")]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
