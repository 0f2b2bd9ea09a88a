"""The API guide for partners (``/api/v1/guide/``): ``templates/registry/api_guide.md``, rendered once per process."""

import functools

from django.conf import settings
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt

GUIDE = settings.BASE_DIR / "templates" / "registry" / "api_guide.md"


@require_GET
def api_guide(request):
    """Open to anyone, like the schema it explains."""
    return render(request, "registry/api_guide.html", {"guide": rendered_guide()})


@functools.cache
def rendered_guide() -> SafeString:
    # Our own text; raw HTML in it stays text ("html": False), tables are GitHub's.
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    return mark_safe(markdown.render(GUIDE.read_text(encoding="utf-8")))  # noqa: S308
