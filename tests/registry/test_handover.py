"""Handing a designation over: the two designations, the follow-ups and their reminders, the successor's e-mail (caught
by a real SMTP server), the refusals that change nothing, the admin page, and what members and staff read of it."""

import time
from datetime import date, timedelta
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.choices import Mandate, Visibility
from contacts.models import Channel, FocalPoint, Language
from core.models import OutboundEmail
from core.roles import NETWORK_MEMBER
from recommendations import reminders
from recommendations.choices import FollowUpStatus
from recommendations.models import FollowUp, Reminder
from registry.handover import hand_over, queue_handover_email
from tests.factories import (
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    ReminderFactory,
    UserFactory,
)
from tests.signin import sign_in_with_second_factor
from tests.smtp import Mailbox, free_port

TODAY = timezone.localdate()
STARTED = TODAY - timedelta(days=400)
TIP = Mandate.TIP_COORDINATOR


@pytest.fixture
def smtp(settings, eager_celery):
    """A real SMTP server on loopback, and Celery tasks run in the test's process."""
    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = (
        "127.0.0.1",
        box.port,
        False,
        False,
    )
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://registry.example.org"
    yield box
    controller.stop()


def received(box: Mailbox, count: int) -> list:
    """The messages, once ``count`` have arrived (the server stores them on its own thread)."""
    deadline = time.monotonic() + 10
    while box.count() < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(box.messages)


def body_of(message) -> str:
    """The plain-text part."""
    part = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def egypt(db):
    """Egypt's TIP national coordinator, Dr. Amal Hassan, with follow-ups, a progress update and the events she
    attended; her successor-to-be, Karim Nabil, who reads French."""
    ministry = OrganizationFactory(name="National Coordinating Committee", country="EG")
    outgoing = PersonFactory(
        honorific="Dr.", given_name="Amal", family_name="Hassan", phone="+20 2 1234 5678", organization=ministry
    )
    designation = FocalPointFactory(
        country="EG",
        mandate=TIP,
        person=outgoing,
        organization=ministry,
        legal_basis="Law 64 of 2010",
        notes="Requests in Arabic or English.",
        valid_from=STARTED,
    )
    designation.request_languages.set(Language.objects.filter(code__in=["ar", "en"]))
    designation.channels.set(Channel.objects.filter(code__in=["direct", "email"]))
    successor = PersonFactory(given_name="Karim", family_name="Nabil", preferred_language="fr", phone="+20 2 7654 3210")
    return {"designation": designation, "outgoing": outgoing, "successor": successor, "ministry": ministry}


def follow_up(coordinator, country: str = "EG", status: str = FollowUpStatus.IN_PROGRESS, code: str = "R1"):
    return FollowUpFactory(
        country=country, coordinator=coordinator, status=status, recommendation__code=code, due_date=TODAY
    )


def hand_over_today(egypt, by, **kwargs):
    return hand_over(egypt["designation"], egypt["successor"], TODAY, by, **kwargs)


# --- The designations


def test_the_old_designation_ends_the_day_before_and_the_new_one_copies_it(egypt, staff, eager_celery):
    new = hand_over_today(egypt, staff)
    old = FocalPoint.objects.get(pk=egypt["designation"].pk)
    assert old.valid_until == TODAY - timedelta(days=1)
    assert (new.country.code, new.mandate, new.person, new.organization) == (
        "EG",
        TIP,
        egypt["successor"],
        old.organization,
    )
    assert (new.legal_basis, new.notes, new.valid_from, new.valid_until) == (old.legal_basis, old.notes, TODAY, None)
    assert new.predecessor == old and list(old.successors.all()) == [new]
    assert {language.code for language in new.request_languages.all()} == {"ar", "en"}
    assert {channel.code for channel in new.channels.all()} == {"direct", "email"}
    assert list(FocalPoint.objects.current().filter(country="EG", mandate=TIP)) == [new]


def test_another_organisation_may_be_given(egypt, staff, eager_celery):
    ministry = OrganizationFactory(name="Ministry of Justice", country="EG")
    assert hand_over_today(egypt, staff, organization=ministry).organization == ministry


def test_history_entries_name_the_acting_user(egypt, staff, eager_celery):
    moved = follow_up(egypt["outgoing"])
    new = hand_over_today(egypt, staff)
    assert egypt["designation"].history.latest().history_user == staff
    assert new.history.latest().history_user == staff
    entry = moved.history.latest()
    assert (entry.history_user, entry.coordinator_id) == (staff, egypt["successor"].pk)


