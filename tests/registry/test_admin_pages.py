"""Every admin page of the registry loads for IOM staff, and no changelist runs more queries for more rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import (
    Correction,
    ErasureRequest,
    ExportLog,
    FocalPoint,
    LookupLog,
    Organization,
    Person,
    Reconfirmation,
)
from events.models import BilateralTreaty, Event, Instrument, Participation, Programme, Theme, TreatyStatus
from recommendations.models import FollowUp, Recommendation, Reminder
from tests import factories

ROWS = {
    Organization: factories.OrganizationFactory,
    Person: factories.PersonFactory,
    FocalPoint: factories.FocalPointFactory,
    LookupLog: factories.LookupLogFactory,
    ExportLog: factories.ExportLogFactory,
    Event: factories.EventFactory,
    Participation: factories.ParticipationFactory,
    Programme: factories.ProgrammeFactory,
    Theme: factories.ThemeFactory,
    Instrument: factories.InstrumentFactory,
    TreatyStatus: factories.TreatyStatusFactory,
    BilateralTreaty: factories.BilateralTreatyFactory,
    Recommendation: factories.RecommendationFactory,
    FollowUp: factories.ProgressUpdateFactory,  # a follow-up with a progress update, for the read-only inline
    Reminder: factories.ReminderFactory,
    Reconfirmation: factories.ReconfirmationFactory,
    Correction: factories.CorrectionFactory,
    ErasureRequest: factories.ErasureRequestFactory,
}
READ_ONLY = {
    LookupLog,
    ExportLog,
    Reminder,
    Reconfirmation,
    ErasureRequest,
    Correction,
}  # written by the system: staff read them
DOMAIN_APPS = {"contacts", "events", "recommendations"}


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def create_row(model):
    row = ROWS[model]()
    return row.follow_up if model is FollowUp else row


def count_changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_every_registered_domain_model_is_covered_here():
    registered = {model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS}
    assert registered == set(ROWS)


@pytest.mark.parametrize("model", ROWS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(staff_client, model):
    create_row(model)
    with_one = count_changelist_queries(staff_client, model)
    for _ in range(19):
        create_row(model)
    with_twenty = count_changelist_queries(staff_client, model)
    assert with_twenty == with_one


@pytest.mark.parametrize("model", ROWS, ids=lambda model: model.__name__)
def test_add_and_change_pages_load_for_staff(staff_client, model):
    row = create_row(model)
    assert staff_client.get(url(model, "add")).status_code == (403 if model in READ_ONLY else 200)
    assert staff_client.get(url(model, "change", row.pk)).status_code == 200
    assert staff_client.get(url(model, "history", row.pk)).status_code == 200


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model.__name__)
def test_system_written_rows_are_read_only(staff_client, model):
    row = create_row(model)
    assert staff_client.get(url(model, "add")).status_code == 403
    assert staff_client.post(url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_network_member_is_sent_to_the_login_page(client, member_ke):
    client.force_login(member_ke)
    response = client.get(url(Person, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(url(Event, "changelist"))
    assert response.status_code == 302
