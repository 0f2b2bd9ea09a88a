"""What every spreadsheet import shares: reading a CSV or XLSX file, one result per row, all-or-nothing, and keeping
the uploaded file between the preview and the confirmation.

An importer (``events.imports``, ``recommendations.imports``) is a module with ``COLUMNS``, ``REQUIRED``,
``EXAMPLE_ROW``, ``PERMISSIONS``, ``preview(event, rows)`` and ``apply(event, results, skipped)``; the event admin
drives both through the same upload, preview and confirm pages.
"""

import csv
import datetime
import io
import secrets
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook

from core.text import normalise

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
UPLOAD_FOLDER = "imports"
UPLOAD_LIFETIME_SECONDS = 24 * 3600


class ImportRefused(ValueError):
    """The file cannot be read at all, or the import was asked for with rows still in error."""


@dataclass
class RowResult:
    number: int  # as in the spreadsheet: the header is row 1
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message); column "" for the whole row
    summary: str = ""  # what the row is, in a few words, for the preview
    cleaned: dict[str, object] = field(default_factory=dict)  # the values as the checks read them, for the import
    existing: object | None = None  # the existing record the row matches, if any
    matched_by: str = ""

    @property
    def status(self) -> str:
        return "error" if self.errors else "match" if self.existing else "new"


def read_rows(name: str, content: bytes, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The non-empty rows of a CSV or XLSX file as dicts keyed by the lower-cased column names of its header."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 1024 // 1024})
    table = read_table(name, content)
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [column.strip().lower() for column in table[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = [
        {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header) if column}
        for cells in table[1:]
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise ImportRefused(_("The file has no rows below its header."))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(rows)s rows; split it.") % {"rows": MAX_ROWS})
    return rows


def read_table(name: str, content: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise ImportRefused(_("This is not a readable XLSX file.")) from error
        return [[cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if name.lower().endswith(".csv"):
        try:
            return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        except UnicodeDecodeError as error:
            raise ImportRefused(_("Save the CSV file as UTF-8.")) from error
        except csv.Error as error:
            raise ImportRefused(_("This is not a readable CSV file: %(error)s") % {"error": error}) from error
    raise ImportRefused(_("Upload a .csv or .xlsx file."))


def cell_text(value: object) -> str:
    """Spreadsheet cells as the text a person typed: dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def refuse_rows_in_error(results: list[RowResult], skipped: set[int]) -> list[RowResult]:
    """The rows to import; refuses, changing nothing, while any row not skipped is in error."""
    in_error = [result.number for result in results if result.errors and result.number not in skipped]
    if in_error:
        rows = ", ".join(map(str, in_error))
        raise ImportRefused(_("Rows %(rows)s have errors: fix them or skip them.") % {"rows": rows})
    return [result for result in results if result.number not in skipped]


def totals(results: list[RowResult]) -> dict[str, int]:
    """How many rows are new, matches and errors, for the preview."""
    counts = {"new": 0, "match": 0, "error": 0}
    for result in results:
        counts[result.status] += 1
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    """``{"new people": 3, "matched": 2}`` as "new people: 3, matched: 2" (importers give translated labels)."""
    return ", ".join(f"{label}: {count}" for label, count in counts.items())


def country_codes() -> dict[str, str]:
    """Every way a country may be written in a file: its code, or its name in English, French or Arabic."""
    lookup = {code.lower(): code for code, _name in countries}
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            lookup.update({normalise(str(name)) or str(name): code for code, name in countries})
    return lookup


def country_code(value: str, codes: dict[str, str]) -> str | None:
    return codes.get(value.strip().lower()) or codes.get(normalise(value))


def choice_codes(choices: type[models.TextChoices]) -> dict[str, str]:
    """Every way a value of a fixed list may be written in a file: its code, or its label in English, French or
    Arabic. Look values up with ``choice_codes(...).get(normalise(value))``."""
    lookup = {}
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            lookup.update({normalise(str(label)) or str(label): value for value, label in choices.choices})
    lookup.update({normalise(value): value for value in choices.values})
    return lookup


def lookup_code(value: str, lookup: dict[str, str]) -> str | None:
    return lookup.get(normalise(value)) or lookup.get(value.strip())


def template_csv(columns: list[str], example: list[str]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerow(example)
    return text.getvalue()


# The uploaded file waits under MEDIA_ROOT/imports, under a random name, until it is imported or abandoned (a Celery
# beat task removes it after a day). The token the page carries is that name signed for one owner (the user, the
# target record and the kind of import), so it confirms nothing for another user or into another record.


def upload_folder() -> Path:
    path = Path(settings.MEDIA_ROOT) / UPLOAD_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep_upload(name: str, content: bytes, required: tuple[str, ...], owner: str) -> tuple[str, list[dict[str, str]]]:
    """Store an upload that can be read (an unreadable one is refused now, not at the confirmation); return its
    token, valid for ``owner`` only, and its rows."""
    rows = read_rows(name, content, required)
    file_name = secrets.token_hex(16) + Path(name.lower()).suffix
    (upload_folder() / file_name).write_bytes(content)
    return signer(owner).sign(file_name), rows


def signer(owner: str) -> signing.Signer:
    return signing.Signer(salt=f"core.imports:{owner}")


def kept_file_name(token: str, owner: str) -> str:
    try:
        return signer(owner).unsign(token)
    except signing.BadSignature as error:
        raise ImportRefused(
            _("This upload has expired, or was made by another user or for another record; upload the file again here.")
        ) from error


def kept_rows(token: str, required: tuple[str, ...], owner: str) -> list[dict[str, str]]:
    file_name = kept_file_name(token, owner)
    return read_rows(file_name, kept_path(file_name).read_bytes(), required)


def is_kept(token: str, owner: str) -> bool:
    try:
        kept_path(kept_file_name(token, owner))
    except ImportRefused:
        return False
    return True


@contextmanager
def claimed_upload(token: str, required: tuple[str, ...], owner: str) -> Iterator[list[dict[str, str]]]:
    """The rows of a kept upload, held by this request alone, so that a second confirmation (a double click) finds
    nothing to import. The upload is deleted when the block succeeds and given back when it fails."""
    token = kept_file_name(token, owner)
    path = kept_path(token)
    claimed = path.with_name(path.name + ".claimed")
    try:
        path.rename(claimed)  # atomic: of two requests, one wins
    except FileNotFoundError as error:
        raise ImportRefused(_("This upload has expired; upload the file again.")) from error
    try:
        yield read_rows(token, claimed.read_bytes(), required)
    except BaseException:
        claimed.rename(path)
        raise
    claimed.unlink()


def kept_path(token: str) -> Path:
    stem, _dot, suffix = token.partition(".")
    if len(stem) != 32 or not all(ch in "0123456789abcdef" for ch in stem) or suffix not in ("csv", "xlsx"):
        raise ImportRefused(_("This upload has expired; upload the file again."))
    path = upload_folder() / token
    if not path.is_file():
        raise ImportRefused(_("This upload has expired; upload the file again."))
    return path


def forget_old_uploads() -> int:
    """Remove the uploads older than a day (beat runs this every hour); return how many."""
    oldest = time.time() - UPLOAD_LIFETIME_SECONDS
    removed = 0
    for path in upload_folder().iterdir():
        if path.stat().st_mtime < oldest:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
