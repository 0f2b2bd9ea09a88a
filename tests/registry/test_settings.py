"""Production settings refuse to start without their secrets; development defaults need nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_django(**env_overrides: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh process, as `manage.py` or gunicorn would at start-up."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG"}}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="registry.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),
        ({"SECRET_KEY": "a-long-random-production-secret"}, "ALLOWED_HOSTS must be set"),
        ({"ALLOWED_HOSTS": "registry.example.org"}, "SECRET_KEY must be set"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(overrides, missing):
    result = start_django(DJANGO_DEBUG="false", **overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_starts_with_secret_key_and_allowed_hosts():
    result = start_django(
        DJANGO_DEBUG="false", SECRET_KEY="a-long-random-production-secret", ALLOWED_HOSTS="registry.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_with_no_environment_at_all():
    result = start_django()
    assert result.returncode == 0, result.stderr


def test_languages_are_english_french_and_arabic(settings):
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr", "ar"]
    assert settings.TIME_ZONE == "UTC"


def test_email_database_and_redis_come_from_urls():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DATABASES['default']['ENGINE'], "
        "s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="registry.settings",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.org:587",
        DATABASE_URL="postgres://registry:pw@db.example.org:5432/registry",
        REDIS_URL="redis://cache.example.org:6379/0",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.org:6379/0",
        "False",
    ]
