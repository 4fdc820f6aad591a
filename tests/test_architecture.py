"""The house is one-way: imports point down the layers, never in a circle.

Every import of the project's own modules is read from the source (imports
inside functions too). A module may import modules of its own layer or the
layers beneath it; pure modules import no Django at all. A new module must be
given a layer here, so the picture stays true.
"""

import ast
import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("config", "forum", "accounts", "moderation")

# Bottom to top. Patterns are module names (fnmatch); the first layer that
# matches a module is its layer.
LAYERS = [
    (
        "pure",
        [
            "moderation.normalize",
            "moderation.language",
            "moderation.context*",
            "moderation.senses*",
            "moderation.policy",
            "moderation.risk*",
            "moderation.sourcing*",
            "forum.rendering",
            "forum.clock",
            "accounts.skeleton",
            # The packages themselves: their __init__ modules are empty.
            "config",
            "forum",
            "accounts",
            "moderation",
        ],
    ),
    ("settings", ["config.settings", "config.pytest_plugin", "config.addresses", "*.migrations*"]),
    (
        "models",
        [
            "*.models",
            "forum.seed_data",
            "forum.identity",
            "accounts.permissions",
            "accounts.handles",
            "forum.permissions",
            "forum.drafts",
            "forum.draft_models",
            "forum.limits",
            "forum.cache_guard",
            "forum.cleaning",
            "forum.read_positions",
            "forum.follow_models",
        ],
    ),
    (
        "reads",
        [
            "moderation.watched",
            "moderation.screening",
            "forum.selectors",
            "forum.cards",
            "forum.rows",
            "forum.prepared",
            "forum.replies",
            "moderation.selectors",
            "moderation.transparency",
            "forum.search",
            "forum.history",
            # A member's place in each thread: written on reading, read by lists.
            "forum.reading",
        ],
    ),
    ("broadcasting", ["forum.live", "forum.delivery", "moderation.live", "forum.presence"]),
    ("notifications", ["accounts.notifications", "accounts.sockets", "forum.following"]),
    ("audit", ["moderation.audit"]),
    ("queue", ["moderation.queue"]),
    ("posting", ["forum.services", "forum.review", "forum.prompts"]),
    (
        "actions",
        [
            "moderation.actions",
            "moderation.flagging",
            "accounts.services",
            "accounts.recovery",
            "accounts.export",
        ],
    ),
    (
        "surfaces",
        [
            "*.views",
            "*_views",
            "*.forms",
            "*.consumers",
            "*.routing",
            "*.urls",
            "*.admin",
            "*.adapters",
            "*.decorators",
            "*.context_processors",
            "*.checks",
            "*.templatetags*",
            "*.management*",
            # The composition root: wires framework signals to the layers.
            "*.apps",
            "config.asgi",
            "config.websocket",
            "config.redirects",
            "forum.protocol",
            "forum.composer",
            "config.wsgi",
            "config.health",
            "config.middleware",
        ],
    ),
]
# Arrows the layer order alone would allow but the design forbids.
FORBIDDEN = [
    ("forum.models", "moderation*"),
    ("accounts.models", "forum*"),
    ("accounts.models", "moderation*"),
]
PURE_MAY_NOT_IMPORT = ("django", "channels", "daphne", "allauth", "asgiref")


def project_modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known) -> tuple[set[str], set[str]]:
    """(project modules imported, top-level packages imported) by one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    ours, tops = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
        else:
            continue
        for full in names:
            tops.add(full.split(".")[0])
            while full and full not in known:
                full = full.rpartition(".")[0]
            if full and full != name:
                ours.add(full)
    return ours, tops


def layer_of(name: str) -> int | None:
    for index, (_label, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            return index
    return None


@pytest.fixture(scope="module")
def graph():
    modules = project_modules()
    return {
        name: imports_of(name, path, modules)
        for name, path in modules.items()
        if ".migrations" not in name
    }


def test_every_module_has_a_layer(graph):
    missing = sorted(name for name in graph if layer_of(name) is None)
    assert not missing, f"Give these modules a layer in tests/test_architecture.py: {missing}"


def test_imports_point_down_the_layers(graph):
    upward = []
    for name, (ours, _tops) in graph.items():
        for target in ours:
            if (layer_of(target) or 0) > (layer_of(name) or 0):
                upward.append(
                    f"{name} ({LAYERS[layer_of(name)][0]}) imports "
                    f"{target} ({LAYERS[layer_of(target)][0]})"
                )
    assert not upward, "Imports against the layer order:\n" + "\n".join(sorted(upward))


def test_design_forbidden_arrows(graph):
    bad = [
        f"{name} imports {target}"
        for name, (ours, _tops) in graph.items()
        for target in ours
        for source, pattern in FORBIDDEN
        if name == source and fnmatch.fnmatchcase(target, pattern)
    ]
    assert not bad, bad


def test_pure_modules_import_no_django(graph):
    impure = [
        f"{name} imports {top}"
        for name, (_ours, tops) in graph.items()
        if layer_of(name) == 0
        for top in tops
        if top in PURE_MAY_NOT_IMPORT
    ]
    assert not impure, impure


def test_no_circle_of_imports(graph):
    # Tarjan's strongly connected components over the project's own modules.
    index, low, stack, on_stack, circles = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, (set(), set()))[0]:
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not circles, f"Imports in a circle: {circles}"


def test_no_module_is_longer_than_four_hundred_lines(graph):
    modules = project_modules()
    long = {
        name: n
        for name in graph
        if (n := len(modules[name].read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"Split these by concern: {long}"