# --- Follow-ups and reminders


def test_the_open_follow_ups_of_the_outgoing_coordinator_move_and_no_others(egypt, staff, eager_celery):
    outgoing = egypt["outgoing"]
    moving = [follow_up(outgoing, code="R1"), follow_up(outgoing, status=FollowUpStatus.BLOCKED, code="R2")]
    closed = follow_up(outgoing, status=FollowUpStatus.IMPLEMENTED, code="R3")
    someone_else = follow_up(PersonFactory(), code="R4")
    other_country = follow_up(outgoing, country="MA", code="R5")
    hand_over_today(egypt, staff)
    coordinators = dict(FollowUp.objects.values_list("pk", "coordinator_id"))
    assert [coordinators[each.pk] for each in moving] == [egypt["successor"].pk] * 2
    assert coordinators[closed.pk] == outgoing.pk
    assert coordinators[someone_else.pk] == someone_else.coordinator_id
    assert coordinators[other_country.pk] == outgoing.pk


def test_other_mandates_move_no_follow_up(egypt, staff, eager_celery):
    mla = FocalPointFactory(country="EG", mandate=Mandate.MLA_CENTRAL_AUTHORITY, person=egypt["outgoing"])
    kept = follow_up(egypt["outgoing"])
    hand_over(mla, egypt["successor"], TODAY, staff)
    assert FollowUp.objects.get(pk=kept.pk).coordinator == egypt["outgoing"]


def test_pending_reminders_go_to_the_successor_and_reach_them(egypt, staff, smtp, django_capture_on_commit_callbacks):
    outgoing, successor = egypt["outgoing"], egypt["successor"]
    held = follow_up(outgoing, code="R1")
    unnamed = follow_up(None, code="R2")  # reminds whoever is the national coordinator
    pending = [
        ReminderFactory(follow_up=held, recipient=outgoing),
        ReminderFactory(follow_up=unnamed, recipient=outgoing),
    ]
    sent = ReminderFactory(follow_up=held, recipient=outgoing, status="sent")
    with django_capture_on_commit_callbacks(execute=True):
        hand_over_today(egypt, staff)
    messages = received(smtp, 2)
    assert sorted(message["To"] for message in messages) == [successor.email] * 2
    digest = next(message for message in messages if message["Message-ID"].startswith("<reminders-"))
    assert "R1" in body_of(digest) and "R2" in body_of(digest)
    rows = {row.pk: row for row in Reminder.objects.all()}
    assert [(rows[row.pk].recipient_id, rows[row.pk].status) for row in pending] == [(successor.pk, "sent")] * 2
    assert rows[sent.pk].recipient_id == outgoing.pk  # what was sent stays as sent
    reminders.sweep(TODAY)
    assert not Reminder.objects.filter(recipient=outgoing, status="pending").exists()


def test_a_handover_dated_later_moves_the_reminders_on_its_day(egypt, staff, eager_celery):
    outgoing, successor = egypt["outgoing"], egypt["successor"]
    held = follow_up(outgoing)
    row = ReminderFactory(follow_up=held, recipient=outgoing)
    on = TODAY + timedelta(days=10)
    hand_over(egypt["designation"], successor, on, staff)
    assert Reminder.objects.get(pk=row.pk).recipient == outgoing  # she still holds the designation until then
    reminders.sweep(on)
    assert Reminder.objects.get(pk=row.pk).recipient == successor


# --- The e-mail


