"""Name search through indexes, with canonical words and keys that cross scripts (contacts/search.py).

Every person's search fields are computed again with the new keys, in batches; on PostgreSQL two GIN indexes serve
the search: trigrams of the text (prefixes, typo tolerance) and the array of phonetic keys (overlap).
"""

from django.db import migrations

from contacts import search

INDEXES = [
    (
        "contacts_person_search_keys_gin",
        "CREATE INDEX IF NOT EXISTS contacts_person_search_keys_gin ON contacts_person "
        "USING gin (string_to_array(btrim(search_keys), ' '))",
    ),
    (
        "contacts_person_search_text_trgm",
        "CREATE INDEX IF NOT EXISTS contacts_person_search_text_trgm ON contacts_person "
        "USING gin (search_text gin_trgm_ops)",
    ),
]


def refill_search_fields(apps, schema_editor):
    Person = apps.get_model("contacts", "Person")
    batch = []
    for person in Person.objects.order_by("pk").iterator(chunk_size=2000):
        names = [person.given_name, person.family_name, *person.other_spellings.splitlines()]
        person.search_text = search.searchable_text(*names)
        person.search_keys = search.phonetic_keys(*names)
        batch.append(person)
        if len(batch) == 2000:
            Person.objects.bulk_update(batch, ["search_text", "search_keys"])
            batch = []
    Person.objects.bulk_update(batch, ["search_text", "search_keys"])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _name, sql in INDEXES:
            schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_reconfirmation"),
    ]

    operations = [
        migrations.RunPython(refill_search_fields, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
