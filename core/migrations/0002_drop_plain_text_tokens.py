"""Drop the table of Django REST Framework's old API tokens, which held every key in clear.

Those tokens are replaced by hashed, expiring ones (``ApiToken``); their owners create new ones on their account
page. Databases created after this change never had the table.
"""

from django.db import migrations

LEGACY_TABLE = "authtoken_token"


def drop_plain_text_tokens(apps, schema_editor):
    if LEGACY_TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(LEGACY_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_security")]
    operations = [migrations.RunPython(drop_plain_text_tokens, migrations.RunPython.noop)]
