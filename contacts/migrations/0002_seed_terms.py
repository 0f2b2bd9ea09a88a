"""Fill the fixed lists: roles, expertise, channels, and every ISO 639-1 language pycountry knows."""

import pycountry
from django.db import migrations

from contacts.choices import ChannelCode, ExpertiseCode, RoleCode


def seed_terms(apps, schema_editor):
    for model_name, codes in (("Role", RoleCode), ("Expertise", ExpertiseCode), ("Channel", ChannelCode)):
        model = apps.get_model("contacts", model_name)
        model.objects.bulk_create([model(code=code) for code in codes.values], ignore_conflicts=True)
    Language = apps.get_model("contacts", "Language")
    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    Language.objects.bulk_create([Language(code=code) for code in codes], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]
    operations = [migrations.RunPython(seed_terms, migrations.RunPython.noop)]
