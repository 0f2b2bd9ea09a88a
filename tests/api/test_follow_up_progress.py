"""Posting progress is the only way a follow-up's status moves, and only the country's coordinator and staff may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recommendations.models import ProgressUpdate


def progress_url(follow_up) -> str:
    return f"/api/v1/follow-ups/{follow_up.pk}/progress/"


def test_coordinator_reports_progress_on_their_country(as_user, world, coordinator_eg):
    follow_up = world["follow_up"]
    response = as_user(coordinator_eg).post(
        progress_url(follow_up), {"status": "in_progress", "note": "Bill drafted"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status_before"] == "not_started"
    assert response.json()["status_after"] == "in_progress"
    follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
    assert follow_up.last_progress_on is not None


def test_coordinator_cannot_update_other_country_follow_up(as_user, world, coordinator_ma):
    response = as_user(coordinator_ma).post(
        progress_url(world["follow_up"]), {"status": "implemented"}, format="multipart"
    )
    assert response.status_code == 403
    assert "national coordinator" in response.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_network_member_cannot_report_progress(as_user, world, member_ke):
    response = as_user(member_ke).post(progress_url(world["follow_up"]), {"status": "implemented"}, format="multipart")
    assert response.status_code == 403


def test_staff_report_progress_anywhere(as_user, world, staff):
    response = as_user(staff).post(progress_url(world["follow_up_ma"]), {"status": "blocked"}, format="multipart")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "done"}, "status"),
        ({}, "status"),
        ({"status": "in_progress", "evidence_url": "nope"}, "evidence_url"),
    ],
)
def test_bad_progress_is_a_400_and_changes_nothing(as_user, world, coordinator_eg, payload, field):
    response = as_user(coordinator_eg).post(progress_url(world["follow_up"]), payload, format="multipart")
    assert response.status_code == 400
    assert field in response.json()
    assert not ProgressUpdate.objects.exists()
    world["follow_up"].refresh_from_db()
    assert world["follow_up"].status == "not_started"


def test_status_cannot_be_set_by_a_write_to_the_follow_up(as_user, world, staff):
    response = as_user(staff).patch(f"/api/v1/follow-ups/{world['follow_up'].pk}/", {"status": "implemented"})
    assert response.status_code == 405
    world["follow_up"].refresh_from_db()
    assert world["follow_up"].status == "not_started"


def test_progress_history_lists_updates_in_order(as_user, world, coordinator_eg):
    client = as_user(coordinator_eg)
    client.post(progress_url(world["follow_up"]), {"status": "in_progress"}, format="multipart")
    client.post(progress_url(world["follow_up"]), {"status": "implemented"}, format="multipart")
    history = client.get(progress_url(world["follow_up"])).json()["results"]
    assert [(u["status_before"], u["status_after"]) for u in history] == [
        ("not_started", "in_progress"),
        ("in_progress", "implemented"),
    ]


def test_invisible_follow_up_answers_404(as_user, world, member_ke):
    world["event"].status = "draft"
    world["event"].save()
    assert as_user(member_ke).get(progress_url(world["follow_up"])).status_code == 404


def test_staff_only_coordinator_is_not_named_to_members(as_user, world, member_ke, staff):
    url = f"/api/v1/follow-ups/{world['follow_up'].pk}/"
    assert as_user(member_ke).get(url).json()["coordinator"] is None
    assert "Staffonly" in as_user(staff).get(url).json()["coordinator"]["name"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 1024
    return tmp_path


def test_evidence_file_links_are_absolute_after_posting_and_in_the_history(as_user, world, coordinator_eg, media_root):
    client = as_user(coordinator_eg)
    evidence = SimpleUploadedFile("decree.pdf", b"%PDF-1.4 decree", content_type="application/pdf")
    posted = client.post(
        progress_url(world["follow_up"]), {"status": "in_progress", "evidence_file": evidence}, format="multipart"
    )
    assert posted.status_code == 201, posted.content
    assert posted.json()["evidence_file"].startswith("http://testserver/files/evidence/")
    history = client.get(progress_url(world["follow_up"])).json()["results"]
    assert history[0]["evidence_file"] == posted.json()["evidence_file"]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("tool.exe", 10, "are not accepted"),
        ("evidence_file", 10, "are not accepted"),
        ("big.pdf", 2048, "the limit is"),
    ],
)
def test_the_api_checks_evidence_files_as_the_page_does(
    as_user, world, coordinator_eg, media_root, name, size, message
):
    evidence = SimpleUploadedFile(name, b"x" * size)
    response = as_user(coordinator_eg).post(
        progress_url(world["follow_up"]), {"status": "in_progress", "evidence_file": evidence}, format="multipart"
    )
    assert response.status_code == 400
    assert message in response.json()["evidence_file"][0]
    assert not ProgressUpdate.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_progress_is_posted_as_multipart_only(as_user, world, coordinator_eg):
    response = as_user(coordinator_eg).post(progress_url(world["follow_up"]), {"status": "blocked"}, format="json")
    assert response.status_code == 415
    assert not ProgressUpdate.objects.exists()
