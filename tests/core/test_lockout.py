"""Lockout after failed sign-ins (django-axes, core/lockout.py): per user name and address, per user name alone, per
address alone; a cool-off, staff unlock; the page login, the admin login and the API token endpoint alike."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import ApiToken, SecurityEvent
from core.tokens import create_token
from tests.signin import PASSWORD, post_password

ADDRESS = "198.51.100.7"


def fail(client, username: str, times: int, address: str = ADDRESS) -> None:
    for _ in range(times):
        post_password(client, username, "not the password", REMOTE_ADDR=address)


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def signs_in(username: str, address: str = ADDRESS) -> bool:
    client = Client()
    response = post_password(client, username, REMOTE_ADDR=address)
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_below_the_limit_the_right_password_still_works(client, member_ke, settings):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT - 1)
    assert signs_in("member_ke")


def test_at_limit_plus_one_even_the_right_password_is_refused(client, member_ke, settings):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
    response = post_password(client, "member_ke", REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_does_not_tell_whether_the_password_was_right(client, member_ke, settings):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
    right = post_password(client, "member_ke", PASSWORD, REMOTE_ADDR=ADDRESS)
    wrong = post_password(client, "member_ke", "still not it", REMOTE_ADDR=ADDRESS)
    assert (right.status_code, without_csrf(right)) == (wrong.status_code, without_csrf(wrong))


def test_the_same_user_from_another_address_is_locked_once_the_user_name_limit_is_reached(
    client, member_ke, coordinator_eg, settings
):
    # Each address stays below the per-address-and-user limit: only the per-user-name count can stop this.
    for i in range(settings.LOGIN_FAILURE_LIMIT_PER_USERNAME):
        fail(client, "member_ke", 1, address=f"198.51.100.{i + 1}")
    assert not signs_in("member_ke", address="192.0.2.200")
    assert signs_in("coordinator_eg", address="198.51.100.1")  # another user from an address the attack used


def test_another_user_from_the_same_address_is_not_locked(client, member_ke, coordinator_eg, settings):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
    assert not signs_in("member_ke")
    assert signs_in("coordinator_eg")


def test_one_address_trying_many_user_names_is_locked_for_all(client, member_ke, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    for i in range(8):
        fail(client, f"guess{i}", 1)
    assert not signs_in("member_ke")
    assert signs_in("member_ke", address="192.0.2.1")


def test_rotating_x_forwarded_for_does_not_reset_the_count(client, member_ke, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "member_ke", "wrong", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    response = post_password(client, "member_ke", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}


def test_behind_a_trusted_proxy_the_address_it_saw_counts_not_what_the_client_wrote(client, member_ke, settings):
    settings.NUM_PROXIES = 1
    proxy = "10.1.1.1"
    for i in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "member_ke", "wrong", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, {ADDRESS}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}
    locked = post_password(client, "member_ke", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"9.9.9.9, {ADDRESS}")
    assert locked.status_code == 429
    other = post_password(Client(), "member_ke", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert other.status_code == 302


def test_the_anonymous_api_limit_ignores_a_rotating_x_forwarded_for(db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}
    api = APIClient()
    statuses = [
        api.get("/api/v1/events/", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_the_account_opens_by_itself_after_the_cool_off(client, member_ke, settings):
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), tick=False) as clock:
        fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
        clock.shift(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
        assert not signs_in("member_ke")  # a try while locked does not extend the lockout
        clock.shift(timedelta(minutes=2))
        assert signs_in("member_ke")


def test_staff_unlock_an_account_in_the_admin_and_it_is_logged(client, staff_client, staff, member_ke, settings):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = staff_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert signs_in("member_ke")
    unlock = SecurityEvent.objects.get(kind="unlocked")
    assert (unlock.username, unlock.actor) == ("member_ke", staff)


def test_members_cannot_unlock(client, member_ke):
    client.force_login(member_ke)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 302


def test_the_admin_login_page_hands_over_to_the_guarded_login(client, member_ke, settings):
    response = client.post(reverse("admin:login"), {"username": "member_ke", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_api_token_endpoint_locks_out_at_the_same_limit(db, member_ke, settings):
    api = APIClient(REMOTE_ADDR=ADDRESS)
    wrong = {"username": "member_ke", "password": "not the password"}
    statuses = [api.post("/api/v1/auth/token/", wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    right = api.post("/api/v1/auth/token/", {"username": "member_ke", "password": PASSWORD})
    assert right.status_code == 429
    assert "Too many failed sign-in attempts" in right.json()["detail"]
    assert not ApiToken.objects.exists()


def lock_by_user_name(username: str, settings) -> None:
    client = Client()
    for i in range(settings.LOGIN_FAILURE_LIMIT_PER_USERNAME):
        fail(client, username, 1, address=f"203.0.113.{i + 1}")


def test_a_locked_out_user_with_a_session_keeps_reading_but_gets_no_new_credentials(client, member_ke, settings):
    client.force_login(member_ke)
    lock_by_user_name("member_ke", settings)
    assert client.get(reverse("contacts:directory")).status_code == 200  # the same rights as before
    client.post(reverse("account:tokens"), {"name": "new tool"})
    assert not ApiToken.objects.exists()
    api = APIClient()
    _token, key = create_token(member_ke, "existing tool")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/api/v1/me/tokens/", {"name": "another"}).status_code == 429
    assert ApiToken.objects.count() == 1
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "A-new-long-passphrase-42",
            "new_password2": "A-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    member_ke.refresh_from_db()
    assert member_ke.check_password(PASSWORD)


@pytest.mark.parametrize("kind", ["login_failed", "locked_out"])
def test_failures_and_lockouts_are_in_the_security_log(client, member_ke, settings, kind):
    fail(client, "member_ke", settings.AXES_FAILURE_LIMIT)
    event = SecurityEvent.objects.filter(kind=kind).latest("pk")
    assert (event.username, event.ip_address) == ("member_ke", ADDRESS)
