"""Names of languages in the reader's language, from the Unicode CLDR data Babel ships.

pycountry's ISO 639 catalogues name only half the working languages in Arabic (not Amharic, Swahili or Tigrinya,
the network's own) and a third are missing in French; CLDR names all 184 ISO 639-1 languages in every site
language.
"""

import functools

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils import translation


def language_name(code: str, in_language: str | None = None, with_code: bool = True) -> str:
    """ "Arabe (ar)" on a French page: the name of the language ``code`` in ``in_language`` (the active language
    by default), first letter in capitals as CLDR has names stand in a menu or list, and the code (unless
    ``with_code`` is false: "Arabe")."""
    return _language_name(code, in_language or translation.get_language() or settings.LANGUAGE_CODE, with_code)


@functools.cache
def _language_name(code: str, in_language: str, with_code: bool) -> str:
    name = _locale(in_language).languages.get(code) or _locale(settings.LANGUAGE_CODE).languages.get(code)
    if not name:
        return code
    name = f"{name[:1].upper()}{name[1:]}"
    return f"{name} ({code})" if with_code else name


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(translation.to_locale(settings.LANGUAGE_CODE))
