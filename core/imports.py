"""What every spreadsheet import shares: reading a CSV or XLSX file by its headers, one result per row,
all-or-nothing, and keeping the uploaded file between the preview and the confirmation.

An importer (``events.imports``, ``recommendations.imports``) is a module with ``TITLE``, ``FORMAT`` (its columns:
the header of each in the template, the other headers read as it, what it accepts), ``COLUMNS``, ``REQUIRED`` and
``EXAMPLE_ROW`` (taken from ``FORMAT``), ``PERMISSIONS``, ``preview(target, rows)`` and
``apply(target, results, skipped, user=None, accepted=frozenset())``; the event admin drives both through the same
upload, preview and confirm pages.

A header is read as a column whatever its case, accents, spaces, hyphens and underscores ("E_mail" is "e-mail").
Columns an importer does not read are listed in the preview with the known column they resemble, and the import
waits until the user ticks that they are to be ignored; a required column missing refuses the file.

Each row's ``RowResult`` holds its errors (which block the import until the row is skipped), its warnings (which do
not: the row imports unless skipped), how each value was read, what it changes on an existing record, and what more
the import may do if the user ticks it (``Offer``: add a participating country, ...).
"""

import csv
import datetime
import difflib
import functools
import gettext
import io
import re
import secrets
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from core import languages
from core.text import normalise

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
UPLOAD_FOLDER = "imports"
UPLOAD_LIFETIME_SECONDS = 24 * 3600


class ImportRefused(ValueError):
    """The file cannot be read at all, or the import was asked for with rows still in error."""


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its header in the template, the other headers read as it (English and French),
    and what it accepts, for the help on the import page."""

    name: str  # the key of the column in the rows, and its header in the template
    accepts: str  # translatable
    aliases: tuple[str, ...] = ()
    example: str = ""
    required: bool = False
    choices: type[models.TextChoices] | None = None  # a fixed list, whose codes and labels the page lists

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class FileFormat:
    """The columns of an importer, and which of them a header of a file names."""

    def __init__(self, *columns: Column) -> None:
        self.columns = columns
        self.by_header = {header_key(header): column.name for column in columns for header in column.headers}
        self.aliases = {column.name: column.aliases for column in columns}

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    @property
    def example_row(self) -> list[str]:
        return [column.example for column in self.columns]

    def column_of(self, header: str) -> str | None:
        return self.by_header.get(header_key(header))

    def closest(self, header: str) -> str:
        """The column a header that is not read most resembles: a known header spelt nearly so ("Emial" ->
        "e-mail"), or failing that the longest known header within it ("Country of residence" -> "country");
        "" when none is close."""
        key = header_key(header)
        close = difflib.get_close_matches(key, self.by_header, n=1, cutoff=0.7)
        within = sorted((known for known in self.by_header if len(known) >= 4 and known in key), key=len)
        found = close[0] if close else within[-1] if within else ""
        return self.by_header.get(found, "")


def header_key(header: str) -> str:
    """A header as the imports compare them: "Prénom", "PRENOM" and "pré_nom" are all "prenom"."""
    return normalise(header).replace(" ", "")


@dataclass(frozen=True)
class UnknownColumn:
    header: str  # as the file writes it
    closest: str = ""  # the known column it resembles, if any


@dataclass
class Sheet:
    """An upload as read: its rows, keyed by the importer's column names, and the columns it has that are not read."""

    rows: list[dict[str, str]]
    unknown_columns: list[UnknownColumn] = field(default_factory=list)


@dataclass(frozen=True)
class Offer:
    """Something more the import does if the user ticks it at the confirmation (add Kenya to the participating
    countries, ...). The page sends back ``key``."""

    name: str
    value: str
    label: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return f"{self.name}:{self.value}"


@dataclass
class RowResult:
    number: int  # as in the spreadsheet: the header is row 1
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message); column "" for the whole row
    warnings: list[tuple[str, str]] = field(default_factory=list)  # as errors, but the row imports unless skipped
    readings: list[tuple[str, str, str]] = field(default_factory=list)  # (column, as written, as read)
    changes: list[str] = field(default_factory=list)  # what the import changes on the existing record
    offers: list[Offer] = field(default_factory=list)
    summary: str = ""  # what the row is, in a few words, for the preview
    cleaned: dict[str, object] = field(default_factory=dict)  # the values as the checks read them, for the import
    existing: object | None = None  # the existing record the row matches, if any
    matched_by: str = ""

    @property
    def status(self) -> str:
        return "error" if self.errors else "match" if self.existing else "new"

    def read_as(self, column: str, written: str, read: str) -> None:
        """Note how a value was read, when that is not simply what the file says ("Maroc" -> Morocco)."""
        if written and normalise(written) != normalise(read):
            self.readings.append((column, written, read))


