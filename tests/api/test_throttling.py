"""Rate limits per anonymous address and per user."""

import pytest
from django.core.cache import cache


@pytest.fixture
def low_rates(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/min"}}
    yield
    cache.clear()


def test_anonymous_clients_are_throttled(api, low_rates):
    statuses = [api.get("/api/v1/events/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "throttled" in api.get("/api/v1/events/").json()["detail"].lower()


def test_each_user_has_their_own_allowance(as_user, low_rates, member_ke, staff):
    assert [as_user(member_ke).get("/api/v1/me/").status_code for _ in range(6)][-1] == 429
    assert as_user(staff).get("/api/v1/me/").status_code == 200
