"""The package's modules form no import cycle: no module imports another that imports it back,
directly or through others, whether at module level or lazily inside a function (a lazy import is the
way to reach a heavy or optional dependency, not a way around a cycle); only `if TYPE_CHECKING:`
imports, which never run, are left out."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name of a relative import seen in module `current`."""
    if level == 0:
        return module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _runtime_nodes(tree: ast.Module) -> list[ast.stmt]:
    """Every statement that can run, inside functions too, except under `if TYPE_CHECKING:`."""
    out: list[ast.stmt] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.stmt):
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def import_graph(root: Path = PACKAGE, lazy: bool = False) -> dict[str, set[str]]:
    """Module -> the package modules it imports at module level (not inside functions or classes, and
    not under `if TYPE_CHECKING:`); with `lazy`, the imports inside functions count too."""
    files = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text("utf-8"))
        is_package = path.name == "__init__.py"
        for node in _runtime_nodes(tree) if lazy else tree.body:
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module)
                # `from . import x` may name a submodule; otherwise the module itself
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            for target in targets:
                while target and target not in files:  # `import extractor.x.y` where y is an attribute
                    target = target.rpartition(".")[0]
                if target and target != name and target in files:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_walker_sees_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "extractor"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub.b import f\n\ndef g():\n    from . import c\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("from ..a import x\n")
    (pkg / "c.py").write_text("from .a import g\n")  # a imports c only lazily: no cycle through c
    graph = import_graph(pkg)
    assert graph["extractor.a"] == {"extractor.sub.b"}
    assert graph["extractor.c"] == {"extractor.a"}
    cycle = find_cycle(graph)
    assert cycle is not None and set(cycle) == {"extractor.a", "extractor.sub.b"}
    (pkg / "sub" / "b.py").write_text("def h():\n    from ..a import x\n")
    assert find_cycle(import_graph(pkg)) is None
    assert find_cycle(import_graph(pkg, lazy=True)) is not None  # counted when lazy imports count


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = import_graph()
    assert "extractor.diff.core" in graph and "extractor.scorecard" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_cycle_even_through_lazy_imports() -> None:
    # a lazy import defers loading; it does not make two modules depend on each other any less
    cycle = find_cycle(import_graph(lazy=True))
    assert cycle is None, "import cycle (lazy imports counted): " + " -> ".join(cycle or [])


def private_imports(root: Path = PACKAGE) -> list[str]:
    """`from .other import _helper` anywhere in a module (lazy imports too): a private name used across
    modules belongs in a shared module under a public name."""
    files = {_module_name(p, root): p for p in root.rglob("*.py")}
    found = []
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module)
                if base.split(".")[0] != root.name or base == name:
                    continue
                found += [f"{name} imports {base}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_module_imports_another_modules_private_helpers(tmp_path: Path) -> None:
    pkg = tmp_path / "extractor"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def _helper():\n    pass\n")
    (pkg / "b.py").write_text("def f():\n    from .a import _helper\n")
    assert private_imports(pkg) == ["extractor.b imports extractor.a._helper"]
    assert private_imports() == []
