"""Create the groups IOM staff, network member and national coordinator, with their model permissions."""

from django.db import migrations

from registry.group_permissions import apply_group_permissions


def create_groups(apps, schema_editor):
    apply_group_permissions(apps)


def remove_groups(apps, schema_editor):
    from core.roles import ALL_GROUPS

    apps.get_model("auth", "Group").objects.filter(name__in=ALL_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0002_seed_terms"),
        ("events", "0002_seed_terms"),
        ("recommendations", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
