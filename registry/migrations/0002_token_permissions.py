"""Let IOM staff issue and revoke API tokens in the admin (DRF's plain-text tokens, since replaced by hashed ones in
``core``: the app is no longer installed, so this migration no longer depends on it)."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_groups"),
    ]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
