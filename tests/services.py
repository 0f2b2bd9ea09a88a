"""Marks for tests that need a real service. Outside CI they skip when the service is absent; in CI (CI=true)
they never skip, so a missing service fails the run instead of hiding it."""

import os

import pytest
from django.db import connection

IN_CI = os.environ.get("CI") == "true"

needs_postgres = pytest.mark.skipif(
    not IN_CI and connection.vendor != "postgresql",
    reason="needs PostgreSQL: set DATABASE_URL=postgres://... (CI always does)",
)

needs_redis = pytest.mark.skipif(
    not IN_CI and not os.environ.get("REDIS_URL"),
    reason="needs Redis: set REDIS_URL=redis://... (CI always does)",
)
