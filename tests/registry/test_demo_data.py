"""The demo data holds the seeds' facts, marks what it invents, and a second run changes nothing."""

import re
from base64 import b32decode
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import TOTP

from contacts.models import FocalPoint, Person
from core.roles import IOM_STAFF, NATIONAL_COORDINATOR, NETWORK_MEMBER, primary_role
from events.models import Event, Programme
from recommendations.models import FollowUp, Recommendation
from tests.signin import post_code, post_password

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def event(title_start: str) -> Event:
    return Event.objects.with_counts().get(title__startswith=title_start)


def test_reported_participant_counts_are_the_seeds(demo):
    assert event("Global Symposium on the Role of Digital Evidence").reported_participant_count == 53
    assert event("Symposium for Enhancing Knowledge").reported_participant_count == 20
    assert event("First Roundtable").reported_participant_count == 50
    assert event("Capacity Building for Egyptian Customs").reported_participant_count == 27


def test_participating_countries(demo):
    hurghada = event("Global Symposium on the Role of Digital Evidence")
    assert hurghada.participating_country_count == 23  # the 23 the seed names, though it says 22
    assert hurghada.reported_country_count == 22
    assert "22" in hurghada.source_note and "23" in hurghada.source_note
    assert event("Inter-Regional Conference").participating_country_count == 18
    assert event("Symposium for Enhancing Knowledge").participating_country_count == 0  # the 14 are not named
    for roundtable in ("First Roundtable", "Roundtable on Exchanging"):
        assert set(event(roundtable).countries.values_list("country", flat=True)) == {"EG", "MA", "TN"}


def test_dates_are_only_those_the_seeds_give(demo):
    sharm = event("Inter-Regional Conference")
    assert (sharm.start_date, sharm.end_date) == (date(2023, 7, 10), date(2023, 7, 13))
    assert event("Capacity Building").start_date == date(2023, 1, 16)
    for undated in ("Global Symposium", "Symposium for Enhancing", "First Roundtable", "Roundtable on Exchanging"):
        assert event(undated).start_date is None
        assert event(undated).date_note
    assert "16-18 May" in event("Roundtable on Exchanging").date_note


def test_rabat_roundtable_continues_the_first(demo):
    assert event("Roundtable on Exchanging").previous_event == event("First Roundtable")


def test_programmes_and_their_events(demo):
    linked = {p.acronym: set(p.events.values_list("city", flat=True)) for p in Programme.objects.all()}
    assert linked["ARMP"] == {"Hurghada"}
    assert linked["SPHERE II"] == {"Hurghada"}
    assert linked["UNODC North Africa"] == {"Sharm El Sheikh"}
    assert "RDPP" in linked


def test_organisers_and_funders(demo):
    roles = {
        (o.organization.acronym or o.organization.name, o.role) for o in event("Inter-Regional").organizations.all()
    }
    assert {("ROMENA", "organiser"), ("NCCPIM&TIP", "co_organiser"), ("EU", "funder")} <= roles
    customs = event("Capacity Building").organizations.get(role="partner").organization
    assert (customs.name, customs.parent.name) == ("Egyptian Customs Authority", "Ministry of Finance")


def test_training_frameworks(demo):
    training = event("Capacity Building")
    assert list(training.sdg_goals.values_list("number", flat=True)) == [3, 10, 16, 17]
    assert list(training.gcm_objectives.values_list("number", flat=True)) == [7, 9, 10, 11, 23]
    assert event("Inter-Regional").instruments.count() == 3


def test_themes_and_instruments_are_named_in_the_other_site_languages(demo, client):
    symposium = event("Inter-Regional")
    names = {
        "fr": ("Coopération judiciaire internationale", "Protocole relatif à la traite des personnes"),
        "ar": ("التعاون القضائي الدولي", "بروتوكول الاتجار بالأشخاص"),
        "pt": ("Cooperação judiciária internacional", "Protocolo relativo ao Tráfico de Pessoas"),
    }
    for code, (theme, instrument) in names.items():
        page = client.get(reverse("events:detail", args=[symposium.pk]), HTTP_ACCEPT_LANGUAGE=code)
        assert theme in page.content.decode()
        api = client.get(f"/api/v1/events/{symposium.pk}/", HTTP_ACCEPT_LANGUAGE=code).json()
        assert instrument in api["instruments"]


def test_the_three_recommendations_of_the_cairo_symposium(demo):
    texts = dict(Recommendation.objects.values_list("code", "text"))
    assert set(texts) == {"R1", "R2", "R3"}
    assert "ratification" in texts["R1"] and "agreements" in texts["R2"] and "channels" in texts["R3"]


