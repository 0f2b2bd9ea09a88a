"""Two-factor authentication: required for staff, offered to members; real TOTP codes computed from the secret."""

import re
from base64 import b32decode
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from core.models import SecurityEvent
from core.two_factor import reset_second_factor
from tests.signin import PASSWORD, WIZARD, post_code, post_password, totp_code

NOW = datetime(2026, 11, 25, 9, 0, 10, tzinfo=UTC)  # 10 s into a 30-second step


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as clock:
        yield clock


@pytest.fixture
def phone(staff):
    return TOTPDevice.objects.create(user=staff, name="default", confirmed=True)


def is_verified(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_staff_without_a_device_are_sent_to_set_one_up_and_reach_nothing_else(client, staff):
    post_password(client, "staff")
    for url in (reverse("admin:index"), reverse("contacts:directory"), reverse("account:tokens")):
        assert client.get(url)["Location"] == reverse("two_factor:setup")
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"].lower()


def test_staff_set_up_totp_with_a_real_code_and_reach_the_admin(client, staff, frozen_clock):
    post_password(client, "staff")
    page = client.post(reverse("two_factor:setup"), {"setup_view-current_step": "welcome"}).content.decode()
    secret = re.search(r"secret=([A-Z2-7]+)", page).group(1)
    code = f"{TOTP(b32decode(secret)).token():06d}"
    response = client.post(
        reverse("two_factor:setup"), {"setup_view-current_step": "generator", "generator-token": code}
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert is_verified(client)
    assert SecurityEvent.objects.filter(kind="two_factor_enrolled", user=staff).exists()


def test_a_wrong_code_during_set_up_enrols_nothing(client, staff):
    post_password(client, "staff")
    client.post(reverse("two_factor:setup"), {"setup_view-current_step": "welcome"})
    response = client.post(
        reverse("two_factor:setup"), {"setup_view-current_step": "generator", "generator-token": "12345"}
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_staff_with_a_device_log_in_with_password_then_code(client, staff, phone, frozen_clock):
    asked = post_password(client, "staff")
    assert 'name="token-otp_token"' in asked.content.decode()
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    assert post_code(client, totp_code(phone)).status_code == 302
    assert is_verified(client)


@pytest.mark.parametrize("steps", [-1, 1])
def test_a_code_one_step_off_is_accepted(client, staff, phone, frozen_clock, steps):
    post_password(client, "staff")
    post_code(client, totp_code(phone, steps=steps))
    assert is_verified(client)


@pytest.mark.parametrize("steps", [-2, 2])
def test_a_code_two_steps_off_is_refused(client, staff, phone, frozen_clock, steps):
    post_password(client, "staff")
    response = post_code(client, totp_code(phone, steps=steps))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_counted_and_logged(client, staff, phone, frozen_clock):
    post_password(client, "staff", REMOTE_ADDR="198.51.100.7")
    wrong = "000000" if totp_code(phone) != "000000" else "111111"
    response = post_code(client, wrong, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    event = SecurityEvent.objects.get(kind="second_factor_failed")
    assert (event.username, event.ip_address) == ("staff", "198.51.100.7")
    assert wrong not in event.detail


def test_a_code_used_once_is_refused_the_second_time(staff, phone, frozen_clock):
    code = totp_code(phone)
    first = Client()
    post_password(first, "staff")
    post_code(first, code)
    assert is_verified(first)
    second = Client()
    post_password(second, "staff")
    post_code(second, code)
    assert "_auth_user_id" not in second.session


def test_wrong_codes_lock_the_account_and_then_even_the_right_code_is_refused(client, staff, phone, settings):
    with time_machine.travel(NOW, tick=False) as clock:
        post_password(client, "staff")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            clock.shift(120)  # past django-otp's own growing delay between tries, so only the lockout stops them
            response = post_code(client, "000000" if totp_code(phone) != "000000" else "111111")
        assert response.status_code == 429
        clock.shift(120)
        fresh = Client()
        assert post_password(fresh, "staff").status_code == 429
        assert post_code(client, totp_code(phone)).status_code != 302
        assert "_auth_user_id" not in client.session


def test_a_backup_code_works_once(staff, phone, frozen_clock):
    device = StaticDevice.objects.create(user=staff, name="backup")
    device.token_set.create(token="a1b2c3d4")
    for attempt in ("first", "second"):
        client = Client()
        post_password(client, "staff")
        client.post(reverse("login"), {WIZARD: "token", "wizard_goto_step": "backup"})
        client.post(reverse("login"), {WIZARD: "backup", "backup-otp_token": "a1b2c3d4"})
        assert ("_auth_user_id" in client.session) == (attempt == "first")


def test_staff_create_backup_codes_and_it_is_logged(client, staff, phone, frozen_clock):
    post_password(client, "staff")
    post_code(client, totp_code(phone))
    client.post(reverse("two_factor:backup_tokens"))
    assert StaticDevice.objects.get(user=staff).token_set.count() == 10
    assert SecurityEvent.objects.filter(kind="backup_codes_created", user=staff).exists()


def test_members_sign_in_with_a_password_alone_and_may_turn_two_factor_on(client, member_ke):
    assert post_password(client, "member_ke").status_code == 302
    assert client.get(reverse("contacts:directory")).status_code == 200
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_a_setting_makes_two_factor_required_for_everyone(client, member_ke, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ALL = True
    post_password(client, "member_ke")
    assert client.get(reverse("contacts:directory"))["Location"] == reverse("two_factor:setup")


def test_staff_cannot_turn_two_factor_off(client, staff, phone, frozen_clock):
    post_password(client, "staff")
    post_code(client, totp_code(phone))
    assert client.post(reverse("two_factor:disable"), {"understand": "on"}).status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_a_session_without_the_second_factor_never_reaches_the_admin(client, staff, phone):
    client.force_login(staff)  # a password-only session, as if the code step had been skipped
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("admin:index"))


def test_only_a_superuser_resets_a_lost_device_and_it_is_logged(staff, phone, coordinator_eg):
    with pytest.raises(PermissionDenied):
        reset_second_factor(staff, actor=staff)
    root = staff.__class__.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert reset_second_factor(staff, actor=root) == 1
    assert not TOTPDevice.objects.filter(user=staff).exists()
    event = SecurityEvent.objects.get(kind="two_factor_reset")
    assert (event.user, event.actor) == (staff, root)


def test_after_a_reset_the_user_sets_up_a_new_device_at_the_next_sign_in(client, staff, phone):
    root = staff.__class__.objects.create_superuser("root", "root@example.org", PASSWORD)
    reset_second_factor(staff, actor=root)
    post_password(client, "staff")
    assert client.get(reverse("admin:index"))["Location"] == reverse("two_factor:setup")


def test_staff_need_the_code_to_get_an_api_token(db, staff, phone, frozen_clock):
    api = APIClient()
    without = api.post("/api/v1/auth/token/", {"username": "staff", "password": PASSWORD})
    assert without.status_code == 401
    assert "code" in without.json()["detail"]
    with_code = api.post("/api/v1/auth/token/", {"username": "staff", "password": PASSWORD, "otp": totp_code(phone)})
    assert with_code.status_code == 201


def test_staff_without_a_device_get_no_api_token(db, staff):
    response = APIClient().post("/api/v1/auth/token/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 403
    assert "set it up on the website" in response.json()["detail"]
