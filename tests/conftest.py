"""The fixed cast of every test: anonymous, a network member from Kenya, the coordinators of Egypt and Morocco, and
IOM staff. Each has a linked Person in their country; the groups come from the data migration."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.utils import translation

from contacts.choices import Visibility
from core.roles import IOM_STAFF, NATIONAL_COORDINATOR, NETWORK_MEMBER
from registry.group_permissions import apply_group_permissions

from .factories import PersonFactory, UserFactory
from .signin import sign_in_with_second_factor


def _user_with_person(username: str, country: str, groups: list[str], **user_fields):
    user = UserFactory(username=username, groups=groups, **user_fields)
    PersonFactory(user=user, country=country, visibility=Visibility.NETWORK, given_name=username, family_name="Cast")
    return user


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def member_ke(db):
    return _user_with_person("member_ke", "KE", [NETWORK_MEMBER])


@pytest.fixture
def coordinator_eg(db):
    return _user_with_person("coordinator_eg", "EG", [NETWORK_MEMBER, NATIONAL_COORDINATOR])


@pytest.fixture
def coordinator_ma(db):
    return _user_with_person("coordinator_ma", "MA", [NETWORK_MEMBER, NATIONAL_COORDINATOR])


@pytest.fixture
def staff(db):
    return _user_with_person("staff", "EG", [IOM_STAFF], is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    """Django's test client, logged in as IOM staff with the second factor passed (for the admin)."""
    sign_in_with_second_factor(client, staff)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow by design."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request of the test client leaves its language active in the thread (LocaleMiddleware activates it, nothing
    deactivates it): without this, a test after one that asked for an Arabic page would read Arabic messages."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so rate-limit counters never carry over from one test to another."""
    cache.clear()


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the test's process, whatever the broker settings (with REDIS_URL they are not eager)."""
    from registry.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def seeded(transactional_db) -> None:
    """Live-server tests commit, so each ends with a flush that also wipes what the data migrations seeded (groups,
    roles, languages, ...): seed it again, with the migrations' own functions."""
    if Group.objects.exists():
        return
    for module in ("contacts.migrations.0002_seed_terms", "events.migrations.0002_seed_terms"):
        import_module(module).seed_terms(django_apps, None)
    apply_group_permissions(django_apps)
