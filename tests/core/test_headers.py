"""What the registry's answers tell the browser: a Content-Security-Policy that allows no inline or foreign script,
pages that need none, and ``Cache-Control: no-store`` wherever personal data may be in the answer.

HSTS and the HTTPS redirect of production are checked in tests/registry/test_settings.py."""

import re

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.signin import sign_in_with_second_factor

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


def answer(request, client, page: str):
    """The answer to ``page`` (a key of PAGES), fetched as the user the table names."""
    who, path_of = PAGES[page]
    user = request.getfixturevalue(who) if who else None
    if who == "staff":
        sign_in_with_second_factor(client, user)
    elif user is not None:
        client.force_login(user)
    response = client.get(path_of(user))
    assert response.status_code == 200
    return response


PAGES = {
    "home": (None, lambda user: reverse("home")),
    "login": (None, lambda user: reverse("login")),
    "directory": ("member_ke", lambda user: reverse("contacts:directory")),
    "person card": ("member_ke", lambda user: reverse("contacts:person", args=[user.person.pk])),
    "vCard": ("member_ke", lambda user: reverse("contacts:vcard", args=[user.person.pk])),
    "account": ("member_ke", lambda user: reverse("account:overview")),
    "API tokens page": ("member_ke", lambda user: reverse("account:tokens")),
    "admin index": ("staff", lambda user: reverse("admin:index")),
    "admin person": ("staff", lambda user: reverse("admin:contacts_person_change", args=[PersonFactory().pk])),
    "API events": (None, lambda user: "/api/v1/events/"),
    "API person": ("member_ke", lambda user: f"/api/v1/people/{user.person.pk}/"),
}
HTML_PAGES = [page for page in PAGES if page not in ("vCard", "API events", "API person")]
PERSONAL_DATA = ["directory", "person card", "vCard", "API tokens page", "admin person", "API person"]


@pytest.mark.parametrize("page", PAGES)
def test_every_answer_has_a_strict_content_security_policy(request, client, db, page):
    assert_strict_csp(answer(request, client, page))


@pytest.mark.parametrize("page", HTML_PAGES)
def test_no_page_needs_an_inline_script(request, client, db, page):
    assert_no_inline_script(answer(request, client, page))


@pytest.mark.parametrize(
    "html",
    ["<script>alert(1)</script>", '<script type="module">x()</script>', '<button onclick="x()">', "<body onload=x()>"],
)
def test_the_inline_script_check_catches_inline_script(html):
    assert INLINE_SCRIPT.findall(html) or INLINE_HANDLER.findall(html)


@pytest.mark.parametrize("page", PERSONAL_DATA)
def test_answers_with_personal_data_are_never_stored(request, client, db, page):
    assert_no_store(answer(request, client, page))
