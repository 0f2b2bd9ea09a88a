"""Benchmark: the daily reminder sweep over 100,000 open follow-ups.

    .venv/bin/python bench/reminder_sweep.py [--follow-ups 100000] [--database-url postgres://...]

Creates a throw-away PostgreSQL database (``registry_bench_sweep`` by default; dropped and re-created on each run),
migrates it, and adds 50 countries, each with its TIP national coordinator, and the follow-ups spread over them: about
nine in ten are due soon, overdue or quiet for too long. Then it runs ``recommendations.reminders.sweep`` in a fresh
process, twice (the second writes nothing), and prints the follow-ups per second, the queries and the peak memory
of that process. Goal (issue 16): at least 20,000 follow-ups/s and a peak under 150 MB.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from support import recreate_database, setup_django

COUNTRIES = 50


def add_follow_ups(count: int) -> None:
    from django_countries import countries

    from contacts.choices import Mandate
    from contacts.models import FocalPoint, Person
    from events.models import Event
    from recommendations.models import FollowUp, Recommendation

    codes = sorted(code for code, _name in countries)[:COUNTRIES]
    people = []
    for n, code in enumerate(codes):
        person = Person(given_name=f"Coordinator{n}", family_name="Bench", country=code, email=f"c{n}@example.org")
        person.refresh_search_fields()
        people.append(person)
    Person.objects.bulk_create(people)
    FocalPoint.objects.bulk_create(
        FocalPoint(country=code, mandate=Mandate.TIP_COORDINATOR, person=person)
        for code, person in zip(codes, people, strict=True)
    )
    event = Event.objects.create(title="Benchmark symposium", kind="symposium", start_date=date(2024, 1, 1))
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(event=event, code=f"R{n}", text="Benchmark recommendation", category="other")
        for n in range(-(-count // COUNTRIES))
    )
    today = date.today()
    FollowUp.objects.bulk_create(
        (
            FollowUp(
                recommendation=recommendations[n // COUNTRIES],
                country=codes[n % COUNTRIES],
                due_date=today + timedelta(days=(n % 40) - 25),
                assigned_on=today - timedelta(days=30 + n % 100),
            )
            for n in range(count)
        ),
        batch_size=5000,
    )


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_sweep(label: str, follow_ups: int) -> float:
    from django.db import connection

    from recommendations import reminders

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = reminders.sweep()
        took = time.perf_counter() - started
    print(
        f"{label}: {follow_ups:,} follow-ups in {took:.2f} s = {follow_ups / took:,.0f} follow-ups/s; "
        f"{result.written:,} reminders written, {result.moved:,} moved; {len(queries)} queries; "
        f"peak memory so far {peak_memory_mb():.0f} MB"
    )
    return follow_ups / took


def sweep_in_this_process() -> None:
    """Run by the child process: three sweeps, measured."""
    from recommendations.models import FollowUp, Reminder

    follow_ups = FollowUp.objects.count()
    print(f"After Django's start-up: {peak_memory_mb():.0f} MB")
    first = timed_sweep("First sweep (writes every reminder)", follow_ups)
    first_peak = peak_memory_mb()
    timed_sweep("Second sweep (nothing sent meanwhile: every row still pending)", follow_ups)
    Reminder.objects.update(status="sent")
    timed_sweep("Daily sweep (yesterday's reminders sent)", follow_ups)
    print(f"Goal: at least 20,000 follow-ups/s and under 150 MB; first sweep {first:,.0f}/s, {first_peak:.0f} MB")
    print("RESULT", "PASS" if first >= 20_000 and peak_memory_mb() < 150 else "FAIL")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--follow-ups", type=int, default=100_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/registry_bench_sweep")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(args.database_url, migrate=False)
        sweep_in_this_process()
        return
    recreate_database(args.database_url)
    setup_django(args.database_url)
    started = time.perf_counter()
    add_follow_ups(args.follow_ups)
    print(f"Set-up: {args.follow_ups} follow-ups in {COUNTRIES} countries in {time.perf_counter() - started:.1f} s")
    child = [sys.executable, __file__, "--child", "--database-url", args.database_url]
    subprocess.run(child, check=True, env=os.environ)  # noqa: S603 (our own script)


if __name__ == "__main__":
    main()
