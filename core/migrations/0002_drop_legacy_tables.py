"""Drop the tables of two apps this project no longer installs, which the previous version filled:

- ``authtoken_token``: Django REST Framework's API tokens, every key in clear. They are replaced by hashed, expiring
  ones (``ApiToken``); their owners create new ones on their account page.
- ``django_session``: Django's sessions, replaced by django-qsessions' table; everyone signs in again once.

Databases created after this change never had them.
"""

from django.db import migrations

LEGACY_TABLES = ("authtoken_token", "django_session")


def drop_legacy_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for table in LEGACY_TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_security")]
    operations = [migrations.RunPython(drop_legacy_tables, migrations.RunPython.noop)]
