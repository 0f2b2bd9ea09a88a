"""What the imports share: the uploaded file between preview and confirmation, and reading spreadsheet cells."""

import datetime
import os

import pytest

from core import imports

REQUIRED = ("given name",)
CONTENT = b"given name\nAmina\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_upload_can_be_claimed_once_so_a_double_click_imports_once():
    token, _rows = imports.keep_upload("list.csv", CONTENT, REQUIRED)
    with imports.claimed_upload(token, REQUIRED) as rows:
        assert rows == [{"given name": "Amina"}]
        with pytest.raises(imports.ImportRefused, match="expired"), imports.claimed_upload(token, REQUIRED):
            pass
    assert not imports.is_kept(token)


def test_a_failed_import_gives_the_upload_back():
    token, _rows = imports.keep_upload("list.csv", CONTENT, REQUIRED)
    with pytest.raises(imports.ImportRefused), imports.claimed_upload(token, REQUIRED):
        raise imports.ImportRefused("rows in error")
    assert imports.kept_rows(token, REQUIRED) == [{"given name": "Amina"}]


def test_uploads_older_than_a_day_are_forgotten(tmp_path):
    old, _rows = imports.keep_upload("old.csv", CONTENT, REQUIRED)
    day_ago = datetime.datetime.now().timestamp() - imports.UPLOAD_LIFETIME_SECONDS - 60
    os.utime(tmp_path / imports.UPLOAD_FOLDER / old, (day_ago, day_ago))
    new, _rows = imports.keep_upload("new.csv", CONTENT, REQUIRED)
    assert not imports.is_kept(old) and imports.is_kept(new)


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (datetime.datetime(2027, 6, 30), "2027-06-30"), (254202012345.0, "254202012345"), (1.5, "1.5")],
)
def test_spreadsheet_cells_read_as_typed(value, text):
    assert imports.cell_text(value) == text


def test_a_file_too_large_is_refused():
    with pytest.raises(imports.ImportRefused, match="larger than"):
        imports.read_rows("list.csv", b"given name\n" + b"x\n" * (imports.MAX_UPLOAD_BYTES // 2), REQUIRED)
