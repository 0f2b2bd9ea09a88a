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


def test_debug_is_off_unless_asked_for():
    result = start_django()
    assert result.returncode != 0
    assert "DJANGO_DEBUG is false" in result.stderr


def test_development_needs_only_django_debug():
    result = start_django(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-of-fifty-characters-or-more-0123456789",
    "ALLOWED_HOSTS": "registry.example.org",
    "DATABASE_URL": f"sqlite:///{ROOT / 'never-created.sqlite3'}",
}


def production_process(*args: str, **extra: str) -> subprocess.CompletedProcess:
    """A process with the four production variables and nothing else of the registry's."""
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    env.update(PRODUCTION, **extra)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_passes_the_deployment_checks_with_four_variables():
    result = production_process("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SECURITY_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
    "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
)


def test_production_is_https_by_default():
    result = production_process("-c", SECURITY_SETTINGS, DJANGO_SETTINGS_MODULE="registry.settings")
    assert result.stdout.split() == ["True", "31536000", "True", "True", "True", "True", "False"], result.stderr


def test_a_deployment_behind_plain_http_opts_out_explicitly():
    result = production_process(
        "-c", SECURITY_SETTINGS, DJANGO_SETTINGS_MODULE="registry.settings", DJANGO_HTTPS="false"
    )
    assert result.stdout.split() == ["False", "0", "False", "False", "False", "False", "False"], result.stderr


def test_languages_are_english_french_arabic_and_portuguese(settings):
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr", "ar", "pt"]
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