@pytest.fixture
def met(egypt):
    """Who Dr. Hassan met: a Tunisian listed for the network, a staff-only Libyan, a colleague from Egypt, a Moroccan
    five years ago, and a Jordanian at an event she was registered for but missed."""
    outgoing = egypt["outgoing"]
    recent = EventFactory(title="Regional roundtable on smuggling", start_date=TODAY - timedelta(days=200))
    old = EventFactory(title="Old symposium", start_date=TODAY - timedelta(days=5 * 365))
    missed = EventFactory(title="Missed training", start_date=TODAY - timedelta(days=100))
    ParticipationFactory(event=recent, person=outgoing)
    ParticipationFactory(event=old, person=outgoing)
    ParticipationFactory(event=missed, person=outgoing, attended=False)
    people = {
        "tunisian": PersonFactory(
            given_name="Sami",
            family_name="Trabelsi",
            country="TN",
            phone="+216 71 123 456",
            organization=OrganizationFactory(name="Tunisian Public Prosecution", country="TN"),
        ),
        "hidden": PersonFactory(given_name="Hidden", family_name="Libyan", country="LY", visibility=Visibility.STAFF),
        "colleague": PersonFactory(given_name="Egyptian", family_name="Colleague", country="EG"),
        "old": PersonFactory(given_name="Old", family_name="Acquaintance", country="MA"),
        "missed": PersonFactory(given_name="Never", family_name="Met", country="JO"),
    }
    for key in ("tunisian", "hidden", "colleague"):
        ParticipationFactory(event=recent, person=people[key])
    ParticipationFactory(event=old, person=people["old"])
    ParticipationFactory(event=missed, person=people["missed"])
    return people


