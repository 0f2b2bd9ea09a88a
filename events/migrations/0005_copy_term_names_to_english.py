"""The names written before 0004 become the English names (name_en, ...), which the pages fall back to."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import NullIf

TRANSLATED_FIELDS = {
    "Theme": ("name",),
    "Programme": ("name", "description"),
    "Instrument": ("name", "short_name"),
}


def copy_to_english(apps, schema_editor):
    """Each row's untranslated value into its ``_en`` column; a blank one as NULL, as the admin stores blanks."""
    for model_name, fields in TRANSLATED_FIELDS.items():
        model = apps.get_model("events", model_name)
        model.objects.update(**{f"{field}_en": NullIf(F(field), Value("")) for field in fields})


def copy_from_english(apps, schema_editor):
    """Back: the English values, as edited since, into the untranslated columns."""
    for model_name, fields in TRANSLATED_FIELDS.items():
        model = apps.get_model("events", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": False}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [("events", "0004_term_names_in_every_language")]
    operations = [migrations.RunPython(copy_to_english, copy_from_english)]
