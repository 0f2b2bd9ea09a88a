"""IOM staff import an attendee list in the admin, in the browser: upload a file with French headers and a column
the import does not read, preview, show only the rows in error, skip a bad row, ignore the column, add a
participating country, confirm."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from contacts.models import Person
from core.roles import IOM_STAFF
from events.models import Participation
from tests.factories import EventCountryFactory, EventFactory, PersonFactory, UserFactory
from tests.signin import totp_code

pytestmark = pytest.mark.django_db(transaction=True)

ATTENDEES = (
    "Courriel,Nom,Prénom,Pays,Téléphone,Langues,Remarques\n"
    "zawadi@example.org,Example,Zawadi,Kenya,+254 20 2012345,sw; Anglais,vegetarian\n"
    "karim@example.org,Example,Karim,Atlantis,,,\n"
    "AMINA.KNOWN@example.org,Known,Aminah,TN,,,\n"
)


@pytest.fixture
def staff_user(seeded, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = UserFactory(username="officer", groups=[IOM_STAFF], is_staff=True)
    TOTPDevice.objects.create(user=officer, name="default", confirmed=True)
    return officer


def test_staff_preview_skip_and_confirm_an_attendee_list(page, staff_user, tmp_path):
    event = EventFactory(title="Regional symposium")
    EventCountryFactory(event=event, country="TN")
    known = PersonFactory(given_name="Amina", family_name="Known", country="TN", email="amina.known@example.org")
    attendees = tmp_path / "attendees.csv"
    attendees.write_text(ATTENDEES, encoding="utf-8")

    page.goto("/admin/")  # staff are sent to the site's login, which asks for the authenticator code too
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Token").fill(totp_code(staff_user.totpdevice_set.get()))
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Data entry")).to_be_visible()
    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Import participants").click()
    expect(page.locator("#import-format-table")).to_contain_text("courriel")

    page.get_by_label("File").set_input_files(attendees)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#import-preview")
    expect(preview.locator("tr.import-new")).to_contain_text("Zawadi Example")
    expect(preview.locator("tr.import-new")).to_contain_text("“sw; Anglais” read as Swahili, English")
    expect(preview.locator("tr.import-error")).to_contain_text("Unknown country: Atlantis")
    expect(preview.locator("tr.import-match")).to_contain_text("by e-mail")
    expect(preview.locator("tr.import-match")).to_contain_text("adds spelling: Aminah Known")
    expect(page.locator("#import-unknown-columns")).to_contain_text("Remarques")
    assert not Person.objects.filter(given_name="Zawadi").exists()

    page.get_by_role("button", name="Show only the rows in error").click()
    expect(preview.locator("tbody tr")).to_have_count(1)
    expect(preview.locator("tr.import-error")).to_contain_text("Karim Example")
    page.get_by_role("button", name="Show all rows").click()
    expect(preview.locator("tbody tr")).to_have_count(3)

    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("The column “Remarques” is not read")).to_be_visible()
    page.get_by_label("Ignore the columns not read").check()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Rows 3 have errors")).to_be_visible()
    expect(page.get_by_label("Ignore the columns not read")).to_be_checked()  # still ticked
    page.get_by_label("Skip row 3").check()
    page.get_by_label("Add Kenya to the participating countries of the event").check()
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_text("Imported: new people: 1, matched people: 1")).to_be_visible()
    attendees_now = set(Participation.objects.filter(event=event).values_list("person__given_name", flat=True))
    assert attendees_now == {"Zawadi", known.given_name}
    assert not Person.objects.filter(given_name="Karim").exists()
    assert sorted(event.countries.values_list("country", flat=True)) == ["KE", "TN"]
    known.refresh_from_db()
    assert known.other_spellings == "Aminah Known"
