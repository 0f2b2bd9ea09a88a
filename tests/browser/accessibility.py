"""What the accessibility tests share: axe-core as tests/browser/axe/package-lock.json pins it (installed with
``npm ci`` on first use), a browser context signed in as one of the cast, and axe's WCAG 2.1 A/AA violations of a
page, one line per rule with the nodes it found."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.services import IN_CI
from tests.signin import sign_in_with_second_factor

FOLDER = Path(__file__).parent / "axe"
AXE = FOLDER / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]

needs_npm = pytest.mark.skipif(
    not IN_CI and not shutil.which("npm"), reason="needs npm for axe-core (CI always has it)"
)

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help, targets: rule.nodes.map((node) => node.target.join(" ")),
  }));
}"""


def axe_script() -> Path:
    """axe-core's script, installed from the lock file if it is not yet."""
    if not AXE.exists():
        result = subprocess.run(  # noqa: S603
            ["npm", "ci", "--no-audit", "--no-fund"],  # noqa: S607
            cwd=FOLDER,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return AXE


def new_context(chromium, live_server, user=None, language: str = "en"):
    """A browser context with axe-core in every page, signed in as ``user`` (second factor passed) if given."""
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(axe_script()))  # through the DevTools protocol: the CSP does not apply to it
    if user is not None:
        client = Client()
        sign_in_with_second_factor(client, user)
        set_cookie(
            context, live_server, settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
        )
    set_cookie(context, live_server, settings.LANGUAGE_COOKIE_NAME, language)
    return context


def set_cookie(context, live_server, name: str, value: str) -> None:
    context.add_cookies([{"name": name, "value": value, "url": live_server.url}])


def axe_violations(page) -> list[str]:
    """axe's WCAG 2.1 A and AA violations of the page as it is now: "rule (impact: help): node, node, ..."."""
    found = page.evaluate(RUN_AXE, WCAG_21_AA)
    return [f"{rule['id']} ({rule['impact']}: {rule['help']}): {', '.join(rule['targets'])}" for rule in found]
