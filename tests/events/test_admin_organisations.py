"""An event's organisations: one row each with all its roles, and a new organisation created in the row."""

import re

from django.urls import reverse

from contacts.models import Organization
from events.models import Event, EventOrganization
from tests.admin_forms import changeform_data
from tests.events.test_admin import ADD_EVENT, event_post, form_errors
from tests.factories import EventFactory, EventOrganizationFactory, OrganizationFactory


def organisation_rows(rows: list[dict]) -> dict:
    return {"organizations": rows}


def test_a_new_name_waits_for_confirmation_and_creates_nothing(staff_client):
    row = {"name": "IOM Egypt", "roles": ["organiser"], "new_kind": "international", "new_country": "EG"}
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    assert response.status_code == 200
    assert "“IOM Egypt” is not in the registry yet" in form_errors(response)
    assert not Organization.objects.filter(name="IOM Egypt").exists() and not Event.objects.exists()
    page = response.content.decode()
    assert 'value="IOM Egypt"' in page  # the typed name is still there
    assert re.search(r'name="organizations-0-create"[^>]*checked', page)  # saving again confirms


def test_a_confirmed_new_name_needs_a_kind(staff_client):
    row = {"name": "IOM Egypt", "roles": ["organiser"], "create": "on"}
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    assert "Give the kind of the new organisation." in form_errors(response)
    assert not Organization.objects.filter(name="IOM Egypt").exists()


def test_an_unknown_country_of_a_new_organisation_is_an_error(staff_client):
    row = {"name": "IOM X", "roles": ["organiser"], "create": "on", "new_kind": "other", "new_country": "Xx"}
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    assert "Unknown country: Xx" in form_errors(response)
    assert not Organization.objects.filter(name="IOM X").exists()


def test_a_typed_name_of_an_existing_organisation_uses_it(staff_client):
    interpol = OrganizationFactory(name="INTERPOL", country="", kind="international")
    row = {"name": "interpol", "roles": ["partner"]}
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    assert response.status_code == 302, form_errors(response)
    assert list(Event.objects.get().organizations.values_list("organization", "role")) == [(interpol.pk, "partner")]
    assert Organization.objects.filter(name__iexact="interpol").count() == 1


def test_an_organisation_listed_twice_is_an_error(staff_client):
    OrganizationFactory(name="UNODC")
    rows = [{"name": "UNODC", "roles": ["partner"]}, {"name": "unodc", "roles": ["funder"]}]
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows(rows)))
    assert "An organisation is listed twice" in form_errors(response)
    assert not Event.objects.exists()


def test_an_organisation_with_two_roles_is_one_row_with_both_ticked(staff_client):
    event = EventFactory()
    iom = OrganizationFactory(name="IOM Egypt")
    EventOrganizationFactory(event=event, organization=iom, role="organiser")
    EventOrganizationFactory(event=event, organization=iom, role="funder")
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    formset = next(i.formset for i in page.context["inline_admin_formsets"] if i.formset.prefix == "organizations")
    existing = [form for form in formset.forms if form.instance.pk]
    assert len(existing) == 1
    assert sorted(existing[0]["roles"].value()) == ["funder", "organiser"]


def test_changing_the_roles_of_a_row_changes_the_rows_behind_it(staff_client):
    event = EventFactory()
    iom = OrganizationFactory(name="IOM Egypt")
    EventOrganizationFactory(event=event, organization=iom, role="organiser")
    EventOrganizationFactory(event=event, organization=iom, role="funder")
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data["organizations-0-roles"] = ["funder", "partner"]

    response = staff_client.post(change, data)

    assert response.status_code == 302, form_errors(response)
    assert set(event.organizations.values_list("role", flat=True)) == {"funder", "partner"}


def test_deleting_a_row_removes_every_role_of_the_organisation(staff_client):
    event = EventFactory()
    iom = OrganizationFactory(name="IOM Egypt")
    EventOrganizationFactory(event=event, organization=iom, role="organiser")
    EventOrganizationFactory(event=event, organization=iom, role="host")
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data["organizations-0-DELETE"] = "on"

    assert staff_client.post(change, data).status_code == 302
    assert not EventOrganization.objects.filter(event=event).exists()
    assert Organization.objects.filter(pk=iom.pk).exists()


