"""Screenshots for the README, taken by the browser tests so that they show the pages as they are.

A test always takes its screenshot (and fails if the page cannot be drawn); it lands in `docs/` when the run is
asked to refresh them (`UPDATE_DOCS=1`, `make docs`), elsewhere in a temporary folder, so that a test run leaves the
working tree as it found it.
"""

import os
import shutil
import subprocess
import warnings
from pathlib import Path

from tests.services import IN_CI

DOCS = Path(__file__).resolve().parents[2] / "docs"


def screenshot(page, name: str, tmp_path: Path, full_page: bool = True) -> Path:
    folder = DOCS if os.environ.get("UPDATE_DOCS") else tmp_path
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, path  # a drawn page, not a blank one
    return path


def pdf_first_sheet(pdf: bytes, name: str, tmp_path: Path) -> Path | None:
    """The first sheet of a PDF as a PNG (Poppler's pdftoppm, at 80 dpi), for the README."""
    folder = DOCS if os.environ.get("UPDATE_DOCS") else tmp_path
    folder.mkdir(exist_ok=True)
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:  # only the README's picture is missing; the PDF itself was checked by the test
        assert not IN_CI, "CI draws the PDFs' first sheets with Poppler's pdftoppm: apt-get install poppler-utils"
        warnings.warn("no pdftoppm (apt-get install poppler-utils): the PDF's screenshot was not drawn", stacklevel=2)
        return None
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", source, folder / name], check=True
    )
    path = folder / f"{name}.png"
    assert path.stat().st_size > 10_000, path
    return path
