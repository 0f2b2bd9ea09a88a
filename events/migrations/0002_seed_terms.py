"""Fill the fixed lists: the four pillars, the 17 SDGs and the 23 objectives of the Global Compact for Migration."""

from django.db import migrations

from events.choices import GcmObjective, PillarCode, SdgGoal


def seed_terms(apps, schema_editor):
    Pillar = apps.get_model("events", "Pillar")
    Pillar.objects.bulk_create([Pillar(code=code) for code in PillarCode.values], ignore_conflicts=True)
    for model_name, numbers in (
        ("SustainableDevelopmentGoal", SdgGoal),
        ("MigrationCompactObjective", GcmObjective),
    ):
        model = apps.get_model("events", model_name)
        model.objects.bulk_create([model(number=number) for number in numbers.values], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(seed_terms, migrations.RunPython.noop)]
