"""Imports point one way, down: registry -> recommendations -> events -> contacts -> core (see README, "Layout").

The imports are read from every module's syntax tree, so an import inside a function, a migration or a template tag
counts as much as one at the top of a file.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("core", "contacts", "events", "recommendations", "registry")  # each may import those before it
MAY_IMPORT = {layer: set(LAYERS[: i + 1]) for i, layer in enumerate(LAYERS)}


def imported_packages(source: str, module: str) -> set[tuple[str, int]]:
    """The top-level packages a module's code imports, with the line of each import; relative imports resolved."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # ``from ..models import X`` inside ``events.templatetags.x`` is ``events``
                package = module.split(".")[: -node.level]
                found.add((package[0] if package else module.split(".")[0], node.lineno))
            elif node.module:
                found.add((node.module.split(".")[0], node.lineno))
    return found


def upward_imports(layer: str, path: Path, source: str) -> list[str]:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    allowed = MAY_IMPORT[layer]
    return [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for package, line in sorted(imported_packages(source, module))
        if package in LAYERS and package not in allowed
    ]


def modules_of(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", LAYERS)
def test_no_module_imports_a_layer_above_its_own(layer):
    assert modules_of(layer), f"{layer}/ has no modules: was it renamed?"
    wrong = [found for path in modules_of(layer) for found in upward_imports(layer, path, path.read_text())]
    assert wrong == []


@pytest.mark.parametrize(
    ("layer", "source", "expected"),
    [
        ("core", "from contacts.models import Person", ["core/x.py:1 imports contacts"]),
        ("contacts", "import os\nfrom events.models import Event", ["contacts/x.py:2 imports events"]),
        ("contacts", "def f():\n    from registry.merge import merge_people", ["contacts/x.py:2 imports registry"]),
        ("events", "import recommendations.models", ["events/x.py:1 imports recommendations"]),
        ("recommendations", "from registry import settings", ["recommendations/x.py:1 imports registry"]),
        ("recommendations", "from events.models import Event\nfrom contacts import search\nfrom core import roles", []),
        ("registry", "from recommendations.models import FollowUp", []),
        ("events", "from .models import Event", []),
        ("events", "from ..models import Event", []),
    ],
)
def test_the_check_finds_an_import_against_the_direction(layer, source, expected):
    assert upward_imports(layer, ROOT / layer / "x.py", source) == expected
