"""Benchmark: import a 5,000-row attendee list, 30% of it matching people the registry already holds.

    .venv/bin/python bench/import.py [--rows 5000] [--matching 0.3] [--database-url postgres://...]

Creates a throw-away PostgreSQL database (``registry_bench`` by default; dropped and re-created on each run),
migrates it, adds the existing people, then times reading, preview and import through the same functions the admin
uses (``core.imports`` and ``events.imports``). It prints the time of each step and the queries of the import,
per batch, for the full list and for one batch, to show that queries grow with batches, never with rows.
Goal (issue 6): under 15 s in all on PostgreSQL on a 2-core machine.
"""

import argparse
import csv
import io
import time

from support import recreate_database, setup_django

COUNTRIES = ["KE", "TN", "EG", "MA", "NG", "ZA", "JO", "LB", "TZ", "UG", "ZM", "ZW", "MU", "NA", "MZ", "AO", "QA"]


def add_existing_people(count: int):
    from contacts.models import Person

    people = []
    for n in range(count):
        person = Person(
            given_name=f"Existing{n}",
            family_name="Prosecutor",
            country=COUNTRIES[n % len(COUNTRIES)],
            email=f"existing{n}@example.org" if n % 2 == 0 else "",
        )
        person.refresh_search_fields()
        people.append(person)
    return Person.objects.bulk_create(people, batch_size=1000)


def attendee_list(rows: int, existing, prefix: str) -> bytes:
    """``len(existing)`` rows match existing people (half by e-mail, half by name and country); the rest are new."""
    from events.imports import COLUMNS

    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    for person in existing:
        writer.writerow(
            {
                "given name": person.given_name if person.email else person.given_name.upper(),
                "family name": person.family_name,
                "country": person.country.name,
                "e-mail": person.email.upper(),
                "languages": "en",
            }
        )
    for n in range(rows - len(existing)):
        writer.writerow(
            {
                "honorific": "Ms",
                "given name": f"{prefix}{n}",
                "family name": "Participant",
                "job title": "Prosecutor",
                "organisation": f"Prosecution service {n % 40}",
                "country": COUNTRIES[n % len(COUNTRIES)],
                "role at the event": "participant",
                "e-mail": f"{prefix.lower()}{n}@example.org",
                "phone": "+254 20 2012345",
                "languages": "en fr",
                "expertise": "tip",
            }
        )
    return text.getvalue().encode()


def measure(content: bytes, title: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.imports import read_rows
    from events import imports
    from tests.factories import EventFactory

    event = EventFactory(title=title)
    started = time.perf_counter()
    rows = read_rows("list.csv", content, imports.FORMAT)
    read = time.perf_counter()
    with CaptureQueriesContext(connection) as preview_queries:
        results = imports.preview(event, rows)
    previewed = time.perf_counter()
    rendered = time.perf_counter()
    render_preview_page(event, results)
    previewed += time.perf_counter() - rendered
    with CaptureQueriesContext(connection) as apply_queries:
        counts = imports.apply(event, results)
    applied = time.perf_counter()
    statuses = {status: sum(r.status == status for r in results) for status in ("new", "match", "error")}
    return {
        "rows": len(rows),
        "statuses": statuses,
        "counts": counts,
        "read": read - started,
        "preview": previewed - read,
        "apply": applied - previewed,
        "total": applied - started,
        "preview_queries": len(preview_queries),
        "apply_queries": len(apply_queries),
    }


def render_preview_page(event, results) -> str:
    """The admin's preview table, as staff see it before confirming."""
    from django.template.loader import render_to_string

    from core.imports import Confirmation, offers_of, totals
    from events import imports

    context = {"results": results, "shown": results, "totals": totals(results), "importer": imports}
    context |= {"kind": "participants", "original": event, "opts": event._meta, "token": "0" * 32 + ".csv"}
    context |= {"confirmation": Confirmation(), "offers": offers_of(results), "unknown_columns": []}
    return render_to_string("admin/spreadsheet_import.html", context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--matching", type=float, default=0.3)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/registry_bench")
    args = parser.parse_args()

    recreate_database(args.database_url)
    setup_django(args.database_url)
    from events.imports import BATCH_SIZE

    matching = int(args.rows * args.matching)
    existing = add_existing_people(matching + 2000)  # 2,000 more who are not in the list
    full = measure(attendee_list(args.rows, existing[:matching], "New"), "Benchmark: full list")
    one_batch = measure(attendee_list(BATCH_SIZE, existing[matching : matching + 150], "Other"), "Benchmark: one batch")
    new_rows = full["statuses"]["new"]

    print(f"Attendee list: {full['rows']} rows, {full['statuses']['match']} matching existing people, {new_rows} new")
    print(f"  statuses: {full['statuses']}; imported: {full['counts']}")
    print(
        f"  read {full['read']:.2f} s, preview (checks and page) {full['preview']:.2f} s, import {full['apply']:.2f} s"
    )
    print(f"  TOTAL {full['total']:.2f} s (goal: under 15 s)")
    print(f"Queries: preview {full['preview_queries']} for {full['rows']} rows, {one_batch['preview_queries']} for "
          f"{one_batch['rows']} rows (fixed)")  # fmt: skip
    batches = -(-new_rows // BATCH_SIZE)
    per_batch = full["apply_queries"] / (full["rows"] / BATCH_SIZE)
    one = one_batch["apply_queries"]
    print(f"  import {full['apply_queries']} for {full['rows']} rows ({batches} batches of {BATCH_SIZE} new people), "
          f"{per_batch:.1f} per {BATCH_SIZE} rows; {one} for a list of {BATCH_SIZE} rows")  # fmt: skip
    print("  (each table is written once per batch of 500; reads are made once for the whole list)")
    print("RESULT", "PASS" if full["total"] < 15 else "FAIL")


if __name__ == "__main__":
    main()
