"""Treaty status per country and bilateral treaties: the models' rules, the seeded instruments, the admin, the API,
the legal bases two countries share, the demo rows and the country page's section."""

from datetime import date, timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.choices import InstrumentCode, TreatyAction
from events.models import BilateralTreaty, Instrument, TreatyStatus
from events.treaties import country_treaties, legal_bases_between, pair_path
from tests.factories import BilateralTreatyFactory, InstrumentFactory, TreatyStatusFactory

pytestmark = pytest.mark.django_db

seed = import_module("events.migrations.0007_seed_treaty_instruments")


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def messages(error: ValidationError) -> list[str]:
    return [message for values in error.message_dict.values() for message in values]


# --- Models


def test_a_bilateral_treaty_is_stored_in_alphabetical_order_of_its_countries():
    treaty = BilateralTreaty.objects.create(country_a="MA", country_b="EG", kind="mla", title="MLA agreement")
    treaty.refresh_from_db()
    assert (treaty.country_a.code, treaty.country_b.code) == ("EG", "MA")
    assert list(BilateralTreaty.objects.between("MA", "EG")) == [treaty]
    assert list(BilateralTreaty.objects.between("eg", "ma")) == [treaty]
    assert list(BilateralTreaty.objects.of_country("MA")) == list(BilateralTreaty.objects.of_country("EG")) == [treaty]
    assert not BilateralTreaty.objects.of_country("TN").exists()
    assert treaty.other_country("EG").code == "MA"


def test_the_same_treaty_entered_the_other_way_round_is_a_duplicate():
    BilateralTreatyFactory(country_a="EG", country_b="MA", title="MLA agreement")
    copy = BilateralTreaty(country_a="MA", country_b="EG", kind="mla", title="MLA agreement")
    with pytest.raises(ValidationError) as error:
        copy.full_clean()
    assert "These two countries already have a treaty with this title." in messages(error.value)
    BilateralTreaty(country_a="MA", country_b="EG", kind="extradition", title="Extradition treaty").full_clean()


def test_the_database_refuses_reversed_and_self_treaties_written_past_save():
    for first, second in (("MA", "EG"), ("EG", "EG")):
        with pytest.raises(IntegrityError), transaction.atomic():
            BilateralTreaty.objects.bulk_create([BilateralTreaty(country_a=first, country_b=second, title="x")])


def test_a_country_cannot_have_a_treaty_with_itself():
    with pytest.raises(ValidationError) as error:
        BilateralTreaty(country_a="EG", country_b="EG", kind="mla", title="MLA agreement").full_clean()
    assert messages(error.value) == ["A country cannot have a treaty with itself."]


