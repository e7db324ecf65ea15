"""The layout a newcomer reads: bot/ grouped into packages, no import cycles, retrieval knows nothing of bot.

Read with `ast` only (nothing is imported), so a cycle is found even where a lazy import hides it at run time.
"""
from __future__ import annotations

import ast
from pathlib import Path

from retrieval.settings import PROJECT_ROOT

PACKAGES = ("bot", "retrieval")
MAX_TOP_LEVEL_BOT_MODULES = 12


def module_files() -> dict[str, Path]:
    """Every project module under bot/ and retrieval/ by dotted name (a package by its __init__)."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules: set[str]) -> set[str]:
    """The project modules `name` imports anywhere in the file (top level, functions, TYPE_CHECKING blocks)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: from . import x / from .y import z
                parts = name.split(".")[: name.count(".") + 1 - node.level + is_package]
                source = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:  # `from p import m` imports module p.m, else a name from p itself
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports, including the packages Python imports on the way
    (importing bot.chat.render runs bot/chat/__init__.py), except the importer's own enclosing packages."""
    files = module_files()
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        targets = set()
        for imported in imported_modules(name, path, set(files)):
            parts = imported.split(".")
            enclosing = {".".join(parts[:i]) for i in range(1, len(parts))}
            targets |= {imported} | {p for p in enclosing - own if p in files}  # retrieval/ has no __init__
        targets.discard(name)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path a -> b -> ... -> a, or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_the_project() -> None:
    graph = import_graph()
    assert "bot.app" in graph and "retrieval.service" in graph
    assert "bot.settings" in graph["bot.app"]
    assert "retrieval.deadlines.registry" in graph["retrieval.deadlines"]  # packages inside retrieval/ too
    assert "retrieval.deadlines" in graph["bot.reminders.service"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_module_imports_another_that_imports_it_back() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_at_most_twelve_modules_sit_directly_in_bot() -> None:
    top = sorted(p.name for p in (PROJECT_ROOT / "bot").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_BOT_MODULES, top


def test_retrieval_knows_nothing_of_bot() -> None:
    graph = import_graph()
    offenders = {name: sorted(t for t in targets if t.split(".")[0] == "bot")
                 for name, targets in graph.items() if name.split(".")[0] == "retrieval"}
    assert not {name: t for name, t in offenders.items() if t}
