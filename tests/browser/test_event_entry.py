"""IOM staff enter the Hurghada symposium from its press release (seed 000) in the browser, on an empty database,
counting what they do: every click, fill, pick and tick is an action; page loads and form submissions are counted
from the browser's own events. Before issue 19 the same entry took about 144 actions and 14 page loads."""

import os

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from contacts.models import Organization
from core.roles import IOM_STAFF
from events.models import Event
from tests.factories import EventFactory, OrganizationFactory, ParticipationFactory, UserFactory
from tests.signin import totp_code

pytestmark = pytest.mark.django_db(transaction=True)

# As the press release writes them, misspelt "Jordon" included.
PRESS_RELEASE_COUNTRIES = (
    "Egypt, Mauritius, Uganda, Namibia, Mozambique, Morocco, Angola, Tanzania, Zimbabwe, Zambia, Tunisia, Kenya, "
    "South Africa, Kuwait, Jordon, Lebanon, Lesotho, Bahrain, Qatar, Oman, KSA, The Netherlands and Germany"
)
ORGANISATIONS = [  # name, roles, kind, country as typed ("" for an international body)
    ("IOM Egypt", ["Organiser"], "International organisation", "Egypt"),
    ("IOM Algeria", ["Organiser"], "International organisation", "Algeria"),
    ("African Prosecutors Association", ["Organiser"], "Network or association", ""),
    ("Egyptian Public Prosecution", ["Co-organiser", "Host"], "Prosecution service", "Egypt"),
    ("INTERPOL", ["Partner"], "International organisation", ""),
    ("U.S. Department of State PRM", ["Funder"], "Donor", "USA"),
]


class Counted:
    """The page, with every action staff take on it counted."""

    def __init__(self, page) -> None:
        self.page, self.actions, self.loads, self.submissions = page, 0, 0, 0
        page.on("load", lambda _page: self._count("loads"))
        page.on("request", self._count_submission)

    def _count(self, what: str) -> None:
        setattr(self, what, getattr(self, what) + 1)

    def _count_submission(self, request) -> None:
        if request.method == "POST" and request.resource_type == "document":
            self.submissions += 1

    def do(self, locator, action: str, *args, **kwargs) -> None:
        self.actions += 1
        getattr(locator, action)(*args, **kwargs)


@pytest.fixture
def officer(seeded):
    user = UserFactory(username="officer", groups=[IOM_STAFF], is_staff=True)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def sign_in(page, officer) -> None:
    page.goto("/admin/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Token").fill(totp_code(officer.totpdevice_set.get()))
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Data entry")).to_be_visible()
    page.wait_for_load_state("load")  # so that the admin index's own load is not counted as the entry's


def enter_organisations(staff: Counted) -> None:
    page = staff.page
    for row, (name, roles, kind, country) in enumerate(ORGANISATIONS):
        staff.do(page.locator(f"#id_organizations-{row}-name"), "fill", name)
        for role in roles:
            staff.do(page.locator(f"#id_organizations-{row}-roles").get_by_label(role, exact=True), "check")
        staff.do(page.locator(f"#id_organizations-{row}-new_kind"), "select_option", label=kind)
        if country:
            staff.do(page.locator(f"#id_organizations-{row}-new_country"), "fill", country)


