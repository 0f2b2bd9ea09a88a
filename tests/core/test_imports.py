"""What the imports share: the uploaded file between preview and confirmation, and reading spreadsheet cells."""

import datetime
import os

import pytest

from core import imports

FORMAT = imports.FileFormat(imports.Column("given name", "", aliases=("prénom",), required=True))
CONTENT = b"given name\nAmina\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


OWNER = "7:events.Event:2:events.imports"


def test_an_upload_can_be_claimed_once_so_a_double_click_imports_once():
    token, _rows = imports.keep_upload("list.csv", CONTENT, FORMAT, OWNER)
    with imports.claimed_upload(token, FORMAT, OWNER) as sheet:
        assert sheet.rows == [{"given name": "Amina"}]
        with pytest.raises(imports.ImportRefused, match="expired"), imports.claimed_upload(token, FORMAT, OWNER):
            pass
    assert not imports.is_kept(token, OWNER)


def test_a_failed_import_gives_the_upload_back():
    token, _rows = imports.keep_upload("list.csv", CONTENT, FORMAT, OWNER)
    with pytest.raises(imports.ImportRefused), imports.claimed_upload(token, FORMAT, OWNER):
        raise imports.ImportRefused("rows in error")
    assert imports.kept_sheet(token, FORMAT, OWNER).rows == [{"given name": "Amina"}]


@pytest.mark.parametrize("other", ["8:events.Event:2:events.imports", "7:events.Event:6:events.imports"])
def test_a_token_confirms_nothing_for_another_user_or_another_record(other):
    token, _rows = imports.keep_upload("list.csv", CONTENT, FORMAT, OWNER)
    with pytest.raises(imports.ImportRefused, match="another user or for another record"):
        imports.kept_sheet(token, FORMAT, other)
    with pytest.raises(imports.ImportRefused, match="another user"), imports.claimed_upload(token, FORMAT, other):
        pass
    assert imports.is_kept(token, OWNER)  # still there for its owner


def test_the_hourly_task_removes_uploads_older_than_a_day(tmp_path):
    from core.tasks import forget_old_uploads

    old, _rows = imports.keep_upload("old.csv", CONTENT, FORMAT, OWNER)
    new, _rows = imports.keep_upload("new.csv", CONTENT, FORMAT, OWNER)
    day_ago = datetime.datetime.now().timestamp() - imports.UPLOAD_LIFETIME_SECONDS - 60
    os.utime(tmp_path / imports.UPLOAD_FOLDER / imports.kept_file_name(old, OWNER), (day_ago, day_ago))
    assert forget_old_uploads.apply().get() == 1
    assert not imports.is_kept(old, OWNER) and imports.is_kept(new, OWNER)


def test_beat_runs_the_clean_up_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["forget-old-uploads"]
    assert entry["task"] == "core.tasks.forget_old_uploads"
    assert len(entry["schedule"].hour) == 24 and len(entry["schedule"].minute) == 1


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (datetime.datetime(2027, 6, 30), "2027-06-30"), (254202012345.0, "254202012345"), (1.5, "1.5")],
)
def test_spreadsheet_cells_read_as_typed(value, text):
    assert imports.cell_text(value) == text


def test_a_file_too_large_is_refused():
    with pytest.raises(imports.ImportRefused, match="larger than"):
        imports.read_rows("list.csv", b"given name\n" + b"x\n" * (imports.MAX_UPLOAD_BYTES // 2), FORMAT)


def results_with_an_error_and_an_offer() -> list[imports.RowResult]:
    good = imports.RowResult(2, {}, offers=[imports.Offer("add_country", "KE", "Add Kenya")])
    bad = imports.RowResult(3, {}, errors=[("country", "Unknown country: Atlantis")])
    return [good, bad]


def test_the_confirmation_skips_the_rows_in_error_only_when_asked():
    results = results_with_an_error_and_an_offer()
    assert imports.Confirmation(skipped={2}).rows_skipped(results) == {2}
    assert imports.Confirmation(skipped={2}, skip_rows_in_error=True).rows_skipped(results) == {2, 3}


def test_only_the_offers_the_rows_make_can_be_accepted():
    confirmation = imports.Confirmation(offers={"add_country:KE", "add_country:FR", "drop_table:x"})
    assert confirmation.offers_accepted(results_with_an_error_and_an_offer()) == {imports.Offer("add_country", "KE")}


def test_a_file_with_columns_not_read_is_refused_until_they_are_ignored():
    sheet = imports.read_sheet("list.csv", b"Prenom,Remarks\nAmina,VIP\n", FORMAT)
    assert (sheet.rows, sheet.unknown_columns) == ([{"given name": "Amina"}], [imports.UnknownColumn("Remarks")])
    with pytest.raises(imports.ImportRefused, match="The column “Remarks” is not read"):
        imports.refuse_unknown_columns(sheet, imports.Confirmation())
    imports.refuse_unknown_columns(sheet, imports.Confirmation(ignore_unknown_columns=True))


@pytest.mark.parametrize(
    ("cell", "codes", "unknown"),
    [
        ("a; b", ["a", "b"], []),
        ("a b, Letter C", ["a", "b", "c"], []),
        ("Letter C; a x", ["c"], ["a x"]),
        ("letter c a", [], ["letter c a"]),  # a label and a code run together: not guessed
    ],
)
def test_a_cell_of_several_values_is_split_on_separators_then_on_spaces_only_if_every_word_is_a_code(
    cell, codes, unknown
):
    lookup = {"a": "a", "b": "b", "c": "c", "letter c": "c"}
    assert imports.read_values(cell, lookup, frozenset("abc")) == (codes, unknown)
