"""Real services for the reminder pipeline: a Celery worker process on the Redis broker, reading the test database,
and an SMTP server (aiosmtpd) on loopback that keeps what it receives."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from celery import Celery
from django.conf import settings
from django.db import connection

from tests.smtp import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def mailbox():
    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


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
    """Starts Celery workers as separate processes with the test's database, broker and SMTP server."""

    def __init__(self, broker_url: str, mailbox: Mailbox) -> None:
        self.broker_url = broker_url
        self.mailbox = mailbox
        self.processes = []

    def start(self, **settings_overrides) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url_of_the_tests(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.mailbox.port}",
            "DJANGO_DEBUG": "true",
            **{key: str(value) for key, value in settings_overrides.items()},
        }
        command = [sys.executable, "-m", "celery", "-A", "registry", "worker", "--pool=solo", "--loglevel=warning"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        self.processes.append(process)
        return process

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
def workers(broker_url, mailbox):
    started = Workers(broker_url, mailbox)
    yield started
    started.stop_all()


@pytest.fixture
def run_sweep(broker_url):
    """Queue the daily sweep, as Celery beat does."""
    client = Celery(broker=broker_url)

    def run() -> None:
        client.send_task("recommendations.tasks.sweep_reminders")

    yield run
    client.close()


def wait_until(condition, timeout: float = 60, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"still not true after {timeout} s: {condition.__doc__ or condition}")
