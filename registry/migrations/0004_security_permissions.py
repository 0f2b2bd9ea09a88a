"""Let IOM staff read the security log and the outbox of staff alerts, and unlock locked-out sign-ins; take away
their rights on API tokens."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_export_log_permissions"),
        ("core", "0002_drop_legacy_tables"),
        ("axes", "0010_accessattemptexpiration"),
    ]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
