"""``{{ items|list_join }}`` and ``{% list_separator %}``: lists joined with the comma of the page's language, "، "
in Arabic, where ``|join:", "`` puts a Latin comma on every page."""

from collections.abc import Iterable

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The separator of a list, by the language's code (its part before any "-"); a language not named here, as every
# Latin-script one, uses ", ".
SEPARATORS = {"ar": "، ", "fa": "، ", "ur": "، "}
DEFAULT_SEPARATOR = ", "


def separator(language: str | None = None) -> str:
    code = (language or translation.get_language() or "").split("-")[0]
    return SEPARATORS.get(code, DEFAULT_SEPARATOR)


@register.filter(is_safe=True, needs_autoescape=True)
def list_join(items: Iterable[object] | None, autoescape: bool = True) -> SafeString | str:
    """The items (a list, or a QuerySet such as ``person.languages.all``, whose prefetched rows it reads) as text,
    each escaped, joined with the active language's separator."""
    if not items:
        return ""
    escape = conditional_escape if autoescape else str
    return mark_safe(separator().join(str(escape(item)) for item in items))  # noqa: S308 - each item escaped


@register.simple_tag
def list_separator() -> str:
    """The separator alone, for a list a template writes in a loop."""
    return separator()
