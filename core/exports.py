"""Downloads: spreadsheet files (CSV or XLSX) that are safe to open (no cell is ever read as a formula), and any file
as an attachment that no cache keeps."""

import csv
import io
import re
from collections.abc import Iterable

from django.http import HttpResponse
from openpyxl import Workbook

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV / formula injection). A program
# that splits CSV on ";" or "," (French and Arabic locale settings use ";") starts a new cell after each of them, so a
# formula start right after a separator is neutralised too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_AFTER_SEPARATOR = re.compile(r"(^|[;,\t\r\n])([=+\-@\t\r])")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe(value) -> str:
    """The value as text, with an apostrophe before every formula start: at the beginning or after a separator."""
    text = "" if value is None else str(value)
    return FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", text)


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download, which no cache keeps (NoStoreMiddleware says so too; a download must not rely on it)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def spreadsheet_response(header: list[str], rows: Iterable[list], filename: str, file_format: str) -> HttpResponse:
    """``rows`` as a download; every cell is text, escaped with ``safe``."""
    cells = [[safe(value) for value in row] for row in rows]
    body = as_xlsx(header, cells) if file_format == "xlsx" else as_csv(header, cells)
    return attachment(body, FORMATS[file_format], f"{filename}.{file_format}")


def as_csv(header: list[str], cells: list[list[str]]) -> bytes:
    text = io.StringIO()
    text.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8 (Arabic names)
    writer = csv.writer(text, quoting=csv.QUOTE_ALL)  # every cell quoted: no separator inside one splits it
    writer.writerow(header)
    writer.writerows(cells)
    return text.getvalue().encode("utf-8")


def as_xlsx(header: list[str], cells: list[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in cells:
        sheet.append(row)  # strings, never formulas: openpyxl writes them as text cells
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
