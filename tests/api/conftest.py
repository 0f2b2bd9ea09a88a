"""A small world every API test can read: one record of each kind, in the three directory visibilities."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from contacts.choices import Visibility
from events.choices import EventStatus
from tests import factories


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def as_user(api):
    """``as_user(user)``: the API client logged in as ``user`` (None for an anonymous visitor)."""

    def login(user):
        if user is not None and user.is_authenticated:
            api.force_authenticate(user)
        return api

    return login


@pytest.fixture
def world(db, coordinator_eg):
    organization = factories.OrganizationFactory(name="Public Prosecution of Egypt")
    network = factories.PersonFactory(family_name="Networked", organization=organization, country="EG")
    staff_only = factories.PersonFactory(family_name="Staffonly", visibility=Visibility.STAFF, country="EG")
    unlisted = factories.PersonFactory(family_name="Unlisted", visibility=Visibility.UNLISTED, country="EG")
    event = factories.EventFactory(title="Published symposium")
    draft = factories.EventFactory(title="Draft symposium", status=EventStatus.DRAFT)
    factories.EventCountryFactory(event=event, country="EG", delegation_size=4)
    factories.EventOrganizationFactory(event=event, organization=organization)
    participation = factories.ParticipationFactory(event=event, person=network)
    factories.ParticipationFactory(event=event, person=staff_only)
    recommendation = factories.RecommendationFactory(event=event)
    follow_up = factories.FollowUpFactory(recommendation=recommendation, country="EG", coordinator=staff_only)
    return {
        "organization": organization,
        "person": network,
        "staff_only": staff_only,
        "unlisted": unlisted,
        "focal_point": factories.FocalPointFactory(person=network, country="EG"),
        "event": event,
        "draft": draft,
        "participation": participation,
        "document": factories.DocumentFactory(event=event, visibility="public"),
        "recommendation": recommendation,
        "follow_up": follow_up,
        "follow_up_ma": factories.FollowUpFactory(recommendation=recommendation, country="MA"),
        "reminder": factories.ReminderFactory(follow_up=follow_up, recipient=network),
        "theme": factories.ThemeFactory(name="Digital evidence"),
        "programme": factories.ProgrammeFactory(name="Better Migration Management", acronym="BMM"),
        "instrument": (instrument := factories.InstrumentFactory(name="Protocol of the world", code="world")),
        "treaty_status": factories.TreatyStatusFactory(country="EG", instrument=instrument),
        "bilateral_treaty": factories.BilateralTreatyFactory(country_a="MA", country_b="EG"),
    }


@pytest.fixture
def keep_db_connection():
    """Calls straight into the WSGI app end with Django closing the database connection, which would end the test's
    transaction; Django's own test client prevents that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_for(db, keep_db_connection):
    def issue(user) -> dict:
        from core.tokens import create_token

        _token, key = create_token(user, "schemathesis")
        return {"Authorization": f"Token {key}"}

    return issue
