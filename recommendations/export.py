"""Follow-ups with their latest progress as CSV, safe to open in a spreadsheet."""

from django.db.models import Prefetch
from django.http import HttpResponse

from contacts.exports import logged_download

from .models import ProgressUpdate

HEADER = [
    "event", "recommendation", "text", "country", "coordinator", "status", "due date", "overdue",
    "last progress on", "latest note", "latest evidence",
]  # fmt: skip


def rows(follow_ups):
    latest = ProgressUpdate.objects.order_by("-created_at")
    for follow_up in follow_ups.select_related("recommendation__event", "coordinator").prefetch_related(
        Prefetch("progress_updates", latest, to_attr="updates_newest_first")
    ):
        update = follow_up.updates_newest_first[0] if follow_up.updates_newest_first else None
        yield [
            follow_up.recommendation.event.title,
            follow_up.recommendation.code,
            follow_up.recommendation.text,
            follow_up.country.code,
            follow_up.coordinator or "",
            follow_up.get_status_display(),
            follow_up.due_date or "",
            "yes" if follow_up.is_overdue() else "no",
            follow_up.last_progress_on or "",
            update.note if update else "",
            (update.evidence_url or (update.evidence_download_name if update.evidence_file else "")) if update else "",
        ]


def csv_response(user, follow_ups, what: str) -> HttpResponse:
    """A logged download, as every export of the registry (``contacts.ExportLog``)."""
    ordered = follow_ups.order_by("country", "due_date", "pk")
    return logged_download(user, f"follow-ups ({what})", HEADER, rows(ordered), "follow-ups", "csv")
