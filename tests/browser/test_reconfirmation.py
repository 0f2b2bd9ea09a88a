"""In a real browser: a person follows the re-confirmation link of an e-mail caught by a real SMTP server (aiosmtpd),
sees their details and confirms them, without logging in."""

import time
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from contacts import reconfirmation
from registry.celery import app
from tests.factories import PersonFactory
from tests.smtp import Mailbox, free_port


@pytest.fixture
def smtp(settings):
    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", box.port, False
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield box
    app.conf.task_always_eager = eager
    controller.stop()


def test_a_person_confirms_their_details_from_the_e_mail(page, live_server, seeded, smtp, settings):
    settings.SITE_URL = live_server.url
    person = PersonFactory(given_name="Amina", family_name="Example", email="amina@example.org", country="TN")
    reconfirmation.ask(person, "2026")  # committed at once: live-server tests run without a wrapping transaction
    deadline = time.monotonic() + 10
    while not smtp.messages and time.monotonic() < deadline:  # the SMTP server stores it on its own thread
        time.sleep(0.05)
    [message] = smtp.messages
    assert message["To"] == "amina@example.org"
    body = message.get_payload(decode=True).decode()
    link = next(word for word in body.split() if "/reconfirm/" in word)

    page.goto(link)
    expect(page.get_by_role("heading", name="Your details in the registry")).to_be_visible()
    expect(page.get_by_text("amina@example.org")).to_be_visible()
    page.get_by_role("button", name="These are right").click()
    expect(page.get_by_text("Your details are marked as verified today.")).to_be_visible()
    person.refresh_from_db()
    assert person.last_verified_on == date.today()