def test_every_person_is_fictional_on_example_org(demo):
    assert Person.objects.exclude(email__endswith="@example.org").count() == 0
    real_names = {"Khalaf", "Guirguis Kamel", "Gabr", "Okasha", "Awwad", "Shea", "Albertin", "Mellati", "Laabidi"}
    assert not Person.objects.filter(family_name__in=real_names).exists()


def test_every_participating_country_has_contacts_and_a_current_coordinator(demo):
    attending = set(Event.objects.values_list("countries__country", flat=True)) - {None}
    coordinators = set(FocalPoint.objects.current().filter(mandate="tip_coordinator").values_list("country", flat=True))
    for country in attending:
        assert Person.objects.filter(country=country).count() >= 2, country
    assert attending <= coordinators


def test_an_ended_designation_has_a_successor(demo):
    designations = FocalPoint.objects.filter(country="TN", mandate="mla_central_authority").order_by("valid_from")
    ended, current = designations
    assert ended.valid_until + timedelta(days=1) == current.valid_from
    assert list(FocalPoint.objects.current().filter(country="TN", mandate="mla_central_authority")) == [current]
    assert current.predecessor == ended  # the pages say "previously …"


def test_designations_say_in_which_languages_and_through_which_channels_they_take_requests(demo):
    mla = FocalPoint.objects.get(country="MA", mandate="mla_central_authority")
    assert {language.code for language in mla.request_languages.all()} >= {"ar", "fr", "en"}
    assert {channel.code for channel in mla.channels.all()} == {"diplomatic", "direct"}
    assert mla.legal_basis == "UNTOC art. 18(13)"
    assert all(designation.channels.exists() for designation in FocalPoint.objects.all())


def test_demo_follow_ups_are_labelled_and_spread_around_today(demo):
    today = date.today()
    follow_ups = FollowUp.objects.all()
    assert all("Demo assignment" in f.notes for f in follow_ups)
    assert FollowUp.objects.overdue().exists()
    assert follow_ups.filter(due_date__gte=today, due_date__lte=today + timedelta(days=30)).exists()
    assert follow_ups.filter(due_date__gt=today + timedelta(days=60)).exists()


def test_second_run_changes_nothing(demo):
    before = {model._meta.label: model.objects.count() for model in apps.get_models()}
    call_command("load_demo", stdout=StringIO())
    after = {model._meta.label: model.objects.count() for model in apps.get_models()}
    assert after == before


def test_demo_users_one_per_role_linked_to_demo_people(demo, settings):
    settings.DEBUG = True
    call_command("create_demo_users", stdout=StringIO())
    roles = {user.username: primary_role(user) for user in User.objects.all()}
    assert roles == {
        "demo-staff": "iom_staff",
        "demo-member": "network_member",
        "demo-coordinator-eg": "national_coordinator",
        "demo-coordinator-ma": "national_coordinator",
    }
    assert User.objects.get(username="demo-coordinator-ma").person.country == "MA"
    assert User.objects.get(username="demo-staff").is_staff
    assert set(User.objects.get(username="demo-coordinator-eg").groups.values_list("name", flat=True)) == {
        NETWORK_MEMBER,
        NATIONAL_COORDINATOR,
    }
    assert User.objects.get(username="demo-staff").groups.get().name == IOM_STAFF
    assert User.objects.get(username="demo-member").check_password("registry-demo")


def test_demo_staff_get_an_authenticator_secret_that_signs_them_in(demo, settings, client):
    settings.DEBUG = True
    output = StringIO()
    call_command("create_demo_users", stdout=output)
    secret = re.search(r"authenticator app: ([A-Z2-7]+)", output.getvalue()).group(1)
    post_password(client, "demo-staff", "registry-demo")
    post_code(client, f"{TOTP(b32decode(secret)).token():06d}")
    assert client.get(reverse("admin:index")).status_code == 200


def test_demo_users_second_run_changes_nothing(demo, settings):
    settings.DEBUG = True
    call_command("create_demo_users", stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())
    assert User.objects.count() == 4


def test_demo_users_refused_in_production(demo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("create_demo_users")
    assert not User.objects.exists()


def test_demo_users_need_the_demo_data(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="run load_demo first"):
        call_command("create_demo_users")


def test_every_demo_person_is_valid_consent_following_visibility(demo):
    for person in Person.objects.all():
        person.full_clean()
    assert (
        Person.objects.filter(visibility="network").exclude(legal_basis="").count()
        == Person.objects.filter(visibility="network").count()
    )
