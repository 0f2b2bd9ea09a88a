"""Names of several words are also searchable written together ("Le Roux" as "leroux": contacts/search.py): every
person's search fields are computed again, in batches. The indexes of 0008 are unchanged."""

from django.db import migrations

from contacts import search

BATCH = 2000


def refill_search_fields(apps, schema_editor):
    Person = apps.get_model("contacts", "Person")
    batch = []
    for person in Person.objects.order_by("pk").iterator(chunk_size=BATCH):
        names = [person.given_name, person.family_name, *person.other_spellings.splitlines()]
        person.search_text = search.searchable_text(*names)
        person.search_keys = search.phonetic_keys(*names)
        batch.append(person)
        if len(batch) == BATCH:
            Person.objects.bulk_update(batch, ["search_text", "search_keys"])
            batch = []
    Person.objects.bulk_update(batch, ["search_text", "search_keys"])


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0010_email_language_portuguese"),
    ]

    operations = [
        migrations.RunPython(refill_search_fields, migrations.RunPython.noop, elidable=True),
    ]