def test_staff_enter_the_hurghada_symposium_in_under_40_actions(page, officer, capsys):
    sign_in(page, officer)
    staff = Counted(page)

    staff.do(page.locator('a[href="/admin/events/event/add/"]').first, "click")
    title = page.get_by_label("Title:", exact=True)  # exact: inline rows' fields are "Title, new row", "Kind, row 1"...
    staff.do(title, "fill", "Global Symposium on the Role of Digital Evidence in Combating and "
             "Investigating Transnational Organized Crimes: Human Trafficking and Smuggling of Migrants")  # fmt: skip
    staff.do(page.get_by_label("Kind:", exact=True), "select_option", "symposium")
    staff.do(page.get_by_label("Status"), "select_option", "published")
    staff.do(page.get_by_label("Date as the source gives it"), "fill", "Not stated in the press release")
    staff.do(page.get_by_label("City"), "fill", "Hurghada")
    staff.do(page.get_by_label("Host country"), "select_option", "EG")

    paste = page.get_by_label("Paste a list of countries")
    staff.do(paste, "fill", PRESS_RELEASE_COUNTRIES)
    expect(page.locator(".country-paste-preview")).to_contain_text("Unknown: “Jordon” (did you mean Jordan?)")
    staff.do(paste, "fill", PRESS_RELEASE_COUNTRIES.replace("Jordon", "Jordan"))
    expect(page.locator(".country-paste-preview")).to_contain_text("Saudi Arabia, Netherlands, Germany (23)")

    staff.do(page.get_by_label("Reported participants"), "fill", "53")
    staff.do(page.get_by_label("Reported countries"), "fill", "22")
    staff.do(page.get_by_label("New programmes"), "fill", "Africa Regional Migration Program (ARMP)")
    staff.do(page.get_by_label("New themes"), "fill", "Digital evidence; Cybercrime")
    enter_organisations(staff)
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.environ["SCREENSHOTS"] + "/event-add.png", full_page=True)

    staff.do(page.get_by_role("button", name="Save", exact=True).last, "click")
    expect(page.get_by_text("“IOM Egypt” is not in the registry yet")).to_be_visible()
    assert not Organization.objects.filter(name="IOM Egypt").exists()
    staff.do(page.get_by_role("button", name="Save", exact=True).last, "click")
    expect(page.get_by_text("was added successfully")).to_be_visible()
    page.wait_for_load_state("load")
    actions, loads, submissions = staff.actions, staff.loads, staff.submissions
    if os.environ.get("SCREENSHOTS"):
        page.goto(f"/admin/events/event/{Event.objects.get().pk}/change/")
        page.screenshot(
            path=os.environ["SCREENSHOTS"] + "/event-change.png",
            full_page=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": 1300},
        )

    event = Event.objects.get()
    assert event.status == "published" and event.countries.count() == 23
    assert event.organizations.count() == 7 and Organization.objects.filter(kind="donor", country="US").exists()
    assert event.programmes.get().acronym == "ARMP" and event.themes.count() == 2
    with capsys.disabled():
        print(f"\nHurghada entry: {actions} actions, {loads} page loads, {submissions} form submissions")
    assert actions < 40
    assert loads == 3 and submissions == 2


def test_a_region_preset_fills_the_picker_at_once(page, officer):
    sign_in(page, officer)
    page.goto("/admin/events/event/add/")
    page.get_by_label("Gulf Cooperation Council (GCC) (6)").click()
    chips = page.locator(".field-participating_countries .select2-selection__choice")
    expect(chips).to_have_count(6)
    expect(chips.first).to_contain_text("Bahrain")
    expect(page.get_by_label("Gulf Cooperation Council (GCC) (6)")).not_to_be_checked()


def test_a_long_title_wraps_clear_of_the_buttons(page, officer):
    event = EventFactory(title="Regional symposium on " + "transnational organised crime and digital evidence " * 7)
    sign_in(page, officer)
    for width in (1280, 800, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/admin/events/event/{event.pk}/change/")
        title = page.locator("#content h2").first.bounding_box()
        tools = page.locator(".object-tools").bounding_box()
        overlap = not (
            title["x"] + title["width"] <= tools["x"]
            or tools["x"] + tools["width"] <= title["x"]
            or title["y"] + title["height"] <= tools["y"]
            or tools["y"] + tools["height"] <= title["y"]
        )
        assert not overlap, (width, title, tools)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_organisation_field_suggests_those_in_the_registry(page, officer):
    OrganizationFactory(name="IOM Egypt", country="EG", kind="international")
    sign_in(page, officer)
    page.goto("/admin/events/event/add/")
    page.locator("#id_organizations-0-name").press_sequentially("iom")
    expect(page.locator("#organisation-suggestions option")).to_have_attribute("value", "IOM Egypt · Egypt")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_event_pages_fit_a_phone_in_english_and_arabic(page, officer, language):
    event = EventFactory(title="Global Symposium on the Role of Digital Evidence in Combating Trafficking")
    ParticipationFactory(event=event)
    sign_in(page, officer)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    page.set_viewport_size({"width": 320, "height": 800})
    pages = ("/admin/events/event/add/", f"/admin/events/event/{event.pk}/change/",
             f"/admin/events/event/{event.pk}/import/participants/", "/admin/events/participation/")  # fmt: skip
    for path in pages:
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
