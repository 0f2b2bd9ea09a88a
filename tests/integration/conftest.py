"""Real services for the reminder pipeline: Celery worker and beat processes on a Redis broker, reading the test
database, an SMTP server (aiosmtpd) on loopback that keeps what it receives, and the faults an operator meets: a
server that hangs, a private Redis that restarts, a worker killed."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from tests.smtp import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[2]


class SmtpServer:
    """An aiosmtpd server on a fixed port that a test can stop and start again, to play an outage."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.box = Mailbox()
        self.box.port = port
        self.controller = None

    def start(self) -> Mailbox:
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self.box

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    """An SMTP server not started yet: the test decides when the outage ends."""
    server = SmtpServer(free_port())
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    return smtp_server.start()


class HungServer:
    """A server that accepts connections and never answers, like an SMTP server stuck after accept."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(64)
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self) -> None:
        while True:
            try:
                accepted, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(accepted)  # kept open, never answered

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(), which close() alone would not
        self.listener.close()
        self.thread.join(timeout=5)
        for accepted in self.connections:
            accepted.close()


class PrivateRedis:
    """A redis-server of the test's own, on a free port, without persistence: a restart loses every queued task."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self.answers, timeout=10)

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url).ping()
        except redis.ConnectionError:
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@pytest.fixture
def broker_url() -> str:
    """A Redis database of its own for the broker, emptied first, so the cache tests cannot flush queued tasks."""
    url = os.environ.get("CELERY_TEST_BROKER_URL") or settings.REDIS_URL.rsplit("/", 1)[0] + "/3"
    redis.Redis.from_url(url).flushdb()
    return url


def database_url_of_the_tests() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Starts Celery workers (and beat) as separate processes with the test's database, broker and SMTP server.
    Each process writes its log to a file of its own, which ``logs()`` returns."""

    def __init__(self, broker_url: str, smtp_port: int, log_dir: Path) -> None:
        self.broker_url = broker_url
        self.smtp_port = smtp_port
        self.log_dir = log_dir
        self.processes = []

    def environment(self, settings_overrides: dict) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": database_url_of_the_tests(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "DJANGO_DEBUG": "true",
            **{key: str(value) for key, value in settings_overrides.items()},
        }

    def start(
        self, pool: str = "solo", loglevel: str = "warning", supervised: bool = False, **settings_overrides
    ) -> subprocess.Popen:
        """A worker; ``supervised`` restarts it a second after it exits, as systemd's ``Restart=always`` and the
        compose file's ``restart: unless-stopped`` do (README, "Reminders")."""
        command = ["worker", f"--pool={pool}", f"--loglevel={loglevel}"]
        if pool == "prefork":
            command += ["--concurrency=2"]
        return self.launch(command, settings_overrides, supervised)

    def start_beat(self, **settings_overrides) -> subprocess.Popen:
        """Celery beat as the README runs it: here it queues the recovery every REMINDER_RECOVERY_SECONDS."""
        schedule = self.log_dir / f"beat-schedule-{len(self.processes)}"
        return self.launch(["beat", "--loglevel=warning", f"--schedule={schedule}"], settings_overrides)

    def launch(self, arguments: list[str], settings_overrides: dict, supervised: bool = False) -> subprocess.Popen:
        log = open(self.log_dir / f"celery-{len(self.processes)}.log", "w")  # noqa: SIM115 (closed with the process)
        command = [sys.executable, "-m", "celery", "-A", "registry", *arguments]
        if supervised:
            command = ["sh", "-c", 'while :; do "$@"; echo "supervisor: restarting"; sleep 1; done', "sh", *command]
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.environment(settings_overrides), start_new_session=True, stderr=log, stdout=log
        )
        process.log_path = log.name
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "".join(Path(process.log_path).read_text() for process in self.processes)

    def children(self, process: subprocess.Popen) -> list[int]:
        """The pool processes of a prefork worker."""
        path = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.kill(process)


@pytest.fixture
def workers(broker_url, smtp_server, tmp_path):
    started = Workers(broker_url, smtp_server.port, tmp_path)
    yield started
    started.stop_all()


def wait_until(condition, timeout: float = 60, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"still not true after {timeout} s: {condition.__doc__ or condition}")


FIGURES: list[dict] = []


@pytest.fixture
def figures(request):
    """Record what a fault cost (e-mails received, rows lost, duplicates, recovery time); printed after the run."""

    def record(**values) -> None:
        FIGURES.append({"test": request.node.name, **values})

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reminder faults on the real stack")
    for row in FIGURES:
        terminalreporter.write_line(" · ".join(f"{key}: {value}" for key, value in row.items()))
