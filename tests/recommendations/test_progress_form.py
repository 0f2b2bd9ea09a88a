"""The progress form as a screen reader meets it: errors named in the page title and listed in a summary that takes
the focus, help texts linked to their fields."""

import re

import pytest
from django.urls import reverse

from tests.factories import FollowUpFactory


@pytest.fixture
def follow_up(db):
    return FollowUpFactory(country="EG", recommendation__code="R7")


def page_of(follow_up) -> str:
    return reverse("recommendations:follow-up", args=[follow_up.pk])


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_an_invalid_progress_report_names_its_errors_in_the_page_title(client, coordinator_eg, follow_up):
    client.force_login(coordinator_eg)
    response = client.post(page_of(follow_up), {"status": "no such status", "evidence_url": "not a link"})
    assert response.status_code == 200
    assert title_of(response) == "Error: 2 problems – R7, Egypt · Cooperation registry"


def test_the_page_title_has_no_error_before_a_submit(client, coordinator_eg, follow_up):
    client.force_login(coordinator_eg)
    assert title_of(client.get(page_of(follow_up))) == "R7, Egypt · Cooperation registry"


def test_the_error_summary_takes_the_focus_and_links_each_problem_to_its_field(client, coordinator_eg, follow_up):
    client.force_login(coordinator_eg)
    html = client.post(page_of(follow_up), {"status": "in_progress", "evidence_url": "not a link"}).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert '<a href="#id_evidence_url">Evidence: a link: Enter a valid URL.</a>' in html
    assert 'aria-describedby="id_evidence_url_error"' in html and 'id="id_evidence_url_error"' in html


def test_help_texts_are_linked_to_their_fields(client, coordinator_eg, follow_up):
    client.force_login(coordinator_eg)
    html = client.get(page_of(follow_up)).content.decode()
    for name in ("evidence_file", "shared_with_network"):
        assert re.search(rf'<input[^>]* aria-describedby="id_{name}_helptext"[^>]* id="id_{name}"', html), name
        assert f'<small class="help" id="id_{name}_helptext">' in html
