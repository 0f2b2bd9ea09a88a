"""The suite runs on PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, and CI must set them."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_cache_round_trips_through_the_configured_backend(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert ("RedisCache" in backend) == bool(os.environ.get("REDIS_URL"))
    key = f"test-{uuid.uuid4()}"
    cache.set(key, "value", 30)
    assert cache.get(key) == "value"
    cache.delete(key)
