"""What the reflow, right-to-left and print tests look at: a Tunisian prosecutor with a long e-mail address and an
English job title that ends in a full stop, an event with a document, a recommendation followed up by Egypt and
Tunisia; and signing in, as any of the cast, in a given language."""

from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from contacts.models import Language
from recommendations.models import FollowUp, Recommendation
from tests.factories import (
    DocumentFactory,
    EventCountryFactory,
    EventFactory,
    EventOrganizationFactory,
    FocalPointFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
)
from tests.signin import PASSWORD, totp_code

LONG_EMAIL = "mohamed.bensalah.substitut-du-procureur@justice-tunisie.example.org"
JOB_TITLE = "Advocate for the victims of trafficking."
PHONE = "+21671123456"


@dataclass
class Scene:
    person: object
    event: object
    recommendation: Recommendation
    follow_up_eg: FollowUp
    follow_up_tn: FollowUp


def tunisia_scene() -> Scene:
    organization = OrganizationFactory(name="Public Prosecution Office of the Court of Appeal of Tunis", country="TN")
    person = PersonFactory(
        given_name="Mohamed",
        family_name="Ben Salah",
        honorific="Dr.",
        job_title=JOB_TITLE,
        organization=organization,
        country="TN",
        email=LONG_EMAIL,
        phone=PHONE,
        secure_channel_note="Ask for the encrypted line through the central authority first.",
    )
    person.languages.add(*Language.objects.filter(code__in=["ar", "fr"]))
    designation = FocalPointFactory(person=person, country="TN", organization=organization)
    designation.request_languages.add(*Language.objects.filter(code__in=["ar", "fr", "en"]))
    event = EventFactory(
        title="Regional Symposium on the Role of Digital Evidence in Combating Trafficking in Persons",
        summary="53 prosecutors from 18 countries met in Hurghada.",
        city="Hurghada",
    )
    EventOrganizationFactory(event=event, organization=organization)
    DocumentFactory(
        event=event, title="Final report", url="https://example.org/hurghada-final-report.pdf", visibility="public"
    )
    for code, size in (("TN", 3), ("EG", 12), ("MZ", 2)):
        EventCountryFactory(event=event, country=code, delegation_size=size)
    ParticipationFactory(event=event, person=person)
    recommendation = RecommendationFactory(event=event, code="R53")
    follow_up_eg = FollowUpFactory(recommendation=recommendation, country="EG")
    follow_up_tn = FollowUpFactory(recommendation=recommendation, country="TN")
    ProgressUpdateFactory(follow_up=follow_up_eg, note="Draft bill sent to parliament on 10 July 2023.")
    return Scene(person, event, recommendation, follow_up_eg, follow_up_tn)


def sign_in(page, user) -> None:
    """Through the login page, as a user would; staff also give their authenticator's code."""
    if user is None:
        return
    if user.is_staff:  # staff must have an authenticator before they sign in
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if user.is_staff:
        page.get_by_label("Token").fill(totp_code(device))
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("button", name="Log out")).to_be_attached()


def use_language(page, language: str) -> None:
    """As the header's switcher leaves it: Django's language cookie."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