def test_a_treaty_cannot_be_signed_in_the_future_nor_enter_into_force_before_its_signature():
    future = BilateralTreaty(
        country_a="EG", country_b="MA", kind="mla", title="t", signed_on=date.today() + timedelta(1)
    )
    with pytest.raises(ValidationError) as error:
        future.full_clean()
    assert error.value.message_dict["signed_on"] == ["The date of signature cannot be in the future."]
    early = BilateralTreaty(
        country_a="EG", country_b="MA", kind="mla", title="t", signed_on=date(2010, 5, 1), in_force_on=date(2009, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        early.full_clean()
    assert "A treaty cannot enter into force before it is signed." in messages(error.value)


def test_one_status_per_country_and_instrument():
    untoc = instrument(InstrumentCode.UNTOC)
    TreatyStatusFactory(country="EG", instrument=untoc)
    with pytest.raises(ValidationError) as error:
        TreatyStatus(country="EG", instrument=untoc, action=TreatyAction.ACCESSION).full_clean()
    assert messages(error.value) == [
        "This country already has a status under this instrument: change that row instead."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatyStatus.objects.create(country="EG", instrument=untoc, action=TreatyAction.ACCESSION)
    TreatyStatus(country="MA", instrument=untoc, action=TreatyAction.ACCESSION).full_clean()


def test_a_status_date_is_neither_in_the_future_nor_before_the_instrument_was_adopted():
    untoc = instrument(InstrumentCode.UNTOC)
    with pytest.raises(ValidationError) as error:
        TreatyStatus(
            country="EG", instrument=untoc, action="ratification", date=date.today() + timedelta(1)
        ).full_clean()
    assert error.value.message_dict["date"] == ["The date cannot be in the future."]
    with pytest.raises(ValidationError) as error:
        TreatyStatus(country="EG", instrument=untoc, action="ratification", date=date(1999, 1, 1)).full_clean()
    assert error.value.message_dict["date"] == ["The date cannot be before the instrument was adopted (2000-11-15)."]


def test_a_signature_alone_is_not_party():
    signed = TreatyStatusFactory(action=TreatyAction.SIGNATURE)
    ratified = TreatyStatusFactory(action=TreatyAction.RATIFICATION)
    assert not signed.is_party and ratified.is_party
    assert list(TreatyStatus.objects.parties()) == [ratified]


def test_instrument_codes_are_unique_but_may_be_blank():
    InstrumentFactory(code="")
    InstrumentFactory(code="")
    with pytest.raises(ValidationError) as error:
        InstrumentFactory.build(code=InstrumentCode.UNTOC).full_clean()
    assert "Another legal instrument already has this code." in messages(error.value)


# --- The seeded instruments (migration events 0007)


def test_migrations_seed_the_six_instruments_with_their_codes():
    adopted = dict(Instrument.objects.exclude(code="").values_list("code", "adopted_on"))
    assert {code: day.year for code, day in adopted.items()} == {
        "untoc": 2000,
        "tip-protocol": 2000,
        "som-protocol": 2000,
        "arab-toc": 2010,
        "budapest": 2001,
        "malabo": 2014,
    }
    assert str(instrument("untoc")) == "UNTOC"
    assert instrument("malabo").name == "African Union Convention on Cyber Security and Personal Data Protection"


def test_the_seed_finds_rows_already_there_by_name_and_keeps_their_names():
    """As on a database holding the demo data (UNTOC and its Protocols by name, without codes) and an instrument staff
    entered under another name of the Budapest Convention."""
    Instrument.objects.filter(code__in=["budapest", "malabo"]).delete()
    Instrument.objects.update(code="", adopted_on=None)
    staff_row = InstrumentFactory(name="Convention on Cybercrime", short_name="")
    before = set(Instrument.objects.values_list("pk", flat=True))

    seed.seed_instruments(apps, None)
    seed.seed_instruments(apps, None)  # a second run changes nothing

    created = Instrument.objects.exclude(pk__in=before)
    assert list(created.values_list("code", flat=True)) == ["malabo"]
    staff_row.refresh_from_db()
    assert (staff_row.code, staff_row.name, staff_row.adopted_on) == (
        "budapest",
        "Convention on Cybercrime",
        date(2001, 11, 8),
    )
    assert staff_row.short_name == "Budapest Convention"  # it had none
    assert instrument("untoc").name == "United Nations Convention against Transnational Organized Crime"
    assert Instrument.objects.filter(name__icontains="Transnational Organized Crime").count() == 2  # UN and Arab


def test_the_demo_data_finds_the_seeded_instruments_rather_than_adding_others():
    count = Instrument.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Instrument.objects.count() == count
    assert instrument("tip-protocol").short_name == "Trafficking in Persons Protocol"


def test_going_back_clears_the_codes_and_keeps_the_rows():
    count = Instrument.objects.count()
    seed.clear_codes(apps, None)
    assert Instrument.objects.count() == count and not Instrument.objects.exclude(code="").exists()


# --- Legal bases between two countries


@pytest.fixture
def egypt_morocco():
    untoc, tip, som, arab = (instrument(code) for code in ("untoc", "tip-protocol", "som-protocol", "arab-toc"))
    TreatyStatusFactory(country="EG", instrument=untoc, action="ratification", date=date(2004, 3, 5))
    TreatyStatusFactory(country="MA", instrument=untoc, action="ratification", date=date(2002, 9, 19))
    TreatyStatusFactory(country="EG", instrument=tip, action="ratification")
    TreatyStatusFactory(country="MA", instrument=tip, action="accession", demo=True)
    TreatyStatusFactory(country="EG", instrument=som, action="ratification")  # Morocco: none
    TreatyStatusFactory(country="EG", instrument=arab, action="ratification")
    TreatyStatusFactory(country="MA", instrument=arab, action="signature")
    TreatyStatusFactory(country="TN", instrument=som, action="ratification")
    return BilateralTreatyFactory(country_a="MA", country_b="EG", title="MLA agreement")


def test_legal_bases_are_the_instruments_both_are_party_to_and_their_treaties(egypt_morocco):
    with CaptureQueriesContext(connection) as queries:
        bases = legal_bases_between("MA", "EG")
    assert len(queries) == 2
    assert [shared.instrument.code for shared in bases.shared] == ["untoc", "tip-protocol"]
    untoc = bases.shared[0]
    assert (untoc.first.country.code, untoc.first.date) == ("MA", date(2002, 9, 19))
    assert (untoc.second.country.code, untoc.second.date) == ("EG", date(2004, 3, 5))
    assert bases.shared[1].first.action == "accession"
    assert [shared.instrument.code for shared in bases.signed_only] == ["arab-toc"]
    assert bases.bilateral == [egypt_morocco]
    assert bases.any_demo


def test_no_legal_basis_between_countries_without_shared_instruments(egypt_morocco):
    bases = legal_bases_between("MA", "TN")
    assert (bases.shared, bases.bilateral, bases.signed_only) == ([], [], [])
    assert not bases.any_demo


def test_the_pair_page_address_is_in_canonical_order():
    assert pair_path("MA", "EG") == pair_path("EG", "MA")
    assert pair_path("MA", "EG").endswith("/countries/EG/MA/")


# --- Admin


def test_staff_enter_a_status_and_change_it_in_the_list(staff_client):
    untoc = instrument("untoc")
    response = staff_client.post(
        reverse("admin:events_treatystatus_add"),
        {"country": "TN", "instrument": untoc.pk, "action": "ratification", "date": "2003-07-19"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    status = TreatyStatus.objects.get(country="TN", instrument=untoc)
    listing = staff_client.get(reverse("admin:events_treatystatus_changelist"), {"action__exact": "ratification"})
    assert listing.status_code == 200 and "Tunisia" in listing.content.decode()
    response = staff_client.post(
        reverse("admin:events_treatystatus_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": status.pk,
            "form-0-action": "accession",
            "form-0-date": "2003-07-20",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert (status.action, status.date) == ("accession", date(2003, 7, 20))


def test_the_admin_says_when_a_status_is_a_duplicate(staff_client):
    untoc = instrument("untoc")
    TreatyStatusFactory(country="TN", instrument=untoc)
    response = staff_client.post(
        reverse("admin:events_treatystatus_add"), {"country": "TN", "instrument": untoc.pk, "action": "accession"}
    )
    assert response.status_code == 200
    assert "This country already has a status under this instrument" in response.content.decode()


def test_staff_enter_many_countries_on_the_instrument_page(staff_client):
    from tests.admin_forms import changeform_data, inline_rows

    malabo = instrument("malabo")
    url = reverse("admin:events_instrument_change", args=[malabo.pk])
    data = changeform_data(staff_client.get(url))
    rows = [{"country": code, "action": "ratification"} for code in ("KE", "NG", "TN")]
    data.update(inline_rows("statuses", rows))
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert set(malabo.statuses.values_list("country", flat=True)) == {"KE", "NG", "TN"}

    data.update(inline_rows("statuses", [{"country": "EG", "action": "signature"}] * 2))
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()


def test_staff_enter_a_bilateral_treaty_in_either_order_and_filter_by_either_country(staff_client):
    response = staff_client.post(
        reverse("admin:events_bilateraltreaty_add"),
        {"country_a": "TN", "country_b": "EG", "kind": "extradition", "title": "Extradition agreement"},
    )
    assert response.status_code == 302
    treaty = BilateralTreaty.objects.get()
    assert (treaty.country_a.code, treaty.country_b.code) == ("EG", "TN")
    for code in ("EG", "TN"):
        listing = staff_client.get(reverse("admin:events_bilateraltreaty_changelist"), {"country": code})
        assert "Extradition agreement" in listing.content.decode()
    listing = staff_client.get(reverse("admin:events_bilateraltreaty_changelist"), {"country": "MA"})
    assert "Extradition agreement" not in listing.content.decode()

    again = staff_client.post(
        reverse("admin:events_bilateraltreaty_add"),
        {"country_a": "EG", "country_b": "TN", "kind": "extradition", "title": "Extradition agreement"},
    )
    assert "These two countries already have a treaty with this title." in again.content.decode()
    itself = staff_client.post(
        reverse("admin:events_bilateraltreaty_add"),
        {"country_a": "EG", "country_b": "EG", "kind": "mla", "title": "MLA"},
    )
    assert "A country cannot have a treaty with itself." in itself.content.decode()


# --- API


@pytest.fixture
def api(db):
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def as_user(api):
    def login(user):
        api.force_authenticate(user)
        return api

    return login


def test_anyone_reads_treaty_status_with_the_instrument_by_id_and_name(api, egypt_morocco):
    rows = api.get("/api/v1/treaty-status/", {"country": "MA"}).json()["results"]
    assert [(row["instrument_code"], row["action"], row["is_party"]) for row in rows] == [
        ("untoc", "ratification", True),
        ("tip-protocol", "accession", True),
        ("arab-toc", "signature", False),
    ]
    assert rows[0]["instrument"] == instrument("untoc").pk
    assert rows[0]["instrument_name"] == "United Nations Convention against Transnational Organized Crime"
    assert rows[1]["demo"] is True


def test_treaty_status_filters(api, egypt_morocco):
    def countries(**query) -> list[str]:
        response = api.get("/api/v1/treaty-status/", query)
        assert response.status_code == 200, response.content
        return sorted(row["country"] for row in response.json()["results"])

    assert countries(instrument=instrument("som-protocol").pk) == ["EG", "TN"]
    assert countries(action="signature") == ["MA"]
    assert countries(action=["accession", "signature"]) == ["MA", "MA"]
    assert countries(country="EG", demo="false") == ["EG", "EG", "EG", "EG"]
    assert countries(demo="true") == ["MA"]


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("treaty-status", {"country": "XX"}, "country"),
        ("treaty-status", {"instrument": "987654321"}, "instrument"),
        ("treaty-status", {"instrument": "untoc"}, "instrument"),
        ("treaty-status", {"action": "ratified"}, "action"),
        ("treaty-status", {"demo": "maybe"}, "demo"),
        ("bilateral-treaties", {"between": "EG"}, "between"),
        ("bilateral-treaties", {"between": "EG,XX"}, "between"),
        ("bilateral-treaties", {"between": "EG,EG"}, "between"),
        ("bilateral-treaties", {"country": "XX"}, "country"),
        ("bilateral-treaties", {"kind": "friendship"}, "kind"),
    ],
)
def test_invalid_filter_values_answer_400_with_a_message(api, path, query, field):
    response = api.get(f"/api/v1/{path}/", query)
    assert response.status_code == 400
    assert list(response.json()) == [field] and response.json()[field][0]


def test_bilateral_treaties_between_two_countries_in_either_order(api, egypt_morocco):
    BilateralTreatyFactory(country_a="EG", country_b="TN", title="Extradition agreement", kind="extradition")
    for query in ("between=MA,EG", "between=EG,MA", "between=MA&between=EG", "between=ma,eg"):
        rows = api.get(f"/api/v1/bilateral-treaties/?{query}").json()["results"]
        assert [(row["country_a"], row["country_b"], row["title"]) for row in rows] == [("EG", "MA", "MLA agreement")]
    titles = {row["title"] for row in api.get("/api/v1/bilateral-treaties/", {"country": "EG"}).json()["results"]}
    assert titles == {"MLA agreement", "Extradition agreement"}
    titles = [row["title"] for row in api.get("/api/v1/bilateral-treaties/", {"country": "TN"}).json()["results"]]
    assert titles == ["Extradition agreement"]
    kinds = api.get("/api/v1/bilateral-treaties/", {"kind": "extradition"}).json()["results"]
    assert [row["title"] for row in kinds] == ["Extradition agreement"]


def test_the_api_is_read_only_for_staff_too(as_user, staff, egypt_morocco):
    api = as_user(staff)
    assert api.post("/api/v1/treaty-status/", {"country": "TN"}).status_code == 405
    assert api.delete(f"/api/v1/bilateral-treaties/{egypt_morocco.pk}/").status_code == 405


def test_instruments_list_their_codes(api):
    rows = api.get("/api/v1/instruments/", {"page_size": 100}).json()["results"]
    assert {"untoc", "budapest", "malabo"} <= {row["code"] for row in rows}


# --- Demo data


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_demo_treaties_are_marked_and_a_second_run_adds_none(demo):
    statuses, treaties = TreatyStatus.objects.all(), BilateralTreaty.objects.all()
    assert statuses.count() > 20 and treaties.count() == 3
    assert {"EG", "MA", "TN", "LY", "KE", "NG"} <= set(statuses.values_list("country", flat=True))
    assert all(row.demo and "Demo record" in row.source_note for row in statuses)
    assert all(row.demo and "Demo record" in row.notes for row in treaties)
    before = (statuses.count(), treaties.count())
    call_command("load_demo", stdout=StringIO())
    assert (TreatyStatus.objects.count(), BilateralTreaty.objects.count()) == before
    bases = legal_bases_between("EG", "MA")
    assert [shared.instrument.code for shared in bases.shared] == ["untoc", "tip-protocol"]
    assert [shared.instrument.code for shared in bases.signed_only] == ["arab-toc"]
    assert len(bases.bilateral) == 1


# --- Country page


def test_the_country_page_lists_its_treaties_with_links_to_the_pair_pages(client, member_ke, egypt_morocco):
    TreatyStatus.objects.filter(country="MA", instrument__code="untoc").update(
        reservations="Article 35(2) does not bind"
    )
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["MA"])).content.decode()
    section = page[page.index('id="treaties"') : page.index('id="follow-ups"')]
    assert "UNTOC" in section and "Ratification" in section and "19 September 2002" in section
    assert "Article 35(2) does not bind" in section
    assert "Signature only" in section and "demo" in section
    assert f'href="{pair_path("EG", "MA")}">Egypt</a>' in section and "MLA agreement" in section
    assert "Mutual legal assistance" in section


def test_a_country_without_treaties_says_so(client, member_ke):
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["TN"])).content.decode()
    assert "No treaty status recorded." in page


def test_the_treaty_section_costs_the_same_queries_for_one_row_or_many(client, member_ke):
    client.force_login(member_ke)
    url = reverse("country", args=["TN"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    TreatyStatusFactory(country="TN")
    BilateralTreatyFactory(country_a="TN", country_b="EG")
    count()
    with_one = count()
    for other in ("MA", "LY", "DZ", "KE", "NG"):
        TreatyStatusFactory(country="TN")
        BilateralTreatyFactory(country_a="TN", country_b=other)
    assert count() == with_one
    assert len(country_treaties(member_ke, "TN")["bilateral"]) == 6