@dataclass
class Confirmation:
    """What the user ticked on the preview page."""

    skipped: set[int] = field(default_factory=set)
    skip_rows_in_error: bool = False
    ignore_unknown_columns: bool = False
    offers: set[str] = field(default_factory=set)  # the keys of the offers ticked

    def rows_skipped(self, results: list[RowResult]) -> set[int]:
        in_error = {result.number for result in results if result.errors} if self.skip_rows_in_error else set()
        return self.skipped | in_error

    def offers_accepted(self, results: list[RowResult]) -> set[Offer]:
        """The offers ticked among those the rows make (anything else sent is ignored)."""
        return {offer for offer in offers_of(results) if offer.key in self.offers}


def offers_of(results: list[RowResult]) -> list[Offer]:
    """Every offer the rows make, once each, in the order of the rows."""
    return list(dict.fromkeys(offer for result in results for offer in result.offers))


def read_rows(name: str, content: bytes, file_format: FileFormat) -> list[dict[str, str]]:
    return read_sheet(name, content, file_format).rows


def read_sheet(name: str, content: bytes, file_format: FileFormat) -> Sheet:
    """The non-empty rows of a CSV or XLSX file, keyed by the column each header of its first row names, and the
    columns not read; refuses a file that cannot be read, or that lacks a required column."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 1024 // 1024})
    table = read_table(name, content)
    if not table:
        raise ImportRefused(_("The file is empty."))
    columns = read_header(table[0], file_format)
    rows = [
        {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(columns) if column}
        for cells in table[1:]
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise ImportRefused(_("The file has no rows below its header."))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(rows)s rows; split it.") % {"rows": MAX_ROWS})
    return Sheet(rows, unknown_columns(table, file_format))


def read_header(header: list[str], file_format: FileFormat) -> list[str | None]:
    """The column each cell of the header names (None for those not read); refuses a file that lacks a required
    column, naming the headers accepted for it, or that names a column twice."""
    columns = [file_format.column_of(cell) if cell.strip() else None for cell in header]
    missing = [column for column in file_format.required if column not in columns]
    if missing:
        described = "; ".join(describe_column(column, file_format) for column in missing)
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": described})
    for column in dict.fromkeys(filter(None, columns)):
        if columns.count(column) > 1:
            headers = ", ".join(f"“{header[i].strip()}”" for i, read in enumerate(columns) if read == column)
            message = _("The columns %(headers)s are all read as “%(column)s”: keep one.")
            raise ImportRefused(message % {"headers": headers, "column": column})
    return columns


def describe_column(column: str, file_format: FileFormat) -> str:
    aliases = file_format.aliases[column]
    if not aliases:
        return column
    return _("%(column)s (or: %(aliases)s)") % {"column": column, "aliases": ", ".join(aliases)}


def unknown_columns(table: list[list[str]], file_format: FileFormat) -> list[UnknownColumn]:
    """The columns of the file not read: those whose header names no column, and those with no header but values."""
    unknown = []
    for i, cell in enumerate(table[0]):
        if cell.strip() and file_format.column_of(cell) is None:
            unknown.append(UnknownColumn(cell.strip(), file_format.closest(cell)))
        elif not cell.strip() and any(i < len(cells) and cells[i].strip() for cells in table[1:]):
            letter = get_column_letter(i + 1)
            unknown.append(UnknownColumn(_("column %(letter)s, without a header") % {"letter": letter}))
    return unknown


def refuse_unknown_columns(sheet: Sheet, confirmation: Confirmation) -> None:
    """Refuses, changing nothing, to import a file with columns not read unless the user agreed to ignore them."""
    if sheet.unknown_columns and not confirmation.ignore_unknown_columns:
        headers = ", ".join(f"“{column.header}”" for column in sheet.unknown_columns)
        message = ngettext(
            "The column %(headers)s is not read: tick “Ignore the columns not read” to import without it, or "
            "rename it and upload the file again.",
            "The columns %(headers)s are not read: tick “Ignore the columns not read” to import without them, or "
            "rename them and upload the file again.",
            len(sheet.unknown_columns),
        )
        raise ImportRefused(message % {"headers": headers})


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
    """How many rows are new, matches and errors, and how many of those not in error have warnings."""
    counts = {"new": 0, "match": 0, "error": 0, "warning": 0}
    for result in results:
        counts[result.status] += 1
        counts["warning"] += bool(result.warnings and not result.errors)
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    """``{"new people": 3, "matched": 2}`` as "new people: 3, matched: 2" (importers give translated labels)."""
    return ", ".join(f"{label}: {count}" for label, count in counts.items())


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


def language_lookup(codes) -> dict[str, str]:
    """Every way one of these languages (ISO 639-1 codes) may be written in a file: its code, or its name in
    English, French or Arabic ("ar", "Arabic", "Arabe", "العربية"), with or without pycountry's qualifier
    ("Swahili (macrolanguage)") or the code ("Arabic (ar)"). Look values up like ``choice_codes``."""
    codes, lookup = list(codes), {}
    for code in codes:
        english = pycountry_language_name(code)
        for language in ("en", "fr", "ar"):
            name = pycountry_translation(language).gettext(english)
            for spelling in (name, re.sub(r"\s*\(.*\)$", "", name), f"{name} ({code})"):
                lookup.setdefault(normalise(spelling) or spelling, code)
    lookup.update({code: code for code in codes})
    return lookup


def language_name(code: str) -> str:
    """The language's name in the active language of the page ("Arabe" in French; ``core.languages``)."""
    return languages.language_name(code, with_code=False)


