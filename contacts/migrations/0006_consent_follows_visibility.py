"""Consent follows visibility: a person listed for the network without a recorded legal basis (or with consent as the
basis but no date) is taken off the network list, to staff-only, until staff record the basis. Nothing is invented;
the demo data already records a basis for everyone it lists."""

from django.db import migrations
from django.db.models import Q


def hide_people_without_a_basis(apps, schema_editor):
    Person = apps.get_model("contacts", "Person")
    no_basis = Q(legal_basis="") | Q(legal_basis="consent", consent_recorded_on__isnull=True)
    Person.objects.filter(no_basis, visibility="network").update(visibility="staff")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0005_lookup_channels")]
    operations = [migrations.RunPython(hide_people_without_a_basis, migrations.RunPython.noop)]