def test_the_successor_gets_one_e_mail_in_their_language(egypt, met, staff, smtp, django_capture_on_commit_callbacks):
    outgoing, successor = egypt["outgoing"], egypt["successor"]
    held = follow_up(outgoing, code="R7")
    ProgressUpdateFactory(
        follow_up=held, status_after=FollowUpStatus.IN_PROGRESS, note="Draft bill sent to parliament."
    )
    follow_up(outgoing, status=FollowUpStatus.IMPLEMENTED, code="R8")
    FocalPointFactory(
        country="EG", mandate=Mandate.SOM_FOCAL_POINT, person=PersonFactory(given_name="Som", family_name="Holder")
    )
    FocalPointFactory(
        country="EG",
        mandate=Mandate.MLA_CENTRAL_AUTHORITY,
        person=PersonFactory(given_name="Staff", family_name="Only", visibility=Visibility.STAFF),
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = hand_over_today(egypt, staff)
    [message] = received(smtp, 1)
    body = body_of(message)
    assert message["To"] == successor.email
    assert "Égypte" in subject_of(message)  # French, as Karim Nabil asked
    assert "Karim Nabil" in body and "Dr. Amal Hassan" in body
    # the follow-up he now holds, with its last progress; not the closed one
    assert "R7" in body and "Draft bill sent to parliament." in body and "R8" not in body
    assert f"https://registry.example.org{reverse('recommendations:follow-up', args=[held.pk])}" in body
    # the country's current designations, as he may read them
    assert "Som Holder" in body and "Staff Only" not in body
    # the counterparts: a Tunisian met recently, with a link to his card; nobody hidden, from Egypt, long ago or missed
    assert "Sami Trabelsi" in body and "Tunisian Public Prosecution" in body and "Regional roundtable" in body
    assert f"https://registry.example.org{reverse('contacts:person', args=[met['tunisian'].pk])}" in body
    for absent in ("Hidden Libyan", "Egyptian Colleague", "Old Acquaintance", "Never Met"):
        assert absent not in body
    # never an e-mail address nor a phone number
    assert "@" not in body
    for person in [outgoing, successor, met["tunisian"]]:
        assert person.email not in body
        assert str(person.phone.national_number) not in body.replace(" ", "")
    assert OutboundEmail.objects.get(key=f"handover:{new.pk}").kind == "handover"


def test_a_retry_sends_nothing_twice(egypt, staff, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = hand_over_today(egypt, staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_handover_email(new) is None
        with pytest.raises(ValidationError):
            hand_over_today(egypt, staff)  # the same handover again: refused
    time.sleep(0.3)
    assert len(received(smtp, 1)) == 1
    assert OutboundEmail.objects.filter(kind="handover").count() == 1


def test_a_successor_without_an_address_takes_over_without_e_mail(egypt, staff, eager_celery):
    egypt["successor"].email = ""
    egypt["successor"].save()
    new = hand_over_today(egypt, staff)
    assert new.is_current()
    assert not OutboundEmail.objects.exists()


# --- Refusals change nothing


def nothing_changed(egypt, moving) -> None:
    designation = FocalPoint.objects.get(pk=egypt["designation"].pk)
    assert designation.valid_until == egypt["designation"].valid_until
    assert not FocalPoint.objects.filter(predecessor=designation).exists()
    assert FollowUp.objects.get(pk=moving.pk).coordinator == egypt["outgoing"]
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("ended", "__all__", "ended on"),
        ("not_current_then", "__all__", "is not current on"),
        ("too_soon", "on", "at least two days after"),
        ("same_day", "on", "at least two days after"),
        ("holder", "successor", "already holds this designation"),
        ("inactive", "successor", "is inactive"),
        ("nobody", "successor", "Choose the successor"),
        ("already_designated", "successor", "already holds a designation as TIP national coordinator"),
    ],
)
def test_refusals_say_why_and_change_nothing(egypt, staff, eager_celery, case, field, message):
    designation, successor, on = egypt["designation"], egypt["successor"], TODAY
    moving = follow_up(egypt["outgoing"])
    if case == "ended":
        designation.valid_until = TODAY - timedelta(days=5)
    elif case == "not_current_then":
        designation.valid_until, on = TODAY + timedelta(days=5), TODAY + timedelta(days=10)
    elif case in ("too_soon", "same_day"):
        designation.valid_from = TODAY - timedelta(days=1) if case == "too_soon" else TODAY
    elif case == "holder":
        successor = egypt["outgoing"]
    elif case == "inactive":
        successor.active = False
        successor.save()
    elif case == "nobody":
        successor = None
    elif case == "already_designated":
        FocalPointFactory(country="EG", mandate=TIP, person=successor, valid_from=TODAY - timedelta(days=3))
    designation.save()
    egypt["designation"] = designation
    count = FocalPoint.objects.count()
    with pytest.raises(ValidationError) as refusal:
        hand_over(designation, successor, on, staff)
    assert message in " ".join(refusal.value.message_dict[field])
    assert FocalPoint.objects.count() == count
    nothing_changed(egypt, moving)


# --- The admin


def handover_url(designation) -> str:
    return reverse("admin:contacts_focalpoint_handover", args=[designation.pk])


def test_the_change_page_offers_the_handover_and_the_mandate_history(egypt, staff_client):
    page = staff_client.get(reverse("admin:contacts_focalpoint_change", args=[egypt["designation"].pk]))
    html = page.content.decode()
    assert handover_url(egypt["designation"]) in html and "Hand over to …" in html
    history = reverse("admin:contacts_focalpoint_changelist") + "?country=EG&amp;mandate__exact=tip_coordinator"
    assert history in html and "History of this mandate" in html


def test_the_mandate_history_link_lists_the_country_s_designations_of_that_mandate(egypt, staff, staff_client):
    new = hand_over_today(egypt, staff)
    FocalPointFactory(country="EG", mandate=Mandate.SOM_FOCAL_POINT)
    FocalPointFactory(country="MA", mandate=TIP)
    query = "?country=EG&mandate__exact=tip_coordinator"
    listed = staff_client.get(reverse("admin:contacts_focalpoint_changelist") + query).context["cl"].result_list
    assert set(listed) == {egypt["designation"], new}


def test_the_handover_of_an_unknown_designation_is_404(staff_client, db):
    assert staff_client.get(reverse("admin:contacts_focalpoint_handover", args=[987654])).status_code == 404


def test_an_ended_designation_offers_no_handover(egypt, staff_client):
    designation = egypt["designation"]
    designation.valid_until = TODAY - timedelta(days=1)
    designation.save()
    html = staff_client.get(reverse("admin:contacts_focalpoint_change", args=[designation.pk])).content.decode()
    assert handover_url(designation) not in html and "History of this mandate" in html


def test_the_handover_page_says_what_will_happen(egypt, staff_client):
    follow_up(egypt["outgoing"], code="R9")
    page = staff_client.get(handover_url(egypt["designation"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="successor"' in html and 'name="on"' in html and 'name="organization"' in html
    assert "R9, Egypt" in html
    assert "This open follow-up of the outgoing coordinator moves to the successor" in html
    assert page.context["form"]["organization"].value() == egypt["ministry"].pk
    assert page.context["form"]["on"].value() == TODAY


def test_the_successor_box_finds_people_as_the_person_admin_does(egypt, staff_client):
    query = "?app_label=contacts&model_name=focalpoint&field_name=person&term=Nabil"
    results = staff_client.get(reverse("admin:autocomplete") + query).json()["results"]
    assert [result["id"] for result in results] == [str(egypt["successor"].pk)]
    assert results[0]["text"].startswith("Karim Nabil · Egypt")


def test_form_errors_are_shown_and_change_nothing(egypt, staff_client):
    moving = follow_up(egypt["outgoing"])
    data = {"successor": egypt["outgoing"].pk, "on": TODAY.isoformat(), "organization": ""}
    page = staff_client.post(handover_url(egypt["designation"]), data)
    assert page.status_code == 200
    assert "already holds this designation" in page.content.decode()
    nothing_changed(egypt, moving)
    page = staff_client.post(handover_url(egypt["designation"]), {"successor": "", "on": "not a date"})
    assert page.status_code == 200 and page.context["form"].errors.keys() == {"successor", "on"}
    nothing_changed(egypt, moving)


def test_a_handover_redirects_to_the_new_designation_and_says_what_moved(
    egypt, staff_client, eager_celery, django_capture_on_commit_callbacks
):
    follow_up(egypt["outgoing"], code="R1")
    data = {"successor": egypt["successor"].pk, "on": TODAY.isoformat(), "organization": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(handover_url(egypt["designation"]), data, follow=True)
    new = FocalPoint.objects.get(predecessor=egypt["designation"])
    assert response.redirect_chain[-1][0] == reverse("admin:contacts_focalpoint_change", args=[new.pk])
    messages = [str(message) for message in response.context["messages"]]
    assert any("Handed over to Karim Nabil" in text and "R1, Egypt" in text for text in messages)
    assert any(f"The handover e-mail to {egypt['successor'].email} is queued." in text for text in messages)
    assert new.organization == egypt["ministry"]  # left empty: the current one


def test_the_admin_says_when_no_e_mail_could_be_sent(egypt, staff_client, eager_celery):
    egypt["successor"].email = ""
    egypt["successor"].save()
    data = {"successor": egypt["successor"].pk, "on": TODAY.isoformat()}
    response = staff_client.post(handover_url(egypt["designation"]), data, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert "Karim Nabil has no e-mail address: no handover e-mail could be sent." in messages
    assert FocalPoint.objects.filter(predecessor=egypt["designation"]).exists()


def test_only_staff_who_may_change_focal_points_hand_over(egypt, client):
    viewer = UserFactory(username="viewer", is_staff=True, groups=[NETWORK_MEMBER])
    viewer.user_permissions.add(Permission.objects.get(codename="view_focalpoint"))
    sign_in_with_second_factor(client, viewer)
    change_page = client.get(reverse("admin:contacts_focalpoint_change", args=[egypt["designation"].pk]))
    assert change_page.status_code == 200 and handover_url(egypt["designation"]) not in change_page.content.decode()
    assert client.get(handover_url(egypt["designation"])).status_code == 403
    data = {"successor": egypt["successor"].pk, "on": TODAY.isoformat()}
    assert client.post(handover_url(egypt["designation"]), data).status_code == 403
    assert not FocalPoint.objects.filter(predecessor=egypt["designation"]).exists()


def test_the_changelist_filters_current_and_ended(egypt, staff, staff_client, eager_celery):
    new = hand_over_today(egypt, staff)
    changelist = reverse("admin:contacts_focalpoint_changelist")
    ended = staff_client.get(changelist + "?current=ended").context["cl"].result_list
    current = staff_client.get(changelist + "?current=yes").context["cl"].result_list
    assert list(ended) == [egypt["designation"]] and list(current) == [new]


# --- "Since ...; previously ..." on the country page


def handed_over(outgoing_visibility: str = Visibility.NETWORK, organization_only: bool = False):
    """Egypt's TIP designation handed over on 3 March 2026 from Dr. Amal Hassan (or her organisation) to Karim
    Nabil."""
    outgoing = PersonFactory(
        honorific="Dr.", given_name="Amal", family_name="Hassan", visibility=outgoing_visibility, organization=None
    )
    old = FocalPointFactory(
        country="EG",
        mandate=TIP,
        person=None if organization_only else outgoing,
        organization=OrganizationFactory(name=f"National Coordinating Committee {FocalPoint.objects.count()}"),
        valid_from=date(2020, 1, 1),
        valid_until=date(2026, 3, 2),
    )
    successor = PersonFactory(given_name="Karim", family_name="Nabil", organization=None)
    new = FocalPointFactory(country="EG", mandate=TIP, person=successor, valid_from=date(2026, 3, 3), predecessor=old)
    return old, new


def sign_in(client, user) -> None:
    """Staff pass the second factor for every page."""
    sign_in_with_second_factor(client, user) if user.is_staff else client.force_login(user)


def country_page(client, user) -> str:
    sign_in(client, user)
    return client.get(reverse("country", args=["EG"])).content.decode()


def test_members_read_since_and_the_previous_holder_with_a_link(client, member_ke):
    old, _new = handed_over()
    card = reverse("contacts:person", args=[old.person_id])
    expected = f'Since 3 March 2026; previously <a href="{card}"><bdi>Dr. Amal Hassan</bdi></a>'
    assert expected in country_page(client, member_ke)


def test_a_hidden_previous_holder_is_absent_for_members_and_named_for_staff(client, member_ke, staff):
    handed_over(outgoing_visibility=Visibility.STAFF)
    page = country_page(client, member_ke)
    assert "Since 3 March 2026" in page and "Hassan" not in page and "previously" not in page
    page = country_page(client, staff)
    assert "Since 3 March 2026; previously" in page and "Dr. Amal Hassan" in page


def test_an_organisation_as_previous_holder_is_named_without_a_link(client, coordinator_eg):
    handed_over(organization_only=True)
    page = country_page(client, coordinator_eg)
    assert "Since 3 March 2026; previously <bdi>National Coordinating Committee 0</bdi>" in page


def test_a_designation_without_predecessor_says_since_when(client, member_ke):
    FocalPointFactory(country="EG", mandate=TIP, valid_from=date(2025, 7, 10))
    page = country_page(client, member_ke)
    assert "Since 10 July 2025" in page and "previously" not in page


def test_the_country_page_names_the_predecessors_in_a_constant_number_of_queries(client, member_ke):
    client.force_login(member_ke)
    url = reverse("country", args=["EG"])

    def add(number: int) -> None:
        for _ in range(number):
            handed_over()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    count()
    with_one = count()
    add(6)  # fewer than the 20 people and organisations after which the page also counts them
    assert count() == with_one


# --- The history of a mandate


def history_url(code: str = "EG", mandate: str = TIP) -> str:
    return reverse("country_mandate_history", args=[code, mandate])


def test_the_country_page_links_each_mandate_to_its_history(client, member_ke):
    handed_over()
    assert f'href="{history_url()}"' in country_page(client, member_ke)


def test_members_see_every_designation_of_the_mandate_newest_first(client, member_ke):
    old, new = handed_over()
    FocalPointFactory(country="EG", mandate=Mandate.SOM_FOCAL_POINT, person=PersonFactory(family_name="Othermandate"))
    FocalPointFactory(country="MA", mandate=TIP, person=PersonFactory(family_name="Othercountry"))
    client.force_login(member_ke)
    response = client.get(history_url())
    page = response.content.decode()
    assert list(response.context["designations"]) == [new, old]
    assert page.index("Karim Nabil") < page.index("Dr. Amal Hassan")
    assert "3 March 2026" in page and "2 March 2026" in page and "1 January 2020" in page
    assert f'<a href="{reverse("contacts:person", args=[old.person_id])}"><bdi>Dr. Amal Hassan</bdi></a>' in page
    assert "Othermandate" not in page and "Othercountry" not in page


def test_a_hidden_holder_is_absent_from_the_history_for_members_and_present_for_staff(client, member_ke, staff):
    old, new = handed_over(outgoing_visibility=Visibility.STAFF)
    client.force_login(member_ke)
    response = client.get(history_url())
    assert list(response.context["designations"]) == [new]
    assert "Hassan" not in response.content.decode()
    sign_in(client, staff)
    response = client.get(history_url())
    assert list(response.context["designations"]) == [new, old]
    assert "Dr. Amal Hassan" in response.content.decode()


def test_the_history_needs_a_member(client, db):
    response = client.get(history_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(UserFactory(username="no-role"))
    assert client.get(history_url()).status_code == 403


@pytest.mark.parametrize(("code", "mandate"), [("XX", TIP), ("EG", "chief_of_everything")])
def test_an_unknown_country_or_mandate_is_404(client, member_ke, code, mandate):
    client.force_login(member_ke)
    assert client.get(history_url(code, mandate)).status_code == 404


def test_the_history_costs_a_constant_number_of_queries(client, member_ke):
    client.force_login(member_ke)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(history_url()).status_code == 200
        return len(queries)

    handed_over()
    count()
    with_one = count()
    for _ in range(6):
        handed_over()
    assert count() == with_one
