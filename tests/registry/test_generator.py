"""The data generator for benchmarks: figures in proportion, realistic names, search fields as saving fills them."""

import pytest
from django.core.management import CommandError, call_command

from contacts.models import FocalPoint, Person
from events.models import Event, Participation
from recommendations.models import FollowUp
from registry import generator
from registry.generated_names import ARABIC_SCRIPT_CHARS, identities
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_figures_scale_with_the_people():
    counts = generator.generate(400, seed=3)
    assert counts == {
        "countries": 20,
        "organisations": 20,
        "people": 400,
        "events": 20,
        "participations": 1000,
        "follow-ups": 400,
    }
    assert (Person.objects.count(), Event.objects.count()) == (400, 20)
    assert (Participation.objects.count(), FollowUp.objects.count()) == (1000, 400)
    assert FocalPoint.objects.filter(mandate="tip_coordinator").count() == 20
    at_scale = generator.Figures(100_000)
    assert (at_scale.countries, at_scale.events, at_scale.participations) == (200, 5000, 250_000)


def test_names_are_multilingual_with_spellings_and_visibility_is_mixed():
    generator.generate(600, seed=3)
    people = list(Person.objects.all())
    assert {person.visibility for person in people} == {"network", "staff", "unlisted"}
    assert any(ARABIC_SCRIPT_CHARS.search(person.other_spellings) for person in people)
    assert any(ARABIC_SCRIPT_CHARS.search(person.family_name) for person in people)  # Arabic-only records
    assert any(" " in person.family_name or "'" in person.family_name for person in people)  # particles
    spellings = {person.given_name.split()[0] for person in people}
    assert {"Mohamed", "Muhammad"} <= spellings or {"Mohammed", "Mohamad"} & spellings


def test_search_fields_are_those_saving_computes():
    generator.generate(100, seed=5)
    for person in Person.objects.all()[:50]:
        stored = (person.search_text, person.search_keys)
        person.refresh_search_fields()
        assert (person.search_text, person.search_keys) == stored


def test_the_same_seed_gives_the_same_names():
    assert identities(300, seed=9) == identities(300, seed=9)
    assert identities(300, seed=9) != identities(300, seed=10)


def test_it_refuses_a_database_with_real_data_unless_forced():
    PersonFactory(family_name="Real")
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_data", "--people", "10")
    assert Person.objects.count() == 1
    call_command("generate_data", "--people", "10", "--force")
    assert Person.objects.count() == 11


def test_it_adds_to_a_database_of_its_own():
    call_command("generate_data", "--people", "10")
    call_command("generate_data", "--people", "10", "--seed", "2")
    assert Person.objects.count() == 20


def test_every_address_is_a_valid_one():
    from django.core.validators import validate_email

    generator.generate(300, seed=3)
    for email in Person.objects.exclude(email="").values_list("email", flat=True):
        validate_email(email)
