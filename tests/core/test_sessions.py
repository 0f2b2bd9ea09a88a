"""Sessions from the outside: an absolute lifetime, an idle timeout shorter for staff, the other sessions ended on a
change of password, and the page where users list and end their sessions."""

import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.test import Client
from django.urls import reverse
from qsessions.models import Session

from core.models import SecurityEvent, SecurityEventKind
from core.tokens import create_token
from tests.signin import PASSWORD, sign_in_with_second_factor

DIRECTORY = reverse("contacts:directory")  # a page for members only
SESSIONS = reverse("account:sessions")
END_SESSION = reverse("account:end_session")
START = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
NEW_PASSWORD = "a quite different passphrase 42"


def signed_in(client, page: str = DIRECTORY) -> bool:
    response = client.get(page)
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return False
    assert response.status_code == 200
    return True


def new_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def references(page: str) -> list[str]:
    """The references of the other sessions, as the page's end buttons post them."""
    return [ref for ref in re.findall(r'name="session" value="([^"]+)"', page) if ref != "all"]


# --- Lifetime and idle timeout


def test_a_session_ends_after_its_lifetime_however_active(client, member_ke, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(member_ke)
    assert signed_in(client)
    lifetime = timedelta(hours=settings.SESSION_LIFETIME_HOURS)
    while (elapsed := datetime.now(UTC) - START) < lifetime - timedelta(minutes=20):
        time_machine.shift(timedelta(minutes=20))
        assert signed_in(client), f"signed out after {elapsed}"
    time_machine.move_to(START + lifetime - timedelta(minutes=1))
    assert signed_in(client)
    time_machine.move_to(START + lifetime + timedelta(minutes=1))
    assert not signed_in(client)


def test_a_member_idle_for_29_minutes_stays_signed_in(client, member_ke, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(member_ke)
    assert signed_in(client)
    time_machine.shift(timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1))
    assert signed_in(client)


def test_a_member_idle_for_31_minutes_is_signed_out_and_told_why(client, member_ke, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(member_ke)
    assert signed_in(client)
    time_machine.shift(timedelta(minutes=settings.SESSION_IDLE_MINUTES + 1))
    response = client.get(DIRECTORY, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "without activity" in response.content.decode()


def test_idle_staff_session_ends_sooner_than_a_members(client, staff, member_ke, time_machine):
    time_machine.move_to(START, tick=False)
    sign_in_with_second_factor(client, staff)
    member = new_client(member_ke)
    account = reverse("account:overview")
    assert signed_in(client, account) and signed_in(member, account)
    time_machine.shift(timedelta(minutes=settings.SESSION_IDLE_MINUTES_STAFF + 1))
    assert not signed_in(client, account)
    assert signed_in(member, account)


# --- A change of password


def change_password(client):
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def test_changing_the_password_keeps_this_session_and_ends_the_others(client, member_ke):
    client.force_login(member_ke)
    elsewhere = new_client(member_ke)
    elsewhere_key = elsewhere.session.session_key
    change_password(client)
    assert not Session.objects.filter(session_key=elsewhere_key).exists()
    assert not signed_in(elsewhere)
    assert signed_in(client)


def test_changing_the_password_revokes_the_api_tokens(client, member_ke):
    _token, key = create_token(member_ke, "tool")
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    client.force_login(member_ke)
    change_password(client)
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_changing_the_password_is_logged(client, member_ke):
    client.force_login(member_ke)
    change_password(client)
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED, user=member_ke).count() == 1


# --- The sessions page


def test_sessions_page_lists_each_signed_in_browser_and_marks_this_one(client, member_ke):
    client.force_login(member_ke)
    new_client(member_ke)
    response = client.get(SESSIONS)
    assert len(response.context["sessions"]) == 2
    page = response.content.decode()
    assert page.count("This session") == 1
    assert len(references(page)) == 1


def test_sessions_page_never_shows_a_session_key(client, member_ke):
    client.force_login(member_ke)
    elsewhere = new_client(member_ke)
    page = client.get(SESSIONS).content.decode()
    assert elsewhere.session.session_key not in page
    assert client.session.session_key not in page


def test_ending_another_session_by_its_reference_signs_that_browser_out(client, member_ke):
    client.force_login(member_ke)
    elsewhere = new_client(member_ke)
    elsewhere_key = elsewhere.session.session_key
    [ref] = references(client.get(SESSIONS).content.decode())
    response = client.post(END_SESSION, {"session": ref})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=elsewhere_key).exists()
    assert not signed_in(elsewhere)
    assert signed_in(client)
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.SESSION_ENDED, user=member_ke).count() == 1


def test_ending_all_other_sessions_keeps_only_this_one(client, member_ke):
    client.force_login(member_ke)
    others = [new_client(member_ke), new_client(member_ke)]
    response = client.post(END_SESSION, {"session": "all"})
    assert response.status_code == 302
    assert [signed_in(other) for other in others] == [False, False]
    assert signed_in(client)
    assert Session.objects.filter(user=member_ke).count() == 1
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.SESSION_ENDED, user=member_ke).count() == 1


def test_an_unknown_session_reference_is_404_and_ends_nothing(client, member_ke):
    client.force_login(member_ke)
    elsewhere = new_client(member_ke)
    assert client.post(END_SESSION, {"session": "0" * 20}).status_code == 404
    assert Session.objects.filter(user=member_ke).count() == 2
    assert signed_in(elsewhere)
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.SESSION_ENDED).exists()


def test_another_users_session_can_never_be_ended(client, member_ke, coordinator_eg):
    theirs, their_other = new_client(coordinator_eg), new_client(coordinator_eg)
    [their_ref] = references(their_other.get(SESSIONS).content.decode())  # names ``theirs``
    client.force_login(member_ke)
    attempts = (their_ref, theirs.session.session_key, "all")
    assert [client.post(END_SESSION, {"session": ref}).status_code for ref in attempts] == [404, 404, 302]
    assert signed_in(theirs) and signed_in(their_other)
    assert Session.objects.filter(user=coordinator_eg).count() == 2
