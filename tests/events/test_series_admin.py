"""The admin change form refuses a series that loops, on the "previous event in the series" field."""

from django.urls import reverse

from events.models import Event
from tests.admin_forms import changeform_data
from tests.factories import EventFactory


def test_the_change_form_refuses_an_event_following_its_successor(staff_client):
    egypt = EventFactory(title="Egypt roundtable")
    rabat = EventFactory(title="Rabat roundtable", previous_event=egypt)
    url = reverse("admin:events_event_change", args=[egypt.pk])
    data = changeform_data(staff_client.get(url))

    response = staff_client.post(url, {**data, "previous_event": rabat.pk})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["previous_event"] == [
        f"“{rabat}” already follows this event in the series, so it cannot come before it."
    ]
    assert Event.objects.get(pk=egypt.pk).previous_event is None


def test_the_change_form_refuses_an_event_following_itself(staff_client):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])
    response = staff_client.post(url, {**changeform_data(staff_client.get(url)), "previous_event": event.pk})
    assert response.context["adminform"].form.errors["previous_event"] == ["An event cannot follow itself."]


def test_the_change_form_saves_a_series_that_does_not_loop(staff_client):
    egypt, rabat = EventFactory(title="Egypt roundtable"), EventFactory(title="Rabat roundtable")
    url = reverse("admin:events_event_change", args=[rabat.pk])
    response = staff_client.post(url, {**changeform_data(staff_client.get(url)), "previous_event": egypt.pk})
    assert response.status_code == 302
    assert Event.objects.get(pk=rabat.pk).previous_event == egypt
