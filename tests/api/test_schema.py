"""The OpenAPI schema is valid, the docs work without a CDN, and the API honours its own schema (Schemathesis)."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.wsgi import application


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_interactive_docs_load_their_assets_from_our_own_static_files(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
# The coverage phase enumerates every boundary value of every parameter: minutes per run. Fuzzing, with valid and
# invalid data, in a few seconds, is what the suite can afford.
schema.config.phases.update(phases=["examples", "fuzzing"])
# No 5xx for any input, and every answer (errors included) as the schema documents it.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


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


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=False)
def test_api_conforms_to_its_schema_as_staff(case, world, staff, token_for):
    case.call_and_validate(headers=token_for(staff), checks=CHECKS)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=False)
def test_api_conforms_to_its_schema_as_network_member(case, world, member_ke, token_for):
    case.call_and_validate(headers=token_for(member_ke), checks=CHECKS)


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=False)
def test_api_conforms_to_its_schema_as_a_national_coordinator(case, world, coordinator_eg, token_for):
    case.call_and_validate(headers=token_for(coordinator_eg), checks=CHECKS)


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=False)
def test_api_conforms_to_its_schema_as_an_anonymous_visitor(case, world, keep_db_connection):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def served_schema(client) -> dict:
    return client.get("/api/v1/schema/?format=json").json()


@pytest.mark.django_db
def test_code_lists_are_enums_of_the_tables_that_define_them(served_schema):
    from django_countries import countries

    from contacts.models import Channel, Expertise, Language, Role

    components = served_schema["components"]["schemas"]
    for name, model in (("RoleEnum", Role), ("ExpertiseEnum", Expertise), ("ChannelEnum", Channel)):
        assert set(components[name]["enum"]) == set(model.objects.values_list("code", flat=True)), name
    assert set(components["LanguageCodeEnum"]["enum"]) == set(Language.objects.values_list("code", flat=True))
    person = components["Person"]["properties"]
    assert person["languages"]["items"] == {"$ref": "#/components/schemas/LanguageCodeEnum"}
    parameters = {p["name"]: p for p in served_schema["paths"]["/api/v1/people/"]["get"]["parameters"]}
    assert parameters["country"]["schema"]["items"] == {"$ref": "#/components/schemas/CountryEnum"}
    assert parameters["language"]["schema"]["items"] == {"$ref": "#/components/schemas/LanguageCodeEnum"}
    assert set(components["CountryEnum"]["enum"]) == {code for code, _name in countries}
    assert parameters["country"]["explode"] is True
    assert parameters["ordering"]["explode"] is True


def test_public_reads_allow_anonymous_callers_and_429_says_when_to_retry(served_schema):
    paths = served_schema["paths"]
    assert {} in paths["/api/v1/events/"]["get"]["security"]
    assert {} in paths["/api/v1/countries/{code}/"]["get"]["security"]
    assert {} not in paths["/api/v1/people/"]["get"]["security"]
    assert {} not in paths["/api/v1/events/{id}/participants/"]["get"]["security"]
    assert "Retry-After" in paths["/api/v1/people/{id}/"]["get"]["responses"]["429"]["headers"]
