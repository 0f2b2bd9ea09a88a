"""Spreadsheets that are safe to open in any locale: every CSV cell quoted, no formula at a cell's start or after a
separator, XLSX cells as text."""

import csv
import io

import pytest

from core.exports import as_csv, safe


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("ok;=1+2", "ok;'=1+2"),  # French and Arabic spreadsheets split on ";"
        ("ok,+1", "ok,'+1"),
        ("a\t@SUM(A1)", "a\t'@SUM(A1)"),
        ("-5", "'-5"),
        ("+254 20 2012345", "'+254 20 2012345"),
        ("Abdel-Fattah", "Abdel-Fattah"),
        ("Tunis, Tunisia", "Tunis, Tunisia"),
        (None, ""),
    ],
)
def test_a_formula_start_is_neutralised_wherever_a_cell_may_begin(value, written):
    assert safe(value) == written


def test_every_csv_cell_is_quoted():
    body = as_csv(["name", "note"], [[safe("Amina"), safe("ok;=1+2")]]).decode("utf-8-sig")
    assert body.splitlines() == ['"name","note"', '"Amina","ok;\'=1+2"']
    assert list(csv.reader(io.StringIO(body)))[1] == ["Amina", "ok;'=1+2"]
