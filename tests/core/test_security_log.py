"""The security log: IOM staff read it in the admin and nobody edits it; what happens at a way in is written to it,
once, and no password, code or token key is ever written."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from core.models import ApiToken, SecurityEvent, SecurityEventKind
from core.security_log import record
from tests.signin import post_code, post_password, totp_code

WRONG_PASSWORD = "Wrong-Secret-123"  # noqa: S105 - the wrong password a test tries


def log_url(view: str, *args) -> str:
    return reverse(f"admin:core_securityevent_{view}", args=args)


def appears_in_log(secret: str) -> bool:
    """Whether ``secret`` is in any column of any row of the security log."""
    columns = [field.attname for field in SecurityEvent._meta.concrete_fields]
    return any(secret in str(value) for row in SecurityEvent.objects.values_list(*columns) for value in row)


def events(kind: SecurityEventKind):
    return SecurityEvent.objects.filter(kind=kind)


@pytest.fixture
def logged_event(db):
    return record(SecurityEventKind.LOGIN_FAILED, username="someone", detail="as written")


# --- Reading the log in the admin


def test_staff_read_the_security_log(staff_client, logged_event):
    record(SecurityEventKind.LOCKED_OUT, username="someone else")
    response = staff_client.get(log_url("changelist"))
    assert response.status_code == 200
    assert {event.username for event in response.context["cl"].result_list} == {"someone", "someone else"}


def test_staff_cannot_add_to_the_security_log(staff_client):
    assert staff_client.get(log_url("add")).status_code == 403
    assert staff_client.post(log_url("add"), {"kind": "login_failed", "username": "forged"}).status_code == 403
    assert not SecurityEvent.objects.exists()


def test_staff_cannot_change_a_security_log_row(staff_client, logged_event):
    staff_client.post(log_url("change", logged_event.pk), {"kind": "unlocked", "detail": "edited"})
    logged_event.refresh_from_db()
    assert (logged_event.kind, logged_event.detail) == (SecurityEventKind.LOGIN_FAILED, "as written")


def test_staff_cannot_delete_a_security_log_row(staff_client, logged_event):
    assert staff_client.post(log_url("delete", logged_event.pk), {"post": "yes"}).status_code == 403
    assert SecurityEvent.objects.filter(pk=logged_event.pk).exists()


def test_members_cannot_read_the_security_log(client, member_ke, logged_event):
    client.force_login(member_ke)
    response = client.get(log_url("changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- A failed login


def test_a_failed_login_is_logged_once_with_user_name_and_address(client, member_ke):
    post_password(client, "member_ke", WRONG_PASSWORD, REMOTE_ADDR="203.0.113.9")
    event = SecurityEvent.objects.get()
    assert event.kind == SecurityEventKind.LOGIN_FAILED
    assert (event.username, event.ip_address) == ("member_ke", "203.0.113.9")


def test_the_password_tried_is_not_in_the_security_log(client, member_ke):
    post_password(client, "member_ke", WRONG_PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert SecurityEvent.objects.exists()
    assert not appears_in_log(WRONG_PASSWORD)


def test_the_password_tried_is_not_in_the_lockout_records(client, member_ke):
    post_password(client, "member_ke", WRONG_PASSWORD, REMOTE_ADDR="203.0.113.9")
    attempt = AccessAttempt.objects.get()
    assert WRONG_PASSWORD not in attempt.post_data
    assert WRONG_PASSWORD not in attempt.get_data


# --- A refused two-factor code


@pytest.fixture
def refused_code(client, staff) -> str:
    """Staff give the right password, then a code their authenticator would not show: the code is returned."""
    device = TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    accepted = {totp_code(device, steps) for steps in range(-device.tolerance, device.tolerance + 1)}
    code = next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
    post_password(client, "staff")
    post_code(client, code)
    return code


def test_a_refused_code_is_logged(refused_code):
    assert events(SecurityEventKind.SECOND_FACTOR_FAILED).get().username == "staff"


def test_the_refused_code_is_not_in_the_security_log(refused_code):
    assert events(SecurityEventKind.SECOND_FACTOR_FAILED).exists()
    assert not appears_in_log(refused_code)


# --- API tokens made and revoked on the account page


@pytest.fixture
def member_client(client, member_ke):
    client.force_login(member_ke)
    return client


def create_case_tool_token(client) -> str:
    """The key the page shows, once, after the token is created."""
    response = client.post(reverse("account:tokens"), {"name": "case tool"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    return key


def test_creating_an_api_token_is_logged_with_its_name(member_client, member_ke):
    create_case_tool_token(member_client)
    event = events(SecurityEventKind.TOKEN_CREATED).get()
    assert (event.user, event.detail) == (member_ke, "case tool")


def test_revoking_an_api_token_is_logged_with_its_name(member_client, member_ke):
    create_case_tool_token(member_client)
    token = ApiToken.objects.get(user=member_ke)
    assert member_client.post(reverse("account:revoke_token", args=[token.pk])).status_code == 302
    event = events(SecurityEventKind.TOKEN_REVOKED).get()
    assert (event.user, event.detail) == (member_ke, "case tool")


def test_the_token_key_is_not_in_the_security_log(member_client, member_ke):
    key = create_case_tool_token(member_client)
    token = ApiToken.objects.get(user=member_ke)
    member_client.post(reverse("account:revoke_token", args=[token.pk]))
    assert events(SecurityEventKind.TOKEN_REVOKED).exists()
    assert not appears_in_log(key)


# --- Throttled API requests


def test_throttled_requests_are_logged_once_per_window(settings, db):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**rates, "anon": "2/min"}}
    api = APIClient()
    statuses = [api.get("/api/v1/events/").status_code for _ in range(6)]
    assert statuses.count(429) == 4
    assert events(SecurityEventKind.THROTTLED).count() == 1
