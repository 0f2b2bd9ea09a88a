"""Lists joined with the comma of the page's language: "، " on Arabic pages, ", " on the others."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from contacts.models import Language
from tests.factories import PersonFactory


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load lists %}" + source).render(Context(context))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_list_join_uses_the_separator_of_every_site_language(language):
    expected = "a، b، c" if language == "ar" else "a, b, c"
    assert render("{{ items|list_join }}", language, items=["a", "b", "c"]) == expected
    assert (
        render(
            "{% for item in items %}{{ item }}{% if not forloop.last %}{% list_separator %}{% endif %}{% endfor %}",
            language,
            items=["a", "b", "c"],
        )
        == expected
    )


def test_list_join_escapes_each_item_and_gives_nothing_for_an_empty_list():
    assert render("{{ items|list_join }}", "en", items=["<b>", "A & B"]) == "&lt;b&gt;, A &amp; B"
    assert render('{{ items|list_join|default:"–" }}', "ar", items=[]) == "–"


def test_an_arabic_person_card_lists_working_languages_with_the_arabic_comma(client, member_ke):
    person = PersonFactory(country="EG")
    person.languages.add(*Language.objects.filter(code__in=["ar", "fr"]))
    client.force_login(member_ke)
    page = client.get(reverse("contacts:person", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "العربية (ar)، الفرنسية (fr)" in page
    assert "العربية (ar), " not in page
    english = client.get(reverse("contacts:person", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Arabic (ar), French (fr)" in english