@functools.cache
def pycountry_language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


@functools.cache
def pycountry_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def read_values(cell: str, lookup: dict[str, str], codes: frozenset[str]) -> tuple[list[str], list[str]]:
    """The codes of a cell that holds several values, and the parts of it not understood.

    Values are separated by ";", "," (or their Arabic forms) or line breaks, and each is a code or a label (in
    English, French or Arabic). A part that is neither is read as codes separated by spaces ("en fr") only when
    every word of it is a code, so a label with spaces ("Cybercrime and digital evidence") is never cut in words.
    """
    found, unknown = [], []
    for part in (part.strip() for part in re.split(r"[;,\n\u060c\u061b]", cell)):
        code = lookup_code(part, lookup) if part else None
        words = [word.lower() for word in part.split()]
        if code:
            found.append(code)
        elif len(words) > 1 and all(word in codes for word in words):
            found += words
        elif part:
            unknown.append(part)
    return list(dict.fromkeys(found)), unknown


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


def keep_upload(name: str, content: bytes, file_format: FileFormat, owner: str) -> tuple[str, Sheet]:
    """Store an upload that can be read (an unreadable one is refused now, not at the confirmation); return its
    token, valid for ``owner`` only, and what it holds."""
    sheet = read_sheet(name, content, file_format)
    file_name = secrets.token_hex(16) + Path(name.lower()).suffix
    (upload_folder() / file_name).write_bytes(content)
    return signer(owner).sign(file_name), sheet


def signer(owner: str) -> signing.Signer:
    return signing.Signer(salt=f"core.imports:{owner}")


def kept_file_name(token: str, owner: str) -> str:
    try:
        return signer(owner).unsign(token)
    except signing.BadSignature as error:
        raise ImportRefused(
            _("This upload has expired, or was made by another user or for another record; upload the file again here.")
        ) from error


def kept_sheet(token: str, file_format: FileFormat, owner: str) -> Sheet:
    file_name = kept_file_name(token, owner)
    return read_sheet(file_name, kept_path(file_name).read_bytes(), file_format)


def is_kept(token: str, owner: str) -> bool:
    try:
        kept_path(kept_file_name(token, owner))
    except ImportRefused:
        return False
    return True


@contextmanager
def claimed_upload(token: str, file_format: FileFormat, owner: str) -> Iterator[Sheet]:
    """What a kept upload holds, held by this request alone, so that a second confirmation (a double click) finds
    nothing to import. The upload is deleted when the block succeeds and given back when it fails."""
    token = kept_file_name(token, owner)
    path = kept_path(token)
    claimed = path.with_name(path.name + ".claimed")
    try:
        path.rename(claimed)  # atomic: of two requests, one wins
    except FileNotFoundError as error:
        raise ImportRefused(_("This upload has expired; upload the file again.")) from error
    try:
        yield read_sheet(token, claimed.read_bytes(), file_format)
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
