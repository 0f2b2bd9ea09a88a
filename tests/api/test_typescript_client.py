"""A TypeScript client generated from the served schema (openapi-typescript's types, openapi-fetch's calls, both
pinned in tests/api/typescript/package.json), type-checked with no hand edits and run with Node against a live
server: the journey of test_generated_client.py. Any warning of the generator or the compiler fails the test.
Outside CI it skips without Node and npm; CI has them."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from recommendations.models import ProgressUpdate
from tests.services import IN_CI

FOLDER = Path(__file__).parent / "typescript"

pytestmark = pytest.mark.skipif(
    not IN_CI and not (shutil.which("node") and shutil.which("npm")),
    reason="needs Node.js and npm (CI always has them)",
)


def run(*command: str, env: dict | None = None) -> str:
    result = subprocess.run(  # noqa: S603
        command, cwd=FOLDER, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The packages of the lock file, the types generated from the schema, the journey compiled with them."""
    if not (FOLDER / "node_modules").exists():
        run("npm", "ci", "--no-audit", "--no-fund")
    schema = tmp_path_factory.mktemp("schema") / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    generated = run("npx", "openapi-typescript", str(schema), "-o", "schema.d.ts")
    assert "warn" not in generated.lower() and "⚠" not in generated, generated
    assert run("npx", "tsc", "-p", ".") == ""  # no error, no warning: the client is used as generated
    return FOLDER / "build" / "journey.js"


@pytest.fixture
def journey_data(seeded, coordinator_eg):
    from tests import factories

    event = factories.EventFactory(title="Regional symposium on digital evidence")
    factories.EventCountryFactory(event=event, country="EG")
    factories.PersonFactory(given_name="Mohamed", family_name="Hegazi", country="EG", organization=None)
    follow_up = factories.FollowUpFactory(recommendation=factories.RecommendationFactory(event=event), country="EG")
    return {"follow_up": follow_up}


@pytest.mark.django_db(transaction=True)
def test_the_generated_typescript_client_runs_the_members_and_the_coordinators_journey(
    compiled, live_server, journey_data, member_ke, coordinator_eg, settings, tmp_path
):
    from core.tokens import create_token

    settings.MEDIA_ROOT = tmp_path
    _token, key = create_token(coordinator_eg, "typescript client")
    environment = {
        "REGISTRY_URL": live_server.url,
        "COORDINATOR_TOKEN": key,
        "FOLLOW_UP": str(journey_data["follow_up"].pk),
    }

    found = json.loads(run("node", str(compiled), env=environment))

    assert found["member"] == {
        "events": ["Regional symposium on digital evidence"],
        "people": [["Mohamed", "Hegazi"]],
        "count_capped": False,
        "refused": [400, ["page_size"]],
    }
    assert found["coordinator"] == {"status": "in_progress", "note": "Decree adopted"}
    update = ProgressUpdate.objects.get()
    assert update.evidence_file.read() == b"%PDF-1.4 decree of 2026"
