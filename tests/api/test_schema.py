"""The OpenAPI schema is valid, the docs work without a CDN, and the API honours its own schema (Schemathesis)."""

import json
import re

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, settings

from core.models import ApiToken
from registry.wsgi import application
from tests.api.conformance import CHECKS
from tests.factories import UserFactory


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_interactive_docs_load_their_assets_from_our_own_static_files(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
# The examples (every operation's, from the schema), fuzzing with valid and invalid data, and chains of calls (the
# stateful phase, below): seconds per role. The coverage phase, which enumerates every boundary value of every
# parameter, takes minutes per role: it is in test_schema_coverage.py, which `make test-schema` and CI run apart.
schema.config.phases.update(phases=["examples", "fuzzing", "stateful"])


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


STATEFUL = settings(max_examples=20, stateful_step_count=5, deadline=None, suppress_health_check=list(HealthCheck))


TOKEN_OPERATIONS = "/api/v1/me/tokens/"


def run_statefully(headers: dict, token_headers: dict) -> None:
    """Schemathesis's stateful phase: chains of calls through the links it infers from the schema (a created row's
    id into its detail, update and delete; a follow-up's into its progress), each answer checked as above. The token
    operations run with a token of another user of the same role, so that no chain revokes the token of the run.

    Each chain starts from the same rows and an empty cache (no rate-limit counts), rolled back after it: Hypothesis
    replays chains and insists that the same draws meet the same answers (FlakyStrategyDefinition otherwise)."""

    class Workflow(schema.as_state_machine()):
        def setup(self) -> None:
            cache.clear()
            self.savepoint = transaction.savepoint()

        def teardown(self) -> None:
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case) -> dict:
            return {"headers": token_headers if case.path.startswith(TOKEN_OPERATIONS) else headers}

        def validate_response(self, response, case, **kwargs) -> None:
            case.validate_response(response, checks=CHECKS)

    Workflow.run(settings=STATEFUL)


@pytest.mark.parametrize("role", ["staff", "member_ke", "coordinator_eg", "anonymous"])
@pytest.mark.django_db(transaction=False)
def test_chains_of_calls_conform_to_the_schema(request, world, token_for, keep_db_connection, role):
    if role == "anonymous":
        return run_statefully({}, {})
    user = request.getfixturevalue(role)
    twin = UserFactory(groups=list(user.groups.values_list("name", flat=True)), is_staff=user.is_staff)
    run_statefully(token_for(user), token_for(twin))
    assert ApiToken.objects.filter(user=user, name="schemathesis").exists()  # the run's token was never revoked


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


def as_json_schema(node):
    """OpenAPI 3.0's ``nullable`` in JSON Schema's words, so that jsonschema can check the examples."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def test_every_operation_has_examples_that_its_schema_accepts(served_schema):
    import jsonschema

    root = {"components": as_json_schema(served_schema["components"])}
    checked = 0
    for path, operations in served_schema["paths"].items():
        for method, operation in operations.items():
            bodies = list(operation.get("requestBody", {}).get("content", {}).values())
            answers = [
                media for answer in operation["responses"].values() for media in answer.get("content", {}).values()
            ]
            for media in bodies + answers:
                assert "example" in media, (method, path)
                jsonschema.validate(media["example"], {**root, **as_json_schema(media["schema"])})
                checked += 1
    assert checked > 200
    text = json.dumps(served_schema)
    addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert addresses and all(address.endswith("@example.org") for address in addresses), addresses
