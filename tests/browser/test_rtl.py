"""Right to left: English data in Arabic pages and e-mails is isolated, so that its full stops, numbers and dates stay
where the writer put them; a phone number on an Arabic card sits next to its label."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.browser.scenes import JOB_TITLE, LONG_EMAIL, sign_in, tunisia_scene, use_language
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db(transaction=True)

FSI, PDI = "\u2068", "\u2069"  # the first-strong and pop isolates of plain text


@pytest.mark.parametrize("language", ["ar", "en", "fr", "pt"])
def test_names_titles_e_mails_and_phone_numbers_are_isolated(page, member_ke, language):
    scene = tunisia_scene()
    sign_in(page, member_ke)
    use_language(page, language)

    page.goto(f"/people/{scene.person.pk}/")
    html = page.content()
    assert f"<h1><bdi>{scene.person}</bdi></h1>" in html
    assert f"<bdi>{JOB_TITLE}</bdi>" in html
    assert f'<bdi dir="ltr">{LONG_EMAIL}</bdi>' in html
    assert '<bdi dir="ltr">+216 71 123 456</bdi>' in html
    assert f"<bdi>{scene.event.title}</bdi>" in html  # its date follows it

    page.goto("/countries/TN/")
    assert f"<bdi>{scene.person}</bdi>" in page.content()
    page.goto("/events/")
    assert f"<bdi>{scene.event.title}</bdi>" in page.content()
    page.goto(f"/events/{scene.event.pk}/")
    assert '<p dir="auto">53 prosecutors from 18 countries met in Hurghada.</p>' in page.content()
    page.goto(f"/recommendations/{scene.recommendation.pk}/")
    assert f'<p class="lead" dir="auto">{scene.recommendation.text}</p>' in page.content()


def label_and_value_boxes(page, value_selector: str) -> dict:
    return page.locator(value_selector).evaluate(
        """value => {
            const dd = value.closest('dd'), dt = dd.previousElementSibling;
            const label = dt.getBoundingClientRect(), box = value.getBoundingClientRect();
            return {labelLeft: label.left, labelRight: label.right, left: box.left, right: box.right};
        }"""
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_phone_number_sits_next_to_its_label(page, member_ke, language):
    scene = tunisia_scene()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, member_ke)
    use_language(page, language)
    page.goto(f"/people/{scene.person.pk}/")
    for value in ('a[href^="tel:"] bdi', 'a[href^="mailto:"] bdi'):
        boxes = label_and_value_boxes(page, value)
        # Between the label's column and the value only the grid's gap (1rem); the label column is on the right in
        # Arabic, on the left in English.
        gap = boxes["labelLeft"] - boxes["right"] if language == "ar" else boxes["left"] - boxes["labelRight"]
        assert 0 <= gap <= 24, (value, boxes)


def test_e_mails_isolate_names_and_titles(seeded):
    reminder = ReminderFactory(recipient__given_name="Amina", recipient__family_name="Member")
    follow_up = reminder.follow_up
    context = {"recipient": reminder.recipient, "items": [{"reminder": reminder, "url": "https://r.example/f/1/"}]}
    with translation.override("ar"):
        text = render_to_string("recommendations/email/reminder_digest.txt", context)
        html = render_to_string("recommendations/email/reminder_digest.html", context)
        reconfirmation = render_to_string(
            "contacts/email/reconfirmation.txt", {"person": reminder.recipient, "link": "https://r.example/c/"}
        )
    assert f"{FSI}{reminder.recipient.full_name}{PDI}" in text
    assert f"{FSI}{follow_up.recommendation.event.title}{PDI}" in text
    assert f"{FSI}{reminder.recipient.full_name}{PDI}" in html
    assert f"<bdi>{follow_up.recommendation.event.title}</bdi>" in html
    assert f"{FSI}{reminder.recipient}{PDI}" in reconfirmation


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_a_label_sits_above_its_value_which_takes_the_width(page, member_ke, language):
    scene = tunisia_scene()
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, member_ke)
    use_language(page, language)
    page.goto(f"/people/{scene.person.pk}/")
    boxes = label_and_value_boxes(page, 'a[href^="mailto:"] bdi')
    value = page.locator('a[href^="mailto:"]').bounding_box()
    assert value["width"] >= 200, boxes  # side by side it was a column of a few letters, the address on 8 lines
