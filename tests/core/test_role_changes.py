"""Who may change what decides whose follow-ups a login edits: only a superuser changes the country or the groups of a
person linked to a login, and every change of groups, country link or login link is written to the security log
with who did it."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from contacts.models import Person
from core.models import SecurityEvent, SecurityEventKind
from core.roles import NETWORK_MEMBER, coordinated_country
from core.tokens import create_token
from tests.admin_forms import changeform_data, form_data
from tests.factories import FollowUpFactory, PersonFactory, RecommendationFactory, UserFactory
from tests.signin import sign_in_with_second_factor


class FormValues(HTMLParser):
    """What a browser would submit from the form ``form_id`` of a page, unchanged (submit buttons left out)."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.in_form, self.data = form_id, False, {}
        self.select: tuple[str, bool] | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type", "text") not in {"submit", "button", "image", "file", "reset"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.add(attrs["name"], attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select":
            self.select = (attrs["name"], "multiple" in attrs)
            if "multiple" in attrs:
                self.data.setdefault(attrs["name"], [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select[0], attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.data[self.textarea] += data

    def add(self, name: str, value: str) -> None:
        if self.select and self.select[1]:
            self.data[name].append(value)
        else:
            self.data[name] = value


def page_form_data(response, form_id: str) -> dict:
    parser = FormValues(form_id)
    parser.feed(response.content.decode())
    return parser.data


@pytest.fixture
def as_user(db):
    """``as_user(user)``: an API client signed in as ``user`` (as in tests/api/conftest.py)."""
    api = APIClient()

    def login(user):
        api.force_authenticate(user)
        return api

    return login


@pytest.fixture
def follow_ups(db):
    recommendation = RecommendationFactory()
    return {country: FollowUpFactory(recommendation=recommendation, country=country) for country in ("MA", "EG")}


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    sign_in_with_second_factor(client, superuser)
    return client


def person_url(person) -> str:
    return reverse("admin:contacts_person_change", args=[person.pk])


def user_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def post_person_country(client, person, country: str):
    data = changeform_data(client.get(person_url(person)))
    return client.post(person_url(person), {**data, "country": country})


def events(kind: SecurityEventKind):
    return SecurityEvent.objects.filter(kind=kind)


# --- The country of a linked person, in the admin


def test_staff_see_a_linked_persons_country_read_only(staff_client, coordinator_ma):
    response = staff_client.get(person_url(coordinator_ma.person))
    assert response.status_code == 200
    assert '<select name="country"' not in response.content.decode()


def test_staff_posting_another_country_leave_a_linked_persons_country_unchanged(staff_client, coordinator_ma):
    response = post_person_country(staff_client, coordinator_ma.person, "EG")
    assert response.status_code == 302
    coordinator_ma.person.refresh_from_db()
    assert coordinator_ma.person.country == "MA"
    assert not events(SecurityEventKind.COUNTRY_CHANGED).exists()


def test_staff_reverting_a_linked_person_to_an_older_version_leave_the_country_unchanged(staff_client, coordinator_ma):
    person = coordinator_ma.person
    in_morocco = person.history.earliest()
    person.country = "TN"  # as a superuser would have moved them
    person.save()
    revert_url = reverse("admin:contacts_person_simple_history", args=[person.pk, in_morocco.history_id])
    staff_client.post(revert_url, form_data(staff_client.get(revert_url).context["adminform"].form))
    person.refresh_from_db()
    assert person.country == "TN"


def test_staff_change_the_country_of_a_person_without_a_login(staff_client):
    person = PersonFactory(country="EG")
    assert post_person_country(staff_client, person, "TN").status_code == 302
    person.refresh_from_db()
    assert person.country == "TN"


def test_superuser_changes_a_linked_persons_country_and_it_is_logged(superuser_client, superuser, coordinator_ma):
    assert post_person_country(superuser_client, coordinator_ma.person, "TN").status_code == 302
    coordinator_ma.person.refresh_from_db()
    assert coordinator_ma.person.country == "TN"
    event = events(SecurityEventKind.COUNTRY_CHANGED).get()
    assert (event.user, event.actor) == (coordinator_ma, superuser)
    assert "MA" in event.detail
    assert "TN" in event.detail


# --- The country of a linked person, through the API


def test_staff_cannot_change_a_linked_persons_country_through_the_api(as_user, staff, coordinator_ma):
    response = as_user(staff).patch(f"/api/v1/people/{coordinator_ma.person.pk}/", {"country": "EG"})
    assert response.status_code == 403
    assert "superuser" in response.json()["detail"]
    coordinator_ma.person.refresh_from_db()
    assert coordinator_ma.person.country == "MA"
    assert not events(SecurityEventKind.COUNTRY_CHANGED).exists()


def test_a_refused_country_change_leaves_the_coordinator_on_their_own_follow_ups(
    as_user, follow_ups, staff, coordinator_ma
):
    as_user(staff).patch(f"/api/v1/people/{coordinator_ma.person.pk}/", {"country": "EG"})
    coordinator = as_user(User.objects.get(pk=coordinator_ma.pk))  # a fresh object: nothing cached from before
    morocco = coordinator.post(
        f"/api/v1/follow-ups/{follow_ups['MA'].pk}/progress/", {"status": "in_progress"}, format="multipart"
    )
    egypt = coordinator.post(
        f"/api/v1/follow-ups/{follow_ups['EG'].pk}/progress/", {"status": "in_progress"}, format="multipart"
    )
    assert (morocco.status_code, egypt.status_code) == (201, 403)


def test_superuser_changes_a_linked_persons_country_through_the_api(as_user, superuser, coordinator_ma):
    response = as_user(superuser).patch(f"/api/v1/people/{coordinator_ma.person.pk}/", {"country": "EG"})
    assert response.status_code == 200, response.content
    coordinator_ma.person.refresh_from_db()
    assert coordinator_ma.person.country == "EG"
    event = events(SecurityEventKind.COUNTRY_CHANGED).get()
    assert (event.user, event.actor) == (coordinator_ma, superuser)
    assert "MA -> EG" in event.detail


@pytest.mark.parametrize("change", [{"country": "MA"}, {"job_title": "Deputy prosecutor"}])
def test_staff_still_edit_a_linked_person_without_moving_them(as_user, staff, coordinator_ma, change):
    response = as_user(staff).patch(f"/api/v1/people/{coordinator_ma.person.pk}/", change)
    assert response.status_code == 200, response.content
    coordinator_ma.person.refresh_from_db()
    assert coordinator_ma.person.country == "MA"
    assert not events(SecurityEventKind.COUNTRY_CHANGED).exists()


# --- Merging duplicates moves a login from one person to another


def merge_into(client, survivor, duplicate):
    selected = {"action": "merge", "_selected_action": [survivor.pk, duplicate.pk], "survivor": survivor.pk}
    return client.post(reverse("admin:contacts_person_changelist"), selected)


def test_staff_merging_cannot_move_a_login_to_another_country(staff_client, coordinator_ma):
    merge_into(staff_client, PersonFactory(country="EG"), coordinator_ma.person)
    assert coordinated_country(User.objects.get(pk=coordinator_ma.pk)) == "MA"


def test_a_merge_that_moves_a_login_is_logged(staff_client, staff, coordinator_ma):
    survivor = PersonFactory(country="MA")
    assert merge_into(staff_client, survivor, coordinator_ma.person).status_code == 302
    assert Person.objects.get(pk=survivor.pk).user == coordinator_ma
    event = events(SecurityEventKind.LOGIN_LINK_CHANGED).get()
    assert (event.user, event.actor) == (coordinator_ma, staff)


# --- Groups and accounts, on the users' admin page


def test_staff_cannot_open_the_users_admin(staff_client):
    assert staff_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_superuser_changing_groups_is_logged_with_before_and_after(superuser_client, superuser, coordinator_ma):
    data = page_form_data(superuser_client.get(user_url(coordinator_ma)), "user_form")
    data["groups"] = [str(Group.objects.get(name=NETWORK_MEMBER).pk)]
    assert superuser_client.post(user_url(coordinator_ma), data).status_code == 302
    assert list(coordinator_ma.groups.values_list("name", flat=True)) == [NETWORK_MEMBER]
    event = events(SecurityEventKind.GROUPS_CHANGED).get()
    assert (event.user, event.actor) == (coordinator_ma, superuser)
    assert event.detail == "national coordinator, network member -> network member"


def test_deactivating_a_user_revokes_their_api_tokens(superuser_client, coordinator_ma):
    _token, key = create_token(coordinator_ma, "tool")
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    data = page_form_data(superuser_client.get(user_url(coordinator_ma)), "user_form")
    del data["is_active"]
    assert superuser_client.post(user_url(coordinator_ma), data).status_code == 302
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_deactivating_a_user_is_logged(superuser_client, superuser, coordinator_ma):
    data = page_form_data(superuser_client.get(user_url(coordinator_ma)), "user_form")
    del data["is_active"]
    superuser_client.post(user_url(coordinator_ma), data)
    event = events(SecurityEventKind.ACCOUNT_DEACTIVATED).get()
    assert (event.user, event.actor) == (coordinator_ma, superuser)


def reset_two_factor(client, user):
    return client.post(
        reverse("admin:auth_user_changelist"), {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )


def test_superuser_resets_a_lost_second_factor(superuser_client, superuser, coordinator_ma):
    TOTPDevice.objects.create(user=coordinator_ma, name="default", confirmed=True)
    assert reset_two_factor(superuser_client, coordinator_ma).status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator_ma).exists()
    event = events(SecurityEventKind.TWO_FACTOR_RESET).get()
    assert (event.user, event.actor) == (coordinator_ma, superuser)


def test_staff_cannot_reset_a_second_factor(staff_client, coordinator_ma):
    TOTPDevice.objects.create(user=coordinator_ma, name="default", confirmed=True)
    assert reset_two_factor(staff_client, coordinator_ma).status_code == 403
    assert TOTPDevice.objects.filter(user=coordinator_ma).exists()
    assert not events(SecurityEventKind.TWO_FACTOR_RESET).exists()
