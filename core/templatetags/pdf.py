"""``{% pdf_margin_boxes %}``: the content of the header and footer of every sheet of a PDF (``core/pdf_base.html``),
placed for the page's direction and with "page X of Y" in its language."""

import re

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def css_string(text: str) -> str:
    """``text`` as a CSS string: every character but letters, digits and spaces written as a hex escape, so that
    a quote, a backslash or ``</style>`` in a translation cannot end the string or the style element."""
    escaped = "".join(char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text)
    return f'"{escaped}"'


def page_x_of_y() -> str:
    """The CSS ``content`` of "Page 2 of 5" in the active language: its words as strings, the numbers as the
    page counters."""
    label = _("Page %(page)s of %(pages)s")
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(label)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


@register.simple_tag
def pdf_margin_boxes() -> SafeString:
    """``@page`` rules: the marking and the document's title at the top, the generation line and the page number at
    the bottom, each at the start or the end of the line as the page's language reads (mirrored right to left).
    The marking, title and generation line are the texts of the elements that ``pdf.css`` names with
    ``string-set``, so they are written once, in the template."""
    start, end = ("right", "left") if translation.get_language_bidi() else ("left", "right")
    return mark_safe(  # noqa: S308 - fixed CSS; the translated words are escaped by css_string
        "@page {"
        f" @top-{start} {{ content: string(pdf-marking); }}"
        f" @top-{end} {{ content: string(pdf-title); }}"
        f" @bottom-{start} {{ content: string(pdf-generated); }}"
        f" @bottom-{end} {{ content: {page_x_of_y()}; }}"
        " }"
    )
