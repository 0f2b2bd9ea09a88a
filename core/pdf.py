"""PDF documents from templates, rendered by WeasyPrint on the server, offline.

A template extends ``core/pdf_base.html`` (the page's language and direction, ``static/css/pdf.css``, the marking,
the date and "page X of Y" on every sheet) and ``render_pdf`` turns it into bytes. WeasyPrint fetches what the
page links to through ``StaticFilesFetcher``, which serves the project's static files and refuses every other URL:
the registry runs on closed networks, and a PDF must never make the server call out, nor read a file of the server
that is not a static file, whatever a name or a note in the data says.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """WeasyPrint asked for something that is not one of the project's static files."""


class StaticFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, restricted to the static files under ``base_url``'s ``STATIC_URL``: found by the
    staticfiles finders (the source tree), else in the collected files (``STATIC_ROOT``, hashed names included).
    Every other URL (another host, ``file:``, ``data:``, a path outside the static files) raises ``FetchRefused``,
    which WeasyPrint reports as a warning and renders without; the URLs refused are kept in ``refused``."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols=())  # the parent's opener, were it ever reached, allows no scheme
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.static_file(url)
        if path is None:
            self.refused.append(url)
            raise FetchRefused(f"Only the registry's static files are served to PDFs, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    def static_file(self, url: str) -> Path | None:
        """The file of a static URL, or None when the URL is anything else."""
        parts = urlsplit(url)
        address = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if not address.startswith(self.static_prefix) or parts.scheme not in ("http", "https"):
            return None
        name = unquote(address.removeprefix(self.static_prefix))
        if not name or posixpath.normpath(name) != name or name.startswith(("/", "..")):
            return None  # "a/../b", "/etc/passwd", "../settings.py": never a static file's own name
        return static_file_path(name)


def static_file_path(name: str) -> Path | None:
    try:
        found = finders.find(name) or collected_file(name)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found and Path(found).is_file() else None


def collected_file(name: str) -> str | None:
    """The file ``collectstatic`` wrote (production serves hashed names such as ``css/pdf.3f2a1c.css``)."""
    try:
        path = staticfiles_storage.path(name)
    except NotImplementedError:  # a storage without local files
        return None
    return path if Path(path).is_file() else None


def render_pdf(template_name: str, context: dict, request) -> bytes:
    """The template rendered for ``request`` (its user, its language) as the bytes of a PDF, tagged (headings,
    paragraphs, lists in reading order) so that a screen reader can read it."""
    html = render_to_string(template_name, context, request)
    base_url = request.build_absolute_uri("/")
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url))
    return document.write_pdf(pdf_tags=True)
