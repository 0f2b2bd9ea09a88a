"""Benchmark: the pages, the API and the batch jobs at one size of network, served by gunicorn (make bench).

    .venv/bin/python bench/pages.py --people 100000 [--database-url postgres://...] [--rounds 5]

Creates a throw-away PostgreSQL database (``registry_bench_pages_<people>``), generates the data
(``manage.py generate_data``), collects the static files and starts gunicorn with 2 sync workers and the production
settings (plus ``BENCHMARK=true``, which adds a ``Server-Timing`` header and a bare "hello" view). For each scenario it
alternates, round after round, a block of requests at concurrency 4 and a block of the same SQL run with psycopg2
(the queries the view ran, captured once through Django's test client, each block in a transaction rolled back).

It prints a Markdown table: server-side p50 and p95 (from ``Server-Timing``), throughput, the raw SQL's p50 and the
ratio of the two, and queries per request; then the directory page's throughput against the hello view's, and the
import and the reminder sweep, timed in this process.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from support import ROOT, recreate_database, setup_django

CONCURRENCY = 4
PER_BLOCK = 24
SEED = 7


def production_environment(database_url: str, static_root: str) -> dict:
    """The settings gunicorn and this process share, so that a session made here is valid there."""
    return {
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_HTTPS": "false",
        "BENCHMARK": "true",
        "STATIC_ROOT": static_root,
        "API_USER_RATE": "1000000/minute",
        "CONTACT_READS_PER_DAY": "100000000",
        "CONTACT_READS_PER_WEEK": "100000000",
        "LOG_LEVEL": "WARNING",
    }


def make_users() -> dict:
    """A network member (session and API token) and a national coordinator of Egypt (session)."""
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from contacts.models import Person
    from core import roles
    from core.tokens import create_token

    User.objects.filter(username__in=["bench-member", "bench-coordinator"]).delete()  # from an earlier --reuse run
    member = User.objects.create_user("bench-member", "member@generated.example.org", "bench-password-1234")
    member.groups.add(Group.objects.get(name=roles.NETWORK_MEMBER))
    coordinator = User.objects.create_user("bench-coordinator", "coord@generated.example.org", "bench-password-1234")
    coordinator.groups.add(Group.objects.get(name__in=[roles.NATIONAL_COORDINATOR]))
    coordinator.groups.add(Group.objects.get(name=roles.NETWORK_MEMBER))
    Person.objects.filter(pk__in=Person.objects.filter(country="EG", user__isnull=True).values("pk")[:1]).update(
        user=coordinator
    )
    clients = {}
    for name, user in (("member", member), ("coordinator", coordinator)):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        clients[name] = client
    _token, key = create_token(member, "benchmark")
    return {"clients": clients, "token": key, "anonymous": Client(HTTP_HOST="127.0.0.1")}


def headers_for(auth: str, users: dict) -> dict:
    if auth == "token":
        return {"Authorization": f"Token {users['token']}"}
    if auth in ("member", "coordinator"):
        from django.conf import settings

        cookie = users["clients"][auth].cookies[settings.SESSION_COOKIE_NAME].value
        return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}
    return {}


def captured_sql(path: str, auth: str, users: dict) -> list[str]:
    """The SQL the view runs for this request, as sent to PostgreSQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = users["clients"].get(auth) or users["anonymous"]
    extra = {"HTTP_AUTHORIZATION": f"Token {users['token']}"} if auth == "token" else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def request(port: int, path: str, headers: dict) -> float:
    """One GET; the server's own milliseconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return float(response.getheader("Server-Timing").split("dur=")[1])


def http_block(port: int, path: str, headers: dict) -> tuple[list[float], float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        times = list(pool.map(lambda _n: request(port, path, headers), range(PER_BLOCK)))
    return times, time.perf_counter() - started


def sql_block(database_url: str, statements: list[str]) -> list[float]:
    import psycopg2
    from django.conf import settings

    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")  # the same planner settings
    connection = psycopg2.connect(database_url, options=options)
    times = []
    try:
        for _ in range(PER_BLOCK):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description:
                        cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
            connection.rollback()
    finally:
        connection.close()
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(name: str, path: str, auth: str, users: dict, port: int, database_url: str, rounds: int) -> dict:
    headers = headers_for(auth, users)
    statements = captured_sql(path, auth, users)
    request(port, path, headers)  # warm up each worker's caches
    request(port, path, headers)
    server, sql, seconds = [], [], 0.0
    for _ in range(rounds):  # alternate, so that a noisy neighbour weighs on both alike
        times, took = http_block(port, path, headers)
        server += times
        seconds += took
        sql += sql_block(database_url, statements)
    p50, raw = statistics.median(server), statistics.median(sql)
    return {
        "scenario": name,
        "p50": p50,
        "p95": percentile(server, 0.95),
        "throughput": len(server) / seconds,
        "sql": raw,
        "ratio": p50 / raw if raw else float("nan"),
        "queries": len(statements),
    }


def settle(database_url: str) -> None:
    """VACUUM ANALYZE, as autovacuum would have done to a database in service: fresh statistics, and the GIN indexes'
    pending lists merged (right after a bulk load, a search reads them row by row)."""
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def holds_people(url: str) -> bool:
    import psycopg2

    try:
        connection = psycopg2.connect(url)
    except psycopg2.OperationalError:
        return False
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('contacts_person') IS NOT NULL")
        exists = cursor.fetchone()[0]
        if exists:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM contacts_person)")
            exists = cursor.fetchone()[0]
    connection.close()
    return exists


def start_gunicorn(environment: dict, port: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "registry.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **environment})  # noqa: S603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/bench/hello/")
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def scenarios() -> list[tuple[str, str, str]]:
    from django.db.models import Count

    from events.models import Event

    event = Event.objects.annotate(people=Count("participations")).order_by("-people", "pk").first()
    return [
        ("directory, name search", "/directory/?q=Mohamed+Hegazi", "member"),
        ("directory, name search in a country", "/directory/?q=Mohamed&country=EG", "member"),
        ("directory, no search", "/directory/", "member"),
        ("API search, page of 100", "/api/v1/people/?q=Mohamed&page_size=100", "token"),
        ("API list, page of 100", "/api/v1/events/?page_size=100", "token"),
        ("country page", "/countries/EG/", "member"),
        ("follow-up dashboard", "/follow-ups/", "coordinator"),
        ("event page", f"/events/{event.pk}/", "member"),
        ("hello view (no query)", "/bench/hello/", "anonymous"),
    ]


def batch_jobs(people: int) -> list[str]:
    """The import of a 1,000-row attendee list and the daily reminder sweep, in this process."""
    from recommendations import reminders
    from recommendations.models import FollowUp

    sys.path.insert(0, str(ROOT / "bench"))
    import_bench = __import__("import")
    from contacts.models import Person

    existing, names = [], set()  # people the list matches: no two alike in name and country, as on a real list
    for person in Person.objects.exclude(email="").order_by("pk").iterator():
        name = (person.given_name, person.family_name, str(person.country))
        if name not in names:
            names.add(name)
            existing.append(person)
        if len(existing) == 300:
            break
    result = import_bench.measure(import_bench.attendee_list(1000, existing, "Bench"), "Benchmark import")
    follow_ups = FollowUp.objects.count()
    lines = [
        f"- Import of a 1,000-row attendee list (300 matching): {result['total']:.2f} s, "
        f"{result['preview_queries']} queries to preview, {result['apply_queries']} to import.",
    ]
    for label in ("first", "next"):
        started = time.perf_counter()
        outcome = reminders.sweep()
        took = time.perf_counter() - started
        lines.append(
            f"- Reminder sweep ({label}): {follow_ups:,} follow-ups in {took:.2f} s, {follow_ups / took:,.0f} "
            f"follow-ups/s, {outcome.written:,} reminders written (goal: 20,000/s)."
        )
    return lines


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| scenario | server p50 ms | server p95 ms | requests/s | raw SQL p50 ms | p50 / SQL | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row['ratio']:.1f}×" if row["queries"] else "–"
        sql = f"{row['sql']:.1f}" if row["queries"] else "–"
        lines.append(
            f"| {row['scenario']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['throughput']:.0f} | {sql} | "
            f"{ratio} | {row['queries']} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="Keep the data of an earlier run (while tuning).")
    parser.add_argument("--no-batch", action="store_true", help="Pages and API only: no import, no sweep.")
    args = parser.parse_args()
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/registry_bench_pages_{args.people}"
    static_root = tempfile.mkdtemp(prefix="registry-bench-static-")
    environment = production_environment(url, static_root)
    os.environ.update(environment)
    if not (args.reuse and holds_people(url)):
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command

    from contacts.models import Person
    from registry import generator

    started = time.perf_counter()
    reused = Person.objects.exists()
    if not reused:
        generator.generate(args.people, SEED)
    settle(url)
    generated = time.perf_counter() - started
    call_command("collectstatic", "--noinput", verbosity=0)
    users = make_users()
    server = start_gunicorn(environment, args.port)
    try:
        rows = [measure(*scenario, users, args.port, url, args.rounds) for scenario in scenarios()]
    finally:
        server.terminate()
        server.wait()
    hello = next(row for row in rows if row["scenario"].startswith("hello"))
    directory = rows[0]
    origin = "data of an earlier run" if reused else f"generated in {generated:.0f} s"
    print(f"### {args.people:,} people ({origin})\n")
    print("\n".join(table(rows)))
    print(
        f"\nDirectory search throughput: {directory['throughput'] / hello['throughput']:.0%} of the hello view's "
        f"({directory['throughput']:.0f} against {hello['throughput']:.0f} requests/s).\n"
    )
    if not args.no_batch:
        print("\n".join(batch_jobs(args.people)))


if __name__ == "__main__":
    main()
