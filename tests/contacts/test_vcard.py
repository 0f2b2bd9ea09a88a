"""The vCard download as a contact program reads it: the bytes parsed again with vobject."""

import pytest
import vobject
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, member_ke):
    client.force_login(member_ke)
    return client


def download(client, person) -> bytes:
    response = client.get(reverse("contacts:vcard", args=[person.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/vcard")
    return response.content


def test_the_honorific_is_the_prefix_of_the_structured_name_too(member_client):
    person = PersonFactory(honorific="H.E.", given_name="Leïla", family_name="Ben Salah", country="TN")
    body = download(member_client, person)
    card = vobject.readOne(body.decode())
    assert card.version.value == "3.0"
    assert card.fn.value == "H.E. Leïla Ben Salah"
    name = card.n.value
    assert (name.prefix, name.given, name.family, name.additional, name.suffix) == (
        "H.E.",
        "Leïla",
        "Ben Salah",
        "",
        "",
    )
    assert "N:Ben Salah;Leïla;;H.E.;\r\n" in body.decode()


def test_a_card_without_honorific_leaves_the_prefix_empty(member_client):
    body = download(member_client, PersonFactory(given_name="Grace", family_name="Wanjiru"))
    assert "N:Wanjiru;Grace;;;\r\n" in body.decode()
    assert vobject.readOne(body.decode()).n.value.prefix == ""


def test_the_working_languages_are_in_the_note(member_client):
    person = PersonFactory(given_name="Hélène", family_name="Ait Ouarab", country="MA")
    person.languages.add("fr", "ar")
    card = vobject.readOne(download(member_client, person).decode())
    assert card.note.value == "Working languages: Arabic (ar), French (fr)"


def test_on_an_arabic_page_the_note_is_in_arabic_with_its_comma(member_client):
    person = PersonFactory(given_name="Hélène", family_name="Ait Ouarab", country="MA")
    person.languages.add("fr", "ar")
    response = member_client.get(reverse("contacts:vcard", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="ar")
    note = vobject.readOne(response.content.decode()).note.value
    assert "، " in note and ", " not in note and "(ar)" in note and "(fr)" in note
    assert "Arabic" not in note and "Working languages" not in note


def test_a_card_without_working_languages_has_no_note(member_client):
    card = vobject.readOne(download(member_client, PersonFactory()).decode())
    assert "note" not in card.contents


def test_the_card_is_crlf_lines_of_at_most_75_octets(member_client):
    person = PersonFactory(
        honorific="Justice",
        given_name="Abdelrahman",
        family_name="Abdel Fattah El Sayed",
        job_title="Procureure générale adjointe près la Cour d’appel de Casablanca — unité de lutte contre la traite",
    )
    person.languages.add("ar", "en", "fr", "sw", "pt", "am", "ti")
    body = download(member_client, person)
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    card = vobject.readOne(body.decode())
    assert card.title.value == person.job_title and card.note.value.count("(") == 7
