"""Constraints and visibility of events and what hangs from them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.choices import Visibility
from events.models import Document, Event, EventCountry, Participation
from tests.factories import (
    DocumentFactory,
    EventCountryFactory,
    EventFactory,
    ParticipationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "member_ke", "coordinator_eg", "coordinator_ma", "staff"]


def test_event_cannot_end_before_it_starts():
    event = EventFactory.build(start_date=date(2023, 7, 13), end_date=date(2023, 7, 10))
    with pytest.raises(ValidationError, match="end date cannot be before the start date"):
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_event_may_have_no_dates_when_the_source_gives_none():
    event = EventFactory.build(start_date=None, end_date=None, date_note="16-18 May; year not stated")
    event.full_clean()
    event.save()
    assert str(event).endswith("(16-18 May; year not stated)")


def test_delegation_size_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventCountry.objects.filter(pk=EventCountryFactory().pk).update(delegation_size=-1)
    with pytest.raises(ValidationError, match="delegation_size"):
        EventCountryFactory.build(event=EventFactory(), delegation_size=-2).full_clean()


def test_country_is_listed_once_per_event():
    first = EventCountryFactory(country="TN")
    with pytest.raises(ValidationError, match="already listed"):
        EventCountry(event=first.event, country="TN").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        EventCountry.objects.create(event=first.event, country="TN")


def test_person_is_recorded_once_per_event():
    first = ParticipationFactory()
    with pytest.raises(ValidationError, match="already recorded"):
        Participation(event=first.event, person=first.person).full_clean()


def test_document_needs_a_file_or_a_link():
    with pytest.raises(ValidationError, match="Attach a file or give a link"):
        Document(event=EventFactory(), kind="report", title="Report").full_clean()


def test_source_links_must_be_web_addresses():
    event = EventFactory.build(source_links="https://example.org/press\nnot a link")
    with pytest.raises(ValidationError, match="Line 2 is not a web address"):
        event.full_clean()


def test_recorded_participants_are_counted_apart_from_the_reported_figure():
    event = EventFactory(reported_participant_count=53)
    ParticipationFactory.create_batch(2, event=event)
    annotated = Event.objects.with_counts().get(pk=event.pk)
    assert (annotated.recorded_participant_count, annotated.reported_participant_count) == (2, 53)


@pytest.mark.parametrize("who", CAST)
def test_drafts_are_seen_by_staff_only(request, who):
    published, draft = EventFactory(status="published"), EventFactory(status="draft")
    visible = set(Event.objects.visible_to(request.getfixturevalue(who)))
    assert visible == ({published, draft} if who == "staff" else {published})


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", set()),
        ("member_ke", {"network, published"}),
        ("coordinator_eg", {"network, published"}),
        ("staff", {"network, published", "staff-only, published", "network, draft"}),
    ],
)
def test_participants_are_personal_data(request, who, expected):
    published, draft = EventFactory(status="published"), EventFactory(status="draft")
    labels = {
        ParticipationFactory(event=published, person=PersonFactory(visibility=Visibility.NETWORK)).pk: (
            "network, published"
        ),
        ParticipationFactory(event=published, person=PersonFactory(visibility=Visibility.STAFF)).pk: (
            "staff-only, published"
        ),
        ParticipationFactory(event=draft, person=PersonFactory(visibility=Visibility.NETWORK)).pk: "network, draft",
    }
    visible = Participation.objects.visible_to(request.getfixturevalue(who))
    assert {labels[pk] for pk in visible.values_list("pk", flat=True)} == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", ["public"]),
        ("member_ke", ["network", "public"]),
        ("staff", ["network", "public", "public", "staff"]),  # the draft event's document too
    ],
)
def test_documents_follow_their_visibility(request, who, expected):
    event = EventFactory()
    for visibility in ("public", "network", "staff"):
        DocumentFactory(event=event, visibility=visibility)
    DocumentFactory(event=EventFactory(status="draft"), visibility="public")
    visible = Document.objects.visible_to(request.getfixturevalue(who))
    assert sorted(visible.values_list("visibility", flat=True)) == expected


def test_an_event_cannot_follow_itself():
    event = EventFactory()
    event.previous_event = event
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert refused.value.message_dict == {"previous_event": ["An event cannot follow itself."]}


@pytest.mark.parametrize("depth", [1, 2, 5])
def test_an_event_cannot_follow_its_own_successor_at_any_depth(depth):
    first = EventFactory(title="Egypt roundtable")
    last = first
    for _ in range(depth):
        last = EventFactory(previous_event=last)
    first.previous_event = last
    with pytest.raises(ValidationError) as refused:
        first.full_clean()
    assert refused.value.message_dict == {
        "previous_event": [f"“{last}” already follows this event in the series, so it cannot come before it."]
    }


def test_a_series_may_continue_from_any_earlier_event(django_assert_max_num_queries):
    egypt = EventFactory(title="Egypt roundtable")
    rabat = EventFactory(title="Rabat roundtable", previous_event=egypt)
    third = EventFactory(title="Third roundtable")
    third.previous_event = rabat
    with django_assert_max_num_queries(1):  # the walk back the series, whatever its length
        third.check_series(rabat)
    third.full_clean()
    new = EventFactory.build(previous_event=rabat)
    new.full_clean()  # an event not saved yet has no successor


def test_a_series_that_already_loops_is_walked_without_end():
    first, second = EventFactory(), EventFactory()
    Event.objects.filter(pk=first.pk).update(previous_event=second)  # broken data, written around the check
    Event.objects.filter(pk=second.pk).update(previous_event=first)
    outside = EventFactory()
    outside.previous_event = first
    outside.full_clean()  # the loop does not include it: allowed, and the walk ends
    first.refresh_from_db()
    with pytest.raises(ValidationError, match="already follows this event"):
        first.full_clean()
