"""Let IOM staff issue and revoke API tokens in the admin."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def update_groups(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_groups"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
