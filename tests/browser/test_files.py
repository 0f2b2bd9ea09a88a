"""In a real browser: a document opens from a public event page, and an evidence file from a follow-up page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from core.roles import NATIONAL_COORDINATOR, NETWORK_MEMBER
from recommendations.services import record_progress
from tests.factories import DocumentFactory, EventFactory, FollowUpFactory, PersonFactory, UserFactory
from tests.signin import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(tmp_path)


def opened(page, link) -> bytes:
    """What the browser gets when it follows ``link``, with the page's own cookies."""
    response = page.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    return response.body()


def test_a_visitor_opens_a_document_of_a_public_event(page, seeded):
    event = EventFactory(title="Regional symposium")
    DocumentFactory(
        event=event, title="Final report", visibility="public", url="", file=SimpleUploadedFile("r.pdf", PDF)
    )
    page.goto(f"/events/{event.pk}/")
    link = page.get_by_role("link", name="Final report")
    expect(link).to_have_attribute("href", re.compile(r"^/files/documents/"))
    assert opened(page, link) == PDF


def test_a_coordinator_opens_evidence_from_a_follow_up_page(page, seeded):
    coordinator = UserFactory(username="coord", groups=[NETWORK_MEMBER, NATIONAL_COORDINATOR])
    PersonFactory(user=coordinator, country="EG")
    follow_up = FollowUpFactory(country="EG")
    record_progress(
        follow_up, coordinator, "in_progress", "Decree signed.", evidence_file=SimpleUploadedFile("Decree.pdf", PDF)
    )
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("coord")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/follow-ups/{follow_up.pk}/")
    link = page.get_by_role("link", name="Evidence (file): Decree.pdf")
    assert opened(page, link) == PDF
