"""The API guide for partners: served to anyone, linked from the schema's description (Swagger UI shows it)."""

from registry.guide import GUIDE


def test_the_guide_is_served_to_anyone_as_a_page(client):
    response = client.get("/api/v1/guide/")
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Tokens", "Pagination", "Filters", "Errors", "Rate limits", "A worked example", "Changelog"):
        assert f">{heading}</h" in page, heading
    assert "<table>" in page and "<pre><code" in page
    assert "Authorization: Token &lt;token&gt;" in page


def test_the_docs_link_the_guide(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "(/api/v1/guide/)" in schema["info"]["description"]


def test_the_guide_names_only_example_hosts():
    import re

    hosts = set(re.findall(r"https?://([a-z0-9.-]+)", GUIDE.read_text()))
    assert hosts == {"registry.example.org", "pypi.org", "www.npmjs.com"}
