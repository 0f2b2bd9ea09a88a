"""Let IOM staff read re-confirmation requests and erasure requests, and decide corrections."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_security_permissions"), ("contacts", "0007_reconfirmation")]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