def test_replacing_the_organisation_of_a_row_moves_its_roles(staff_client):
    event = EventFactory()
    old, new = OrganizationFactory(name="IOM Cairo"), OrganizationFactory(name="IOM Egypt")
    EventOrganizationFactory(event=event, organization=old, role="organiser")
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data["organizations-0-name"] = "IOM Egypt · Egypt"

    assert staff_client.post(change, data).status_code == 302
    assert list(event.organizations.values_list("organization", "role")) == [(new.pk, "organiser")]


def test_saving_again_after_the_notice_creates_the_new_organisation(staff_client):
    row = {"name": "IOM Egypt", "roles": ["organiser"], "new_kind": "international", "new_country": "EG"}
    first = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    data = changeform_data(first)
    data["organizations-0-new_kind"] = "international"  # as the page shows them again

    response = staff_client.post(ADD_EVENT, data)

    assert response.status_code == 302, form_errors(response)
    created = Organization.objects.get(name="IOM Egypt")
    assert (created.kind, created.country.code) == ("international", "EG")


def test_an_acronym_or_a_suggestion_names_an_existing_organisation(staff_client):
    unodc = OrganizationFactory(name="UN Office on Drugs and Crime", acronym="UNODC", country="")
    iom_eg = OrganizationFactory(name="IOM", country="EG")
    OrganizationFactory(name="IOM", country="DZ")
    rows = [{"name": "unodc", "roles": ["partner"]}, {"name": "IOM · Egypt", "roles": ["organiser"]}]
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows(rows)))
    assert response.status_code == 302, form_errors(response)
    assert set(Event.objects.get().organizations.values_list("organization", flat=True)) == {unodc.pk, iom_eg.pk}


def test_a_name_shared_by_two_organisations_asks_for_a_suggestion(staff_client):
    OrganizationFactory(name="IOM", country="EG")
    OrganizationFactory(name="IOM", country="DZ")
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([{"name": "IOM", "roles": ["organiser"]}])))
    assert "Several organisations are called so" in form_errors(response)


def test_the_suggestions_name_organisations_as_the_field_reads_them(staff_client):
    OrganizationFactory(name="IOM Egypt", country="EG")
    OrganizationFactory(name="INTERPOL", country="", kind="international")
    answer = staff_client.get(reverse("admin:events_event_organisation_names"), {"term": "i"}).json()
    assert answer == {"names": []}  # two letters at least
    answer = staff_client.get(reverse("admin:events_event_organisation_names"), {"term": "iom"}).json()
    assert answer == {"names": ["IOM Egypt · Egypt"]}
    answer = staff_client.get(reverse("admin:events_event_organisation_names"), {"term": "pol"}).json()
    assert answer == {"names": ["INTERPOL · international"]}


def test_the_suggestions_are_for_staff_only(client, member_ke):
    client.force_login(member_ke)
    response = client.get(reverse("admin:events_event_organisation_names"), {"term": "IOM"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_new_event_offers_six_organisation_rows_with_suggestions(staff_client):
    page = staff_client.get(ADD_EVENT).content.decode()
    assert 'name="organizations-5-name"' in page and 'name="organizations-6-name"' not in page
    field = re.search(r'<input[^>]*name="organizations-0-name"[^>]*>', page).group(0)
    assert 'list="organisation-suggestions"' in field
    assert '<datalist id="organisation-suggestions"' in page


def test_a_new_name_longer_than_an_organisation_holds_is_a_form_error(staff_client):
    row = {"name": "N" * 256, "roles": ["organiser"], "new_kind": "other", "create": "on"}
    response = staff_client.post(ADD_EVENT, event_post(organisation_rows([row])))
    assert response.status_code == 200
    assert "at most 255 characters" in form_errors(response)
    assert not Event.objects.exists()
