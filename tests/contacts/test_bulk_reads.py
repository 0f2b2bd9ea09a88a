"""``read_contacts``: several people read at once (a printed directory), all or nothing against the same budgets as
one card, with the time to wait counted right when some of them were read before."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from contacts.choices import LookupAction
from contacts.models import LookupLog
from contacts.reads import BulkReadBudgetExceeded, read_contact, read_contacts
from tests.factories import PersonFactory

START = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


@pytest.fixture
def budget_of_three(settings):
    settings.CONTACT_READS_PER_DAY = 3
    settings.CONTACT_READS_PER_WEEK = 100


def test_the_wait_counts_only_reads_of_people_outside_the_directory(member_ke, budget_of_three, db):
    """A was read first, but when that read leaves the window A becomes a new read again: the place that frees
    the directory is X's, read an hour later."""
    a, new, x, y = (PersonFactory() for _ in range(4))
    with time_machine.travel(START, tick=False) as clock:
        read_contact(member_ke, a, LookupAction.VIEWED)
        clock.shift(timedelta(hours=1))
        read_contact(member_ke, x, LookupAction.VIEWED)
        clock.shift(timedelta(hours=1))
        read_contact(member_ke, y, LookupAction.VIEWED)
        clock.shift(timedelta(hours=1))
        with pytest.raises(BulkReadBudgetExceeded) as refused:
            read_contacts(member_ke, [a, new], LookupAction.PRINTED)
    assert refused.value.retry_after == 22 * 3600  # X's read (at 9:00) leaves the window at 9:00 the next day
    assert (refused.value.people, refused.value.new, refused.value.remaining) == (2, 1, 0)
    assert not LookupLog.objects.filter(action=LookupAction.PRINTED).exists()


def test_a_person_named_twice_is_read_once(member_ke, budget_of_three, db):
    person = PersonFactory()
    read_contacts(member_ke, [person, person], LookupAction.PRINTED)
    assert LookupLog.objects.filter(person=person).count() == 1


def test_exactly_the_budget_is_allowed(member_ke, budget_of_three, db):
    read_contacts(member_ke, [PersonFactory() for _ in range(3)], LookupAction.PRINTED)
    assert LookupLog.objects.count() == 3
    with pytest.raises(BulkReadBudgetExceeded):
        read_contacts(member_ke, [PersonFactory()], LookupAction.PRINTED)


def test_nobody_to_read_writes_nothing(member_ke, db):
    read_contacts(member_ke, [member_ke.person], LookupAction.PRINTED)
    read_contacts(member_ke, [], LookupAction.PRINTED)
    assert not LookupLog.objects.exists()
