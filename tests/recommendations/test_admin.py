"""Follow-ups in the admin: staff assign them per country, but their status moves only through progress updates."""

from django.urls import reverse

from recommendations.models import FollowUp
from recommendations.services import record_progress
from tests.admin_forms import changeform_data, inline_rows
from tests.factories import FollowUpFactory, PersonFactory, RecommendationFactory


def test_staff_assign_a_recommendation_to_countries_on_its_page(staff_client):
    recommendation = RecommendationFactory()
    coordinator = PersonFactory(country="TN")
    change_url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    data = changeform_data(staff_client.get(change_url))
    data.update(inline_rows("follow_ups", [{"country": "TN", "coordinator": coordinator.pk, "due_date": "2027-03-31"}]))

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    follow_up = recommendation.follow_ups.get()
    assert (follow_up.country.code, follow_up.coordinator, follow_up.status) == ("TN", coordinator, "not_started")


def test_the_same_country_twice_is_a_form_error(staff_client):
    recommendation = RecommendationFactory()
    change_url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    data = changeform_data(staff_client.get(change_url))
    data.update(inline_rows("follow_ups", [{"country": "TN"}, {"country": "TN"}]))

    response = staff_client.post(change_url, data)

    assert response.status_code == 200
    assert not FollowUp.objects.exists()


def test_status_cannot_be_changed_in_the_admin(staff_client):
    follow_up = FollowUpFactory()
    change_url = reverse("admin:recommendations_followup_change", args=[follow_up.pk])
    page = staff_client.get(change_url)
    assert 'name="status"' not in page.content.decode()
    data = changeform_data(page)
    data.update(status="implemented", notes="Tried to close it by hand")

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "not_started"
    assert follow_up.notes == "Tried to close it by hand"


def test_follow_up_page_shows_its_progress_history_read_only(staff_client, staff):
    follow_up = FollowUpFactory()
    record_progress(follow_up, staff, "in_progress", note="Draft bill before parliament")
    page = staff_client.get(reverse("admin:recommendations_followup_change", args=[follow_up.pk])).content.decode()
    assert "Draft bill before parliament" in page
    assert 'name="progress_updates-0-note"' not in page


def test_overdue_filter_lists_open_follow_ups_past_their_due_date(staff_client):
    overdue = FollowUpFactory(due_date="2020-01-01")
    FollowUpFactory(due_date="2099-01-01")
    closed = FollowUpFactory(due_date="2020-01-01")
    FollowUp.objects.filter(pk=closed.pk).update(status="implemented")
    response = staff_client.get(reverse("admin:recommendations_followup_changelist") + "?overdue=yes")
    assert list(response.context["cl"].result_list) == [overdue]


def test_staff_send_a_failed_reminder_again(staff_client):
    from recommendations.models import Reminder
    from tests.factories import ReminderFactory

    failed = ReminderFactory(status="failed", attempts=5, last_error="554 refused")
    sent = ReminderFactory(status="sent")
    response = staff_client.post(
        reverse("admin:recommendations_reminder_changelist"),
        {"action": "resend", "_selected_action": [failed.pk, sent.pk]},
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("pending", 0, "")
    assert Reminder.objects.get(pk=sent.pk).status == "sent"
