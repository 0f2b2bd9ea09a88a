"""The follow-up pages: who sees which follow-ups, who may record progress, and the CSV export."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import ExportLog
from recommendations.models import ProgressUpdate
from tests.factories import FollowUpFactory, RecommendationFactory
from tests.services import needs_postgres
from tests.signin import sign_in_with_second_factor

DASHBOARD = reverse("recommendations:dashboard")


def page_url(follow_up) -> str:
    return reverse("recommendations:follow-up", args=[follow_up.pk])


@pytest.fixture
def follow_ups(db):
    return {
        "eg_later": FollowUpFactory(country="EG", due_date=date.today() + timedelta(days=40)),
        "eg_overdue": FollowUpFactory(country="EG", due_date=date.today() - timedelta(days=5)),
        "eg_soon": FollowUpFactory(country="EG", due_date=date.today() + timedelta(days=3)),
        "ma": FollowUpFactory(country="MA", due_date=date.today() - timedelta(days=1)),
    }


def listed(response) -> list:
    return list(response.context["page"].object_list)


def test_coordinator_sees_their_country_overdue_first_then_by_due_date(client, coordinator_eg, follow_ups):
    client.force_login(coordinator_eg)
    assert listed(client.get(DASHBOARD)) == [follow_ups["eg_overdue"], follow_ups["eg_soon"], follow_ups["eg_later"]]


def test_dashboard_filters_by_status_and_due_window(client, coordinator_eg, follow_ups):
    client.force_login(coordinator_eg)
    soon = (date.today() + timedelta(days=10)).isoformat()
    assert listed(client.get(f"{DASHBOARD}?due_after={date.today()}&due_before={soon}")) == [follow_ups["eg_soon"]]
    assert listed(client.get(f"{DASHBOARD}?status=implemented")) == []
    event = follow_ups["eg_later"].recommendation.event_id
    assert listed(client.get(f"{DASHBOARD}?event={event}")) == [follow_ups["eg_later"]]


def test_staff_see_every_country_with_a_summary_chart(client, staff, follow_ups):
    sign_in_with_second_factor(client, staff)
    response = client.get(f"{DASHBOARD}?country=MA")
    assert listed(response) == [follow_ups["ma"]]
    summary = {row["country"]: row for row in response.context["summary"]}
    assert (summary["EG"]["overdue"], summary["MA"]["overdue"]) == (1, 1)
    assert "<svg" in response.content.decode()


def test_dashboard_needs_a_login(client, db):
    assert client.get(DASHBOARD).status_code == 302


def test_coordinator_records_progress_on_their_country(client, coordinator_eg, follow_ups):
    client.force_login(coordinator_eg)
    target = follow_ups["eg_soon"]
    evidence = SimpleUploadedFile("decree.pdf", b"%PDF-1.4 decree", content_type="application/pdf")
    response = client.post(
        page_url(target), {"status": "in_progress", "note": "Decree drafted", "evidence_file": evidence}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == "in_progress"
    update = ProgressUpdate.objects.get()
    assert (update.author, update.note, update.status_before) == (coordinator_eg, "Decree drafted", "not_started")
    assert "Decree drafted" in client.get(page_url(target)).content.decode()


def test_coordinator_of_morocco_recording_progress_on_egypt_gets_404(client, coordinator_ma, follow_ups):
    client.force_login(coordinator_ma)
    response = client.post(page_url(follow_ups["eg_soon"]), {"status": "implemented"})
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_network_member_cannot_record_progress_at_all(client, member_ke, follow_ups):
    client.force_login(member_ke)
    page = client.get(page_url(follow_ups["eg_soon"]))
    assert page.status_code == 200 and "Record progress" not in page.content.decode()
    assert client.post(page_url(follow_ups["eg_soon"]), {"status": "implemented"}).status_code == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("payload.exe", b"MZ", content_type="application/octet-stream"), "are not accepted"),
        (SimpleUploadedFile("huge.pdf", b"x" * 2048, content_type="application/pdf"), "the limit is"),
    ],
)
def test_evidence_files_are_limited_in_type_and_size(client, coordinator_eg, follow_ups, settings, upload, message):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(coordinator_eg)
    response = client.post(page_url(follow_ups["eg_soon"]), {"status": "in_progress", "evidence_file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_recommendation_page_shows_follow_ups_per_country(client, member_ke, follow_ups):
    recommendation = RecommendationFactory()
    FollowUpFactory(recommendation=recommendation, country="TN")
    FollowUpFactory(recommendation=recommendation, country="DZ")
    client.force_login(member_ke)
    page = client.get(reverse("recommendations:recommendation", args=[recommendation.pk])).content.decode()
    assert "Tunisia" in page and "Algeria" in page


def test_export_is_for_staff_and_defuses_formulas(client, staff, member_ke, follow_ups):
    follow_ups["ma"].notes = "x"
    follow_ups["ma"].recommendation.text = '=HYPERLINK("http://evil.example","click")'
    follow_ups["ma"].recommendation.save()
    client.force_login(member_ke)
    assert client.get(reverse("recommendations:export")).status_code == 403
    sign_in_with_second_factor(client, staff)
    response = client.get(reverse("recommendations:export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["event", "recommendation", "text"]
    assert len(rows) == 5
    texts = [row[2] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","click")' in texts


def test_the_follow_up_export_is_in_the_export_log(client, staff, follow_ups):
    sign_in_with_second_factor(client, staff)
    client.get(reverse("recommendations:export"), {"country": "MA"})
    log = ExportLog.objects.get()
    assert (log.user, log.file_format, log.row_count) == (staff, "csv", 1)
    assert log.what == "follow-ups (country=MA)"


def test_closed_follow_ups_come_after_the_open_ones(client, coordinator_eg, follow_ups):
    from recommendations.models import FollowUp

    done = FollowUpFactory(country="EG", due_date=date.today() - timedelta(days=30))
    FollowUp.objects.filter(pk=done.pk).update(status="implemented")
    client.force_login(coordinator_eg)
    assert listed(client.get(DASHBOARD))[-1] == done


@needs_postgres
def test_the_dashboard_is_read_in_the_order_of_its_index(staff, follow_ups):
    from django.db import connection

    from recommendations.views import dashboard_follow_ups

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a tiny table would rightly be scanned and sorted
        plan = dashboard_follow_ups(staff)[:25].explain()
        cursor.execute("SET enable_seqscan = on")
    assert "follow_up_dashboard_order" in plan
    assert "Sort" not in plan.split("\n")[0]


def test_the_dashboard_shows_the_filters_chosen_as_chosen(staff_client):
    import re

    page = staff_client.get("/follow-ups/?country=EG&status=blocked").content.decode()
    filters = page[page.index('class="filters"') : page.index("</form>", page.index('class="filters"'))]
    assert re.findall(r"<option [^>]*selected[^>]*>([^<]+)</option>", filters) == ["Egypt", "Blocked"]
