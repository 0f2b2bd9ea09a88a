"""Downloads of people: one row per person, every download recorded in the export log."""

from collections.abc import Iterable

from core.exports import spreadsheet_response

from .models import ExportLog


def log_export(user, what: str, file_format: str, row_count: int) -> ExportLog:
    """Record a download of personal data in the export log: who, when, what, in which format, how many rows."""
    return ExportLog.objects.create(user=user, what=what[:255], file_format=file_format, row_count=row_count)


def logged_download(user, what: str, header: list[str], rows: Iterable[list], filename: str, file_format: str):
    """A spreadsheet download of personal data, recorded in the export log."""
    rows = list(rows)
    log_export(user, what, file_format, len(rows))
    return spreadsheet_response(header, rows, filename, file_format)


PEOPLE_HEADER = [
    "family name", "given name", "job title", "organisation", "country", "e-mail", "phone", "languages", "roles",
    "last verified",
]  # fmt: skip


def person_row(person) -> list:
    return [
        person.family_name,
        person.given_name,
        person.job_title,
        person.organization or "",
        person.country.code,
        person.email,
        person.phone or "",
        " ".join(language.code for language in person.languages.all()),
        " ".join(role.code for role in person.roles.all()),
        person.last_verified_on or "",
    ]


def export_people(user, people, what: str, filename: str, file_format: str):
    """A logged download of ``people`` (a Person QuerySet), one row each, with what ``person_row`` needs loaded."""
    people = people.select_related("organization").prefetch_related("languages", "roles")
    return logged_download(user, what, PEOPLE_HEADER, map(person_row, people), filename, file_format)
