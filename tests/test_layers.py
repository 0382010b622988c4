"""The import graph of the package: which layer may import which, and no cycles.

Read from the source with ``ast``, so every import counts, also one inside a function
(which hides a cycle from Python until the function runs); only ``if TYPE_CHECKING:``
blocks are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "claimledger"


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that ``module`` imports, wherever in the file."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for n in node.orelse:
                visit(n)
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    pkg = pkg.rpartition(".")[0]
                base = f"{pkg}.{base}" if base else pkg
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if sub in known else base)  # ``from pkg import module`` or a name
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return (out & known) - {module}


@cache
def graph() -> dict[str, frozenset[str]]:
    files = {_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    return {
        m: frozenset(_imports(ast.parse(p.read_text(encoding="utf-8")), m, p.name == "__init__.py", known))
        for m, p in files.items()
    }


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def cycles(g: dict[str, frozenset[str]], nodes: Iterable[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), within ``nodes``."""
    inside = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v] & inside):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(inside):
        if v not in index:
            connect(v)
    return found


def reachable(g: dict[str, frozenset[str]], start: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(g[m])
    return seen


def test_the_graph_sees_function_level_imports() -> None:
    # create_app imports the route modules inside the function; the graph must see that.
    assert "claimledger.web._pages" in graph()["claimledger.web._app"]


@pytest.mark.parametrize(
    "package", ["claimledger.ledger", "claimledger.web", "claimledger.pipeline", "claimledger"]
)
def test_no_import_cycles(package: str) -> None:
    g = graph()
    assert cycles(g, [m for m in g if _in(m, package)]) == []


def test_cycles_are_found() -> None:
    # The check above can fail: a two-module loop through a function-level import is one.
    g = {"a": frozenset({"b"}), "b": frozenset({"a"}), "c": frozenset({"a"})}
    assert cycles(g, g) == [["a", "b"]]


def test_the_ledger_never_reaches_the_pipeline_the_extractor_or_the_readers() -> None:
    g = graph()
    ledger = [m for m in g if _in(m, "claimledger.ledger")]
    outside = {m for m in reachable(g, ledger) if not _in(m, "claimledger.ledger")}
    assert outside <= {"claimledger._dates", "claimledger.errors", "claimledger.models"}


def test_the_neutral_helpers_import_only_errors() -> None:
    assert graph()["claimledger._dates"] <= {"claimledger.errors"}


def test_only_the_pipeline_joins_the_stages() -> None:
    # ingest and extract stay separate stages; the pipeline is what calls both.
    g = graph()
    for stage, other in (
        ("claimledger.ingest", "claimledger.extract"),
        ("claimledger.extract", "claimledger.ingest"),
    ):
        reached = reachable(g, [m for m in g if _in(m, stage)])
        assert not any(_in(m, other) or _in(m, "claimledger.pipeline") for m in reached), stage
