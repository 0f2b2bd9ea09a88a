"""A Python client generated from the served schema by openapi-python-client, with no hand edits, against a live
server: a member signs in for a token, lists events and searches people; a coordinator records progress with an
evidence file. Any warning of the generator fails the test."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from recommendations.models import ProgressUpdate
from tests import factories

PACKAGE = "cooperation_registry_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package, generated once for the module; the generator's own output must hold no warning."""
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    binaries = Path(sys.executable).parent  # openapi-python-client and the ruff it formats with
    result = subprocess.run(  # noqa: S603
        [str(binaries / "openapi-python-client"), "generate", "--path", str(schema), "--meta", "none"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"},
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(folder))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(folder))
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]


def module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def journey_data(seeded, coordinator_eg):
    event = factories.EventFactory(title="Regional symposium on digital evidence")
    factories.EventCountryFactory(event=event, country="EG")
    factories.PersonFactory(given_name="Mohamed", family_name="Hegazi", country="EG", organization=None)
    recommendation = factories.RecommendationFactory(event=event)
    follow_up = factories.FollowUpFactory(recommendation=recommendation, country="EG")
    return {"event": event, "follow_up": follow_up}


@pytest.mark.django_db(transaction=True)
def test_a_member_lists_events_and_searches_people_with_the_generated_client(
    generated, live_server, journey_data, member_ke
):
    models = module("models")
    login = module("api.auth.auth_token_create").sync(
        client=generated.Client(base_url=live_server.url),
        body=models.TokenLoginRequest(
            username="member_ke", password="correct horse battery staple", name="generated client"
        ),
    )
    assert isinstance(login, models.NewApiToken), login
    client = generated.AuthenticatedClient(base_url=live_server.url, token=login.token, prefix="Token")

    events = module("api.events.events_list").sync(client=client, country=[models.CountryEnum.EG])
    assert [event.title for event in events.results] == ["Regional symposium on digital evidence"]

    found = module("api.people.people_list").sync(client=client, q="Muhammad Hegazy", page_size=10)
    assert found.count_capped is False
    assert [(person.given_name, person.family_name) for person in found.results] == [("Mohamed", "Hegazi")]

    refused = module("api.people.people_list").sync(client=client, country=[models.CountryEnum.EG], page_size=0)
    assert isinstance(refused, models.ValidationError)


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_records_progress_with_evidence_through_the_generated_client(
    generated, live_server, journey_data, coordinator_eg, settings, tmp_path
):
    from core.tokens import create_token

    settings.MEDIA_ROOT = tmp_path
    models = module("models")
    types = module("types")
    _token, key = create_token(coordinator_eg, "generated client")
    client = generated.AuthenticatedClient(base_url=live_server.url, token=key, prefix="Token")
    evidence = types.File(payload=b"%PDF-1.4 decree of 2026", file_name="decree.pdf", mime_type="application/pdf")
    body = models.ProgressUpdateRequest(
        status=models.FollowUpStatusEnum.IN_PROGRESS, note="Decree adopted", evidence_file=evidence
    )

    posted = module("api.follow_ups.follow_ups_progress_create").sync(
        str(journey_data["follow_up"].pk), client=client, body=body
    )

    assert isinstance(posted, models.ProgressUpdate), posted
    update = ProgressUpdate.objects.get()
    assert (update.status_after, update.note) == ("in_progress", "Decree adopted")
    assert update.evidence_file.read() == b"%PDF-1.4 decree of 2026"
