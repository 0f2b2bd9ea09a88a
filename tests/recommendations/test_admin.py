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


def test_staff_send_a_failed_reminder_again_and_read_why_others_cannot_go(
    staff_client, django_capture_on_commit_callbacks, eager_celery
):
    from contacts.choices import Mandate
    from recommendations.models import Reminder
    from tests.factories import FocalPointFactory, PersonFactory, ReminderFactory

    coordinator = FocalPointFactory(country="EG", mandate=Mandate.TIP_COORDINATOR).person
    failed = ReminderFactory(status="failed", attempts=5, last_error="554 refused", recipient=coordinator)
    nomail = PersonFactory(email="")
    unreachable = ReminderFactory(
        status="failed", recipient=nomail, follow_up=FollowUpFactory(country="KE"), last_error="unreachable"
    )
    FocalPointFactory(country="KE", mandate=Mandate.TIP_COORDINATOR, person=nomail)
    sent = ReminderFactory(status="sent")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:recommendations_reminder_changelist"),
            {"action": "resend", "_selected_action": [failed.pk, unreachable.pk, sent.pk]},
            follow=True,
        )
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert Reminder.objects.get(pk=unreachable.pk).status == "failed"
    assert Reminder.objects.get(pk=sent.pk).status == "sent"
    notes = [str(message) for message in response.context["messages"]]
    assert notes[0] == "1 reminder(s) queued to be sent again."
    assert notes[1].startswith("Not sent again: ") and "Kenya" in notes[1] and "no e-mail address" in notes[1]


def test_the_follow_up_page_says_when_reminders_go_to_another_person_than_the_one_named(staff_client):
    from contacts.choices import Mandate
    from tests.factories import FocalPointFactory, PersonFactory

    national = FocalPointFactory(country="EG", mandate=Mandate.TIP_COORDINATOR).person
    named = PersonFactory(given_name="Named", family_name="Undesignated")
    item = FollowUpFactory(country="EG", coordinator=named)
    page = staff_client.get(reverse("admin:recommendations_followup_change", args=[item.pk])).content.decode()
    assert national.full_name in page
    assert "not to Named Undesignated, named here, who is inactive or holds no current designation" in page

    item.coordinator = national
    item.save()
    page = staff_client.get(reverse("admin:recommendations_followup_change", args=[item.pk])).content.decode()
    assert "named here" not in page
