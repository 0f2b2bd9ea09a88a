"""``core.pdf``: templates rendered to PDF in the page's language and direction, A4 with the marking and "page X of Y"
on every sheet, and nothing fetched but the project's static files. The text is read back with pypdf."""

import io
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import translation
from pypdf import PdfReader

from core.pdf import FetchRefused, StaticFilesFetcher, render_pdf
from core.templatetags.pdf import css_string, page_x_of_y, pdf_margin_boxes

TEMPLATES = Path(__file__).parent / "pdf_templates"
A4_POINTS = (595, 842)  # 210 x 297 mm, rounded


@pytest.fixture
def sample_template(settings):
    """``sample.html``: a heading, paragraphs and images, on ``core/pdf_base.html``."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
    return "sample.html"


def pdf_text(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def render(template: str, language: str = "en", **context) -> bytes:
    context = {"heading": "Sample heading", "line": "a line", "paragraphs": [], "images": [], **context}
    with translation.override(language):
        return render_pdf(template, context, RequestFactory().get("/"))


def test_a_template_becomes_an_a4_pdf_with_its_text(sample_template):
    pdf = render(sample_template, paragraphs=["Mohamed Abdel Fattah", "mohamed.abdelfattah@example.org"])
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert tuple(round(float(side)) for side in reader.pages[0].mediabox[2:]) == A4_POINTS
    text = pdf_text(pdf)[0]
    assert "Sample heading" in text
    assert "mohamed.abdelfattah@example.org" in text


def test_the_pdf_is_tagged_for_screen_readers(sample_template):
    catalog = PdfReader(io.BytesIO(render(sample_template, paragraphs=["A paragraph"]))).trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"


def test_every_sheet_carries_the_marking_the_title_and_page_x_of_y(sample_template):
    pdf = render(sample_template, paragraphs=[f"Paragraph {n}" for n in range(150)])
    pages = pdf_text(pdf)
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert "Restricted" in text
        assert "Sample heading" in text
        assert f"Page {number} of {len(pages)}" in text


def test_page_x_of_y_is_the_translation_with_the_page_counters():
    assert page_x_of_y() == '"Page " counter(page) " of " counter(pages)'


def test_a_translation_cannot_end_the_css_string_or_the_style_element():
    written = css_string('l\'annexe "x" \\ </style><script>')
    assert written.count('"') == 2  # the two delimiters
    assert "<" not in written
    assert "\\" not in written.replace("\\0000", "")  # each backslash starts an escape (\\00005c for itself)


@pytest.mark.parametrize(("language", "start"), [("en", "left"), ("fr", "left"), ("ar", "right")])
def test_the_marking_sits_at_the_start_of_the_line_as_the_language_reads(language, start):
    with translation.override(language):
        assert f"@top-{start} {{ content: string(pdf-marking); }}" in pdf_margin_boxes()


def test_arabic_text_is_written_with_arabic_letters(sample_template):
    pdf = render(sample_template, "ar", heading="دليل جهات الاتصال", paragraphs=["محمد عبد الفتاح"])
    text = pdf_text(pdf)[0]
    assert "محمد" in text
    assert "دليل" in text


def test_the_html_of_an_arabic_pdf_runs_right_to_left(sample_template, rf):
    from django.template.loader import render_to_string

    with translation.override("ar"):
        html = render_to_string(sample_template, {"heading": "x"}, rf.get("/"))
    assert '<html lang="ar" dir="rtl">' in html


class CountingHandler(BaseHTTPRequestHandler):
    """A real HTTP server on the loopback: it counts what reaches it."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    CountingHandler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_image_on_another_host_is_never_fetched(sample_template, local_server):
    pdf = render(sample_template, images=[f"{local_server}/x.png", "http://example.org/x.png"], paragraphs=["kept"])
    assert "kept" in pdf_text(pdf)[0]  # rendered without the image
    assert CountingHandler.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "http://example.org/x.png",
        "https://example.org/static/css/pdf.css",  # another host's static path
        "file:///etc/passwd",
        "http://testserver/static/../registry/settings.py",
        "http://testserver/static/css/../../registry/settings.py",
        "http://testserver/static/%2e%2e/registry/settings.py",
        "http://testserver/static/css/missing.css",
        "http://testserver/media/evidence.pdf",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://testserver/static/css/pdf.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(address):
    fetcher = StaticFilesFetcher("http://testserver/")
    with pytest.raises(FetchRefused):
        fetcher.fetch(address)
    assert fetcher.refused == [address]


def test_the_fetcher_serves_a_static_file_with_its_type():
    response = StaticFilesFetcher("http://testserver/").fetch("http://testserver/static/css/pdf.css?v=1")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_the_fetcher_serves_a_collected_file_by_its_hashed_name(settings, tmp_path):
    """Production serves ``collectstatic``'s hashed names (``{% static %}`` writes them): found in STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "pdf.0123abcd.css").write_text("@page { size: A4 }")
    response = StaticFilesFetcher("http://testserver/").fetch("http://testserver/static/css/pdf.0123abcd.css")
    assert response.read() == b"@page { size: A4 }"
