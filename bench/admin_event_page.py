"""Benchmark: the admin change page of an event with 500 participants, as IOM staff open it.

    .venv/bin/python bench/admin_event_page.py [--participants 500] [--rounds 30] [--database-url postgres://...]

Creates a throw-away PostgreSQL database (``registry_bench_admin_event``) with one event like the seeds' largest:
23 participating countries, 6 organisations, 10 recommendations, and ``--participants`` people. It opens the change
page through Django's test client in this process (the server's work, without network or browser) and prints the
time per page (p50, p95), the size of the HTML and the number of queries. Target (issue 19): under 300 ms and
150 KB, with a query count that does not grow with the participants.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from support import recreate_database, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/registry_bench_admin_event"
COUNTRIES = ["EG", "MU", "UG", "NA", "MZ", "MA", "AO", "TZ", "ZW", "ZM", "TN", "KE", "ZA", "KW", "JO", "LB", "LS",
             "BH", "QA", "OM", "SA", "NL", "DE"]  # fmt: skip


def build_event(participants: int):
    from contacts.models import Organization, Person
    from events.models import Event, EventCountry, EventOrganization, Participation
    from recommendations.models import Recommendation

    event = Event.objects.create(title="Global Symposium on Digital Evidence", kind="symposium", city="Hurghada")
    EventCountry.objects.bulk_create(EventCountry(event=event, country=code) for code in COUNTRIES)
    organizations = [Organization.objects.create(name=f"Organisation {i}", kind="other") for i in range(6)]
    EventOrganization.objects.bulk_create(
        EventOrganization(event=event, organization=org, role="organiser") for org in organizations
    )
    Recommendation.objects.bulk_create(
        Recommendation(event=event, code=f"R{i}", text=f"Recommendation {i}") for i in range(10)
    )
    people = Person.objects.bulk_create(
        Person(given_name=f"Given{i}", family_name=f"Family{i:04}", country=COUNTRIES[i % 23],
               organization=organizations[i % 6], email=f"p{i}@example.org")
        for i in range(participants)
    )  # fmt: skip
    Participation.objects.bulk_create(
        Participation(event=event, person=person, delegation_country=person.country) for person in people
    )
    return event


def staff_client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from core.roles import IOM_STAFF
    from tests.signin import sign_in_with_second_factor

    user = User.objects.create_user("bench-staff", is_staff=True)
    user.groups.add(Group.objects.get(name=IOM_STAFF))  # the groups come with the migrations
    client = Client()
    sign_in_with_second_factor(client, user)
    return client


def measure(client, url: str, rounds: int) -> tuple[list[float], int, int]:
    from django.db import connection

    client.get(url)  # warm: templates compiled, content types cached
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        response = client.get(url)
    if os.environ.get("BENCH_SAVE_PAGE"):
        Path(os.environ["BENCH_SAVE_PAGE"]).write_bytes(response.content)
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return times, len(response.content), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    recreate_database(args.database_url)
    setup_django(args.database_url)
    from django.urls import reverse

    event = build_event(args.participants)
    times, size, queries = measure(staff_client(), reverse("admin:events_event_change", args=[event.pk]), args.rounds)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"| event change page, {args.participants} participants | p50 {statistics.median(times):.0f} ms "
          f"| p95 {p95:.0f} ms | {size / 1024:.0f} KB | {queries} queries |")  # fmt: skip


if __name__ == "__main__":
    main()
