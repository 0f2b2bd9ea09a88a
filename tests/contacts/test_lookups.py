"""Who looked me up, the staff report of contact reads, and the staff alerts at 80 % and 100 % of a budget."""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from contacts.models import LookupLog
from core.models import OutboundEmail, SecurityEvent
from tests.factories import PersonFactory, UserFactory


def test_a_member_sees_who_opened_their_card(client, member_ke, coordinator_ma, staff):
    staff.person.visibility = "staff"
    staff.person.save()
    for reader in (coordinator_ma, staff):
        reader_client = APIClient()
        reader_client.force_authenticate(reader)
        reader_client.get(f"/api/v1/people/{member_ke.person.pk}/")
    client.force_login(member_ke)
    page = client.get(reverse("contacts:person", args=[member_ke.person.pk])).content.decode()
    assert "Who looked you up" in page
    assert str(coordinator_ma.person) in page  # a reader listed for the network, by name
    assert "IOM staff" in page  # a staff-only reader, by role
    assert str(staff.person) not in page
    assert "Read the contact details through the API" in page
    assert "coordinator_ma" not in page.replace(str(coordinator_ma.person), "")  # never a login name


def test_nobody_else_sees_who_looked_someone_up(client, member_ke, coordinator_ma):
    LookupLog.objects.create(viewer=coordinator_ma, person=member_ke.person, action="viewed")
    client.force_login(coordinator_ma)
    page = client.get(reverse("contacts:person", args=[member_ke.person.pk])).content.decode()
    assert "Who looked you up" not in page


def test_staff_see_the_highest_readers_first(client, staff, member_ke, coordinator_eg):
    people = [PersonFactory() for _ in range(3)]
    for person in people:
        LookupLog.objects.create(viewer=coordinator_eg, person=person, action="viewed")
    LookupLog.objects.create(viewer=member_ke, person=people[0], action="viewed")
    LookupLog.objects.create(viewer=member_ke, person=people[0], action="api")
    client.force_login(member_ke)
    assert client.get(reverse("contacts:read_report")).status_code == 403
    from tests.signin import sign_in_with_second_factor

    sign_in_with_second_factor(client, staff)
    page = client.get(reverse("contacts:read_report")).content.decode()
    first, second = str(coordinator_eg.person), str(member_ke.person)
    assert page.index(first) < page.index(second)
    assert "member_ke" not in page.replace(second, "")


@pytest.fixture
def staff_mailbox(settings, db, eager_celery):
    settings.CONTACT_READS_PER_DAY = 5
    settings.CONTACT_READS_PER_WEEK = 100
    settings.CONTACT_READS_ALERT_PERCENT = 80
    UserFactory(username="officer", email="officer@example.org", groups=["IOM staff"])
    return mail.outbox


def test_staff_get_one_e_mail_at_80_and_one_at_100_percent(
    member_ke, staff_mailbox, django_capture_on_commit_callbacks
):
    api = APIClient()
    api.force_authenticate(member_ke)
    people = [PersonFactory() for _ in range(5)]
    sent_after = []
    for person in people:
        with django_capture_on_commit_callbacks(execute=True):
            api.get(f"/api/v1/people/{person.pk}/")
            api.get(f"/api/v1/people/{person.pk}/")  # a re-read changes nothing
        sent_after.append(len(staff_mailbox))
    assert sent_after == [0, 0, 0, 1, 2]  # 4 of 5 is 80 %, 5 of 5 is 100 %
    assert all(message.to == ["officer@example.org"] for message in staff_mailbox)
    assert "80% of the day budget" in staff_mailbox[0].subject
    assert "100% of the day budget" in staff_mailbox[1].subject
    assert "/directory/reads/" in staff_mailbox[0].body
    assert OutboundEmail.objects.filter(status="sent").count() == 2
    assert SecurityEvent.objects.filter(kind="contact_reads_alert", user=member_ke).count() == 2


def test_the_own_card_costs_the_same_for_one_or_many_readers(client, member_ke):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("contacts:person", args=[member_ke.person.pk])).status_code == 200
        return len(queries)

    client.force_login(member_ke)
    LookupLog.objects.create(viewer=UserFactory(), person=member_ke.person, action="viewed")
    count()
    before = count()
    for _ in range(8):
        LookupLog.objects.create(viewer=UserFactory(), person=member_ke.person, action="api")
    assert count() == before
