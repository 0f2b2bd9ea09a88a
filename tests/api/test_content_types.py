"""One content type per operation: JSON bodies, and multipart only where a file can be uploaded."""

import pytest

from contacts.models import Organization


def test_a_json_body_without_a_field_takes_its_default(as_user, staff):
    response = as_user(staff).post(
        "/api/v1/organizations/", {"name": "Parquet de Rabat", "country": "MA", "kind": "prosecution"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["active"] is True


@pytest.mark.parametrize("content", ["multipart", "form"])
def test_a_form_body_is_refused_where_no_file_is_uploaded(as_user, staff, content):
    client = as_user(staff)
    body = {"name": "Parquet de Rabat", "country": "MA"}
    if content == "multipart":
        response = client.post("/api/v1/organizations/", body, format="multipart")
    else:
        response = client.generic(
            "POST", "/api/v1/organizations/", "name=Parquet+de+Rabat", "application/x-www-form-urlencoded"
        )
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert not Organization.objects.filter(name="Parquet de Rabat").exists()


def test_the_schema_declares_one_content_type_per_body(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    bodies = {
        (method, path): list(operation["requestBody"]["content"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }
    multipart = {key for key, types in bodies.items() if types == ["multipart/form-data"]}
    assert {key for key, types in bodies.items() if types != ["application/json"]} == multipart
    assert multipart == {
        ("post", "/api/v1/documents/"),
        ("put", "/api/v1/documents/{id}/"),
        ("patch", "/api/v1/documents/{id}/"),
        ("post", "/api/v1/follow-ups/{id}/progress/"),
    }
