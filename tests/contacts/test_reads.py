"""Contact details are read one card at a time: lists carry none, every read is logged, and a member's reads of
distinct people are budgeted."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from contacts.models import LookupLog
from core.tokens import create_token
from tests.factories import PersonFactory

CHANNELS = {"email", "phone", "secure_channel_note"}


@pytest.fixture
def people(db):
    return [PersonFactory(country="TN") for _ in range(4)]


@pytest.fixture
def member_api(member_ke):
    api = APIClient()
    api.force_authenticate(member_ke)
    return api


def test_the_api_list_and_search_carry_no_contact_channels(member_api, people):
    for query in ({}, {"q": people[0].family_name}, {"country": "TN"}):
        rows = member_api.get("/api/v1/people/", query).json()["results"]
        assert rows
        assert not CHANNELS & set().union(*rows)


def test_a_persons_own_record_carries_them(member_api, people):
    body = member_api.get(f"/api/v1/people/{people[0].pk}/").json()
    assert body["email"] == people[0].email
    assert set(body) >= CHANNELS


def test_the_schema_documents_both_shapes(member_api):
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert not CHANNELS & set(components["PersonList"]["properties"])
    assert set(components["Person"]["properties"]) >= CHANNELS


def test_lists_write_no_log_row(member_api, people):
    member_api.get("/api/v1/people/")
    assert not LookupLog.objects.exists()


def test_each_way_of_reading_writes_one_log_row(client, member_ke, people):
    client.force_login(member_ke)
    client.get(reverse("contacts:person", args=[people[0].pk]))
    client.get(reverse("contacts:vcard", args=[people[1].pk]))
    _token, key = create_token(member_ke, "case-management tool")
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    by_token.get(f"/api/v1/people/{people[2].pk}/")
    rows = {(row.person_id, row.action, row.token_name, row.viewer_id) for row in LookupLog.objects.all()}
    assert rows == {
        (people[0].pk, "viewed", "", member_ke.pk),
        (people[1].pk, "downloaded", "", member_ke.pk),
        (people[2].pk, "api", "case-management tool", member_ke.pk),
    }


def test_reading_ones_own_card_writes_nothing(client, member_api, member_ke):
    client.force_login(member_ke)
    client.get(reverse("contacts:person", args=[member_ke.person.pk]))
    client.get(reverse("contacts:vcard", args=[member_ke.person.pk]))
    member_api.get(f"/api/v1/people/{member_ke.person.pk}/")
    assert not LookupLog.objects.exists()


@pytest.fixture
def small_budget(settings):
    settings.CONTACT_READS_PER_DAY = 3
    settings.CONTACT_READS_PER_WEEK = 5


def test_the_budget_refuses_the_next_distinct_person_but_not_a_re_read(member_api, people, small_budget):
    statuses = [member_api.get(f"/api/v1/people/{person.pk}/").status_code for person in people[:3]]
    assert statuses == [200, 200, 200]
    refused = member_api.get(f"/api/v1/people/{people[3].pk}/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 24 * 3600
    assert "3 different people" in refused.json()["detail"]
    assert member_api.get(f"/api/v1/people/{people[0].pk}/").status_code == 200  # a re-read costs nothing
    assert LookupLog.objects.filter(person=people[3]).count() == 0


def test_the_page_explains_the_budget_with_a_429(client, member_ke, people, small_budget):
    client.force_login(member_ke)
    for person in people[:3]:
        client.get(reverse("contacts:person", args=[person.pk]))
    page = client.get(reverse("contacts:person", args=[people[3].pk]))
    assert page.status_code == 429
    assert "Retry-After" in page
    assert "ask IOM staff" in page.content.decode()
    assert people[3].email not in page.content.decode()
    assert client.get(reverse("contacts:vcard", args=[people[3].pk])).status_code == 429


def test_the_daily_budget_opens_again_after_a_day_and_the_weekly_one_holds(member_api, small_budget, db):
    people = [PersonFactory() for _ in range(6)]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for person in people[:3]:
            assert member_api.get(f"/api/v1/people/{person.pk}/").status_code == 200
        clock.shift(timedelta(days=1, minutes=1))
        assert member_api.get(f"/api/v1/people/{people[3].pk}/").status_code == 200
        assert member_api.get(f"/api/v1/people/{people[4].pk}/").status_code == 200
        assert member_api.get(f"/api/v1/people/{people[5].pk}/").status_code == 429  # 5 this week already


def test_staff_have_no_budget(staff, small_budget, db):
    api = APIClient()
    api.force_authenticate(staff)
    people = [PersonFactory() for _ in range(7)]
    assert {api.get(f"/api/v1/people/{person.pk}/").status_code for person in people} == {200}
