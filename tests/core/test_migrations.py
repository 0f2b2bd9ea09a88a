"""The data migration that drops the tables of apps no longer installed (plain-text API tokens, old sessions)."""

from importlib import import_module

import pytest
from django.db import connection

legacy = import_module("core.migrations.0002_drop_legacy_tables")


@pytest.mark.django_db(transaction=True)
def test_the_plain_text_tokens_and_old_sessions_tables_are_dropped_with_their_rows():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('0123456789abcdef0123456789abcdef01234567', 1)")
        cursor.execute("CREATE TABLE django_session (session_key varchar(40) PRIMARY KEY, session_data text)")
    with connection.schema_editor() as editor:
        legacy.drop_legacy_tables(None, editor)
        legacy.drop_legacy_tables(None, editor)  # a second run, on a database without them, does nothing
    assert not {"authtoken_token", "django_session"} & set(connection.introspection.table_names())
