"""What the registry's answers tell the browser: a Content-Security-Policy that allows no inline or foreign script,
pages that need none, and ``Cache-Control: no-store`` wherever personal data may be in the answer.

HSTS and the HTTPS redirect of production are checked in tests/registry/test_settings.py."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PersonFactory

# A <script> tag without a src attribute, and an on...= attribute (onclick, onload, ...) inside any tag.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(str.strip, header.split(";")):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


def assert_strict_csp(response) -> None:
    directives = csp_directives(response)
    assert directives.get("script-src") == ["'self'"]
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]


def assert_no_inline_script(response) -> None:
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


def assert_no_store(response) -> None:
    assert "no-store" in response.headers.get("Cache-Control", "")


# --- Content-Security-Policy


def test_home_page_has_a_strict_content_security_policy(client, db):
    assert_strict_csp(client.get(reverse("home")))


def test_directory_has_a_strict_content_security_policy(client, member_ke):
    client.force_login(member_ke)
    assert_strict_csp(client.get(reverse("contacts:directory")))


def test_login_page_has_a_strict_content_security_policy(client, db):
    assert_strict_csp(client.get(reverse("login")))


def test_admin_index_has_a_strict_content_security_policy(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert_strict_csp(response)


def test_api_has_a_strict_content_security_policy(db):
    assert_strict_csp(APIClient().get("/api/v1/events/"))


# --- No inline script, so the policy breaks nothing


def test_home_page_has_no_inline_script(client, db):
    assert_no_inline_script(client.get(reverse("home")))


def test_directory_has_no_inline_script(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("contacts:directory"))
    assert response.status_code == 200
    assert_no_inline_script(response)


def test_person_card_has_no_inline_script(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("contacts:person", args=[member_ke.person.pk]))
    assert response.status_code == 200
    assert_no_inline_script(response)


def test_login_page_has_no_inline_script(client, db):
    assert_no_inline_script(client.get(reverse("login")))


def test_account_page_has_no_inline_script(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("account:overview"))
    assert response.status_code == 200
    assert_no_inline_script(response)


def test_admin_index_has_no_inline_script(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert_no_inline_script(response)


def test_admin_change_page_has_no_inline_script(staff_client):
    response = staff_client.get(reverse("admin:contacts_person_change", args=[PersonFactory().pk]))
    assert response.status_code == 200
    assert_no_inline_script(response)


@pytest.mark.parametrize(
    "html",
    ["<script>alert(1)</script>", '<script type="module">x()</script>', '<button onclick="x()">', "<body onload=x()>"],
)
def test_the_inline_script_check_catches_inline_script(html):
    assert INLINE_SCRIPT.findall(html) or INLINE_HANDLER.findall(html)


# --- Cache-Control: no-store on answers with personal data


def test_person_card_is_not_stored(client, member_ke):
    client.force_login(member_ke)
    assert_no_store(client.get(reverse("contacts:person", args=[member_ke.person.pk])))


def test_vcard_download_is_not_stored(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("contacts:vcard", args=[member_ke.person.pk]))
    assert response.status_code == 200
    assert_no_store(response)


def test_directory_is_not_stored(client, member_ke):
    client.force_login(member_ke)
    assert_no_store(client.get(reverse("contacts:directory")))


def test_api_person_detail_is_not_stored(member_ke):
    api = APIClient()
    api.force_authenticate(member_ke)
    response = api.get(f"/api/v1/people/{member_ke.person.pk}/")
    assert response.status_code == 200
    assert_no_store(response)


def test_admin_person_change_page_is_not_stored(staff_client):
    response = staff_client.get(reverse("admin:contacts_person_change", args=[PersonFactory().pk]))
    assert response.status_code == 200
    assert_no_store(response)


def test_account_tokens_page_is_not_stored(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("account:tokens"))
    assert response.status_code == 200
    assert_no_store(response)
