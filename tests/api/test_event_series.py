"""An event links back to the previous edition of its series and forward to the next, naming only editions the
reader may see: the public never learns the title or the id of a draft."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import EventFactory


@pytest.fixture
def series(db):
    draft_before = EventFactory(title="Draft first roundtable", status="draft")
    first = EventFactory(title="First roundtable", status="published", previous_event=draft_before)
    second = EventFactory(title="Second roundtable", status="published", previous_event=first, start_date="2024-05-01")
    EventFactory(title="Third roundtable, in preparation", status="draft", previous_event=first)
    return {"draft_before": draft_before, "first": first, "second": second}


def page_of(client, event) -> str:
    return client.get(reverse("events:detail", args=[event.pk])).content.decode()


def test_the_public_page_links_back_and_forward_to_published_editions_only(client, series):
    page = page_of(client, series["first"])
    assert "Draft first roundtable" not in page and "in preparation" not in page
    assert f'Continued by: <a href="/events/{series["second"].pk}/"><bdi>Second roundtable (2024)</bdi></a>' in page
    assert "Continues:" not in page  # its previous edition is a draft
    assert f'Continues: <a href="/events/{series["first"].pk}/">' in page_of(client, series["second"])


def test_staff_see_the_draft_editions_too(staff_client, series):
    page = page_of(staff_client, series["first"])
    assert "Continues:" in page and "Draft first roundtable" in page and "in preparation" in page


def test_the_api_gives_the_previous_edition_only_where_the_caller_may_see_it(series, staff, token_for):
    anonymous = APIClient()
    events = {row["title"]: row for row in anonymous.get("/api/v1/events/").json()["results"]}
    assert events["First roundtable"]["previous_event"] is None  # a draft: not even its id
    assert events["Second roundtable"]["previous_event"] == series["first"].pk
    staff_api = APIClient(headers=token_for(staff))
    first = staff_api.get(f"/api/v1/events/{series['first'].pk}/").json()
    assert first["previous_event"] == series["draft_before"].pk
