"""Uploaded files: checked by content, stored under random names, and served only after the rules are checked."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from events.models import Document
from recommendations.models import ProgressUpdate
from recommendations.services import record_progress
from tests.admin_forms import changeform_data, inline_rows
from tests.factories import DocumentFactory, EventFactory, FollowUpFactory
from tests.signin import sign_in_with_second_factor

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def xlsx() -> bytes:
    content = io.BytesIO()
    Workbook().save(content)
    return content.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(tmp_path)
    return tmp_path


def document(visibility: str, content: bytes = PDF, name: str = "Agenda of the symposium.pdf", **event) -> Document:
    return DocumentFactory(
        event=EventFactory(**event), visibility=visibility, url="", file=SimpleUploadedFile(name, content)
    )


def client_for(request, who: str | None) -> Client:
    client = Client()
    if who == "staff":
        sign_in_with_second_factor(client, request.getfixturevalue("staff"))
    elif who:
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize(
    ("visibility", "who", "status"),
    [
        ("public", None, 200),
        ("public", "member_ke", 200),
        ("network", None, 404),
        ("network", "member_ke", 200),
        ("staff", "member_ke", 404),
        ("staff", "staff", 200),
    ],
)
def test_a_document_is_served_to_whoever_may_see_it_at_its_level(request, db, visibility, who, status):
    stored = document(visibility)
    response = client_for(request, who).get(stored.file.url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content if response.streaming else [response.content]) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="Agenda of the symposium.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["Content-Security-Policy"].startswith("sandbox")


def test_a_document_of_a_draft_event_is_hidden_even_when_public(request, db, member_ke):
    stored = document("public", status="draft")
    assert client_for(request, "member_ke").get(stored.file.url).status_code == 404


def test_office_documents_are_attachments(request, db):
    stored = document("public", xlsx(), "Attendance.xlsx")
    response = Client().get(stored.file.url)
    assert response["Content-Disposition"] == 'attachment; filename="Attendance.xlsx"'
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_stored_names_are_random_and_links_never_point_at_media(db):
    stored = document("public")
    name = stored.file.name
    assert name.startswith("documents/") and name.endswith(".pdf")
    assert "Agenda" not in name and len(name) > len("documents/") + 30
    assert stored.file.url == f"/files/{name}"
    assert Client().get(f"/media/{name}").status_code == 404
    assert Client().get("/files/documents/nothing-here.pdf").status_code == 404


@pytest.fixture
def evidence(db, coordinator_eg):
    follow_up = FollowUpFactory(country="EG")
    upload = SimpleUploadedFile("Decree 12.pdf", PDF)
    return record_progress(follow_up, coordinator_eg, "in_progress", "Decree signed.", evidence_file=upload)


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 404), ("member_ke", 404), ("coordinator_ma", 404), ("coordinator_eg", 200), ("staff", 200)],
)
def test_evidence_is_for_the_countrys_coordinators_and_staff(request, evidence, who, status):
    assert client_for(request, who).get(evidence.evidence_file.url).status_code == status


def test_evidence_shared_with_the_network_reaches_every_member(request, db, coordinator_eg):
    follow_up = FollowUpFactory(country="EG")
    upload = SimpleUploadedFile("Decree.pdf", PDF)
    shared = record_progress(
        follow_up, coordinator_eg, "in_progress", "Shared.", evidence_file=upload, shared_with_network=True
    )
    assert client_for(request, "member_ke").get(shared.evidence_file.url).status_code == 200


def test_other_members_see_the_status_history_without_notes_or_files(request, evidence, member_ke):
    api = APIClient()
    api.force_authenticate(member_ke)
    [row] = api.get(f"/api/v1/follow-ups/{evidence.follow_up_id}/progress/").json()["results"]
    assert (row["status_after"], row["note"], row["evidence_file"], row["shared_with_network"]) == (
        "in_progress",
        "",
        None,
        False,
    )
    page = client_for(request, "member_ke").get(reverse("recommendations:follow-up", args=[evidence.follow_up_id]))
    assert "Decree signed." not in page.content.decode()
    assert evidence.evidence_file.url not in page.content.decode()


def test_the_countrys_coordinator_sees_note_and_file_with_its_own_name(request, evidence):
    page = client_for(request, "coordinator_eg").get(reverse("recommendations:follow-up", args=[evidence.follow_up_id]))
    body = page.content.decode()
    assert "Decree signed." in body and evidence.evidence_file.url in body and "Decree 12.pdf" in body


DISGUISED = [
    ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "content is application/x-dosexec"),
    ("page.pdf", b"<html><body><script>alert(1)</script></body></html>", "content is text/html"),
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "content is image/svg"),
    ("noise.pdf", bytes(range(256)) * 8, "named .pdf but its content is"),
    ("page.html", b"<html></html>", "are not accepted"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "are not accepted"),
]


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED)
def test_a_disguised_file_is_refused_in_the_api(db, coordinator_eg, name, content, reason):
    follow_up = FollowUpFactory(country="EG")
    api = APIClient()
    api.force_authenticate(coordinator_eg)
    response = api.post(
        f"/api/v1/follow-ups/{follow_up.pk}/progress/",
        {"status": "in_progress", "evidence_file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert reason in str(response.json()["evidence_file"])
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED[:3])
def test_a_disguised_file_is_refused_on_the_page(client, coordinator_eg, name, content, reason):
    follow_up = FollowUpFactory(country="EG")
    client.force_login(coordinator_eg)
    page = client.post(
        reverse("recommendations:follow-up", args=[follow_up.pk]),
        {"status": "in_progress", "evidence_file": SimpleUploadedFile(name, content)},
    )
    assert reason in page.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED[:3])
def test_a_disguised_document_is_refused_in_the_admin(staff_client, name, content, reason):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(url))
    row = {"kind": "report", "title": "Report", "visibility": "public", "file": SimpleUploadedFile(name, content)}
    data.update(inline_rows("documents", [row]))
    response = staff_client.post(url, data)
    assert response.status_code == 200  # the form again, with the reason
    assert reason in response.content.decode()
    assert not Document.objects.exists()


def test_an_oversize_file_is_refused(db, coordinator_eg, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    follow_up = FollowUpFactory(country="EG")
    api = APIClient()
    api.force_authenticate(coordinator_eg)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    response = api.post(
        f"/api/v1/follow-ups/{follow_up.pk}/progress/",
        {"status": "in_progress", "evidence_file": big},
        format="multipart",
    )
    assert response.status_code == 400
    assert "the limit is 1.0" in str(response.json()["evidence_file"])
