"""Follow-ups with their latest progress as CSV, safe to open in a spreadsheet."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse

from .models import ProgressUpdate

HEADER = [
    "event", "recommendation", "text", "country", "coordinator", "status", "due date", "overdue",
    "last progress on", "latest note", "latest evidence",
]  # fmt: skip
# A cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


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
            (update.evidence_url or (update.evidence_file.name if update.evidence_file else "")) if update else "",
        ]


def csv_response(follow_ups) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="follow-ups.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8 (Arabic names)
    writer = csv.writer(response)
    writer.writerow(HEADER)
    for row in rows(follow_ups.order_by("country", "due_date", "pk")):
        writer.writerow([safe(value) for value in row])
    return response
