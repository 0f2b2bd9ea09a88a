"""API tokens: hashed, named, expiring; listed and revoked by their owner; ended by a password change or deactivation;
out of staff's reach."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken, SecurityEvent
from core.tokens import create_token
from tests.factories import UserFactory
from tests.signin import PASSWORD, sign_in_with_second_factor


def with_token(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def works(key: str) -> bool:
    return with_token(key).get("/api/v1/me/").status_code == 200


def test_user_name_and_password_give_a_new_named_token(db, member_ke):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "member_ke", "password": PASSWORD, "name": "case-management tool"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "case-management tool"
    assert works(body["token"])
    assert ApiToken.objects.get().expiry > timezone.now() + timedelta(days=29)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"username": "member_ke", "password": "guess"}, 401),
        ({"username": "nobody", "password": PASSWORD}, 401),
        ({"username": "member_ke"}, 400),
    ],
)
def test_bad_credentials_are_refused_and_issue_nothing(db, member_ke, data, status):
    response = APIClient().post("/api/v1/auth/token/", data)
    assert response.status_code == status
    assert response.json()
    assert not ApiToken.objects.exists()


def text_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                yield model, field.name


def test_no_table_holds_a_token_key_in_clear(db, member_ke):
    _token, key = create_token(member_ke, "tool")
    secret_part = key[15:]  # knox keeps the first 15 characters to find a token; the rest exists only as a hash
    holding = [
        f"{model._meta.db_table}.{name}"
        for model, name in text_columns()
        if model.objects.filter(**{f"{name}__contains": secret_part}).exists()
    ]
    assert holding == []
    assert works(key)


def test_a_user_holds_several_named_tokens_and_lists_them_without_keys(db, member_ke):
    create_token(member_ke, "case tool")
    create_token(member_ke, "spreadsheet")
    api = APIClient()
    api.force_authenticate(member_ke)
    listed = api.get("/api/v1/me/tokens/").json()["results"]
    assert sorted(row["name"] for row in listed) == ["case tool", "spreadsheet"]
    assert all(set(row) == {"id", "name", "created", "expiry"} for row in listed)


def test_a_user_creates_and_revokes_a_token_through_the_api(db, member_ke):
    api = APIClient()
    api.force_authenticate(member_ke)
    created = api.post("/api/v1/me/tokens/", {"name": "scripts"}).json()
    assert works(created["token"])
    assert api.delete(f"/api/v1/me/tokens/{created['id']}/").status_code == 204
    assert not works(created["token"])


def test_a_user_creates_and_revokes_a_token_on_the_page(client, member_ke):
    client.force_login(member_ke)
    page = client.post(reverse("account:tokens"), {"name": "case tool"}).content.decode()
    token = ApiToken.objects.get(user=member_ke)
    key = page.split('id="new-token">')[1].split("<")[0]
    assert works(key)
    assert client.get(reverse("account:tokens")).content.decode().count(key) == 0  # shown once only
    client.post(reverse("account:revoke_token", args=[token.pk]))
    assert not works(key)


def test_an_empty_name_is_refused_and_creates_nothing(client, member_ke):
    client.force_login(member_ke)
    response = client.post(reverse("account:tokens"), {"name": "  "})
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_after_its_expiry(db, member_ke, settings):
    _token, key = create_token(member_ke, "tool")
    with time_machine.travel(timezone.now() + timedelta(days=settings.API_TOKEN_DAYS, minutes=1)):
        response = with_token(key).get("/api/v1/me/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert SecurityEvent.objects.filter(kind="token_refused").exists()


def test_a_revoked_token_is_refused_with_a_clear_message(db, member_ke):
    token, key = create_token(member_ke, "tool")
    token.delete()
    response = with_token(key).get("/api/v1/me/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_password_change_ends_every_token_however_it_was_changed(db, member_ke):
    _token, key = create_token(member_ke, "tool")
    member_ke.set_password("A-new-long-passphrase-42")
    member_ke.save()
    assert not works(key)
    assert not ApiToken.objects.filter(user=member_ke).exists()


def test_deactivating_a_user_ends_their_tokens(db, member_ke):
    _token, key = create_token(member_ke, "tool")
    member_ke.is_active = False
    member_ke.save()
    assert not works(key)
    member_ke.is_active = True
    member_ke.save()
    assert not works(key)


def test_refused_tokens_count_toward_the_lockout_of_their_address(db, member_ke, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 3
    for _ in range(3):
        with_token("a" * 64).get("/api/v1/me/", REMOTE_ADDR="198.51.100.7")
    login = APIClient().post(
        "/api/v1/auth/token/", {"username": "member_ke", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert login.status_code == 429


def test_staff_get_403_on_the_tokens_in_the_admin(staff_client, member_ke):
    create_token(member_ke, "tool")
    assert staff_client.get(reverse("admin:core_apitoken_changelist")).status_code == 403
    assert staff_client.get(reverse("admin:core_apitoken_change", args=[ApiToken.objects.get().pk])).status_code == 403


def test_staff_cannot_reach_another_users_token_through_the_api(db, staff, member_ke):
    token, key = create_token(member_ke, "tool")
    api = APIClient()
    api.force_authenticate(staff)
    assert api.get("/api/v1/me/tokens/").json()["results"] == []
    assert api.delete(f"/api/v1/me/tokens/{token.pk}/").status_code == 404
    assert works(key)


def test_a_superuser_sees_and_revokes_a_users_token_openly(client, member_ke):
    token, key = create_token(member_ke, "tool")
    root = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, root)
    page = client.get(reverse("admin:core_apitoken_changelist")).content.decode()
    assert "tool" in page
    assert key not in page
    client.post(reverse("admin:core_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    assert not works(key)
    event = SecurityEvent.objects.get(kind="token_revoked")
    assert (event.user, event.actor) == (member_ke, root)


def test_a_password_set_by_a_superuser_ends_the_users_tokens_and_sessions_and_is_logged(client, member_ke):
    _token, key = create_token(member_ke, "tool")
    member = APIClient()
    member.force_login(member_ke)
    root = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, root)
    new = "A-new-long-passphrase-42"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[member_ke.pk]), {"password1": new, "password2": new}
    )
    assert response.status_code == 302
    assert not works(key)
    assert member.get("/api/v1/me/").status_code == 401  # the member's session has ended
    event = SecurityEvent.objects.get(kind="password_changed")
    assert (event.user, event.detail) == (member_ke, f"set by {root.username}")
