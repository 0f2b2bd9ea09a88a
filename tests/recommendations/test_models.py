"""Follow-ups: uniqueness, who sees and edits them, and the one way their status changes."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recommendations.models import FollowUp, ProgressUpdate, Recommendation, Reminder
from recommendations.services import record_progress
from tests.factories import EventFactory, FollowUpFactory, PersonFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "member_ke", "coordinator_eg", "coordinator_ma", "staff"]


def test_recommendation_code_is_unique_per_event():
    first = RecommendationFactory(code="R1")
    with pytest.raises(ValidationError, match="already has a recommendation with this reference"):
        Recommendation(event=first.event, code="R1", text="Another", category="other").full_clean()
    RecommendationFactory(code="R1")  # same code at another event is fine


def test_one_follow_up_per_country_and_recommendation():
    first = FollowUpFactory(country="EG")
    with pytest.raises(ValidationError, match="already has a follow-up for this country"):
        FollowUp(recommendation=first.recommendation, country="EG").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(recommendation=first.recommendation, country="EG")


def test_reminder_is_unique_per_follow_up_kind_and_period():
    follow_up = FollowUpFactory()
    recipient = PersonFactory()
    Reminder.objects.create(follow_up=follow_up, recipient=recipient, kind="overdue", period_key="2026-W48")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(follow_up=follow_up, recipient=recipient, kind="overdue", period_key="2026-W48")


@pytest.mark.parametrize("who", CAST)
def test_follow_ups_are_shown_to_members_and_staff(request, who):
    follow_up = FollowUpFactory()
    draft_follow_up = FollowUpFactory(recommendation=RecommendationFactory(event=EventFactory(status="draft")))
    visible = set(FollowUp.objects.visible_to(request.getfixturevalue(who)))
    expected = {
        "anonymous": set(),
        "staff": {follow_up, draft_follow_up},
    }.get(who, {follow_up})
    assert visible == expected


@pytest.mark.parametrize(
    ("who", "editable"),
    [
        ("anonymous", set()),
        ("member_ke", set()),
        ("coordinator_eg", {"EG"}),
        ("coordinator_ma", {"MA"}),
        ("staff", {"EG", "MA", "TN"}),
    ],
)
def test_coordinators_edit_only_their_own_country(request, who, editable):
    recommendation = RecommendationFactory()
    for country in ("EG", "MA", "TN"):
        FollowUpFactory(recommendation=recommendation, country=country)
    user = request.getfixturevalue(who)
    assert set(FollowUp.objects.editable_by(user).values_list("country", flat=True)) == editable


def test_recording_progress_changes_status_and_keeps_history(coordinator_eg):
    follow_up = FollowUpFactory(country="EG")
    record_progress(follow_up, coordinator_eg, "in_progress", note="Draft agreement sent to Tunisia")
    record_progress(follow_up, coordinator_eg, "implemented", note="Agreement signed")
    assert follow_up.status == "implemented"
    assert follow_up.last_progress_on is not None
    history = list(follow_up.progress_updates.values_list("status_before", "status_after"))
    assert history == [("not_started", "in_progress"), ("in_progress", "implemented")]


def test_invalid_status_changes_nothing(coordinator_eg):
    follow_up = FollowUpFactory(country="EG")
    with pytest.raises(ValidationError):
        record_progress(follow_up, coordinator_eg, "finished")
    follow_up.refresh_from_db()
    assert follow_up.status == "not_started"
    assert not ProgressUpdate.objects.exists()


def test_progress_updates_are_append_only(coordinator_eg):
    update = record_progress(FollowUpFactory(), coordinator_eg, "in_progress")
    update.note = "rewritten"
    with pytest.raises(ValidationError, match="cannot be changed"):
        update.save()


def test_overdue_means_open_and_past_its_due_date():
    today = date(2026, 11, 24)
    late = FollowUpFactory(due_date=today - timedelta(days=1))
    FollowUpFactory(due_date=today - timedelta(days=1), status="implemented")
    FollowUpFactory(due_date=today)
    assert list(FollowUp.objects.overdue(on=today)) == [late]
    assert late.is_overdue(on=today)
