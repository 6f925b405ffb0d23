"""The import graph of casus/ and ui/: which package imports which (with how many imports),
and every group of modules that import each other in a cycle.

    python tools/import_graph.py [CHECKOUT]        # the current directory by default

Reads the source with `ast`, so it runs on any checkout, also one whose dependencies are not
installed (the closing note of issue 12 compares the graph before and after). Imports inside
functions count: a cycle hidden in a function is still a cycle. The rules the graph must keep
are import-linter's contracts in pyproject.toml (`lint-imports`).
"""

from __future__ import annotations

import ast
import collections
import sys
from pathlib import Path


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in [*(root / "casus").rglob("*.py"), *(root / "ui").rglob("*.py")]:
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def edges(known: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = collections.defaultdict(set)
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, *([base] if base else [])])
                named = [f"{base}.{alias.name}" for alias in node.names]
                targets = [t for t in named if t in known] or [base]
            else:
                continue
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]], names: list[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in names:
        if name not in index:
            visit(name)
    return groups


def package_of(module: str) -> str:
    parts = module.split(".")
    return "ui" if parts[0] == "ui" else ".".join(parts[:2])


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    known = modules(root)
    graph = edges(known)
    between: collections.Counter[tuple[str, str]] = collections.Counter()
    for source, targets in graph.items():
        for target in targets:
            if package_of(source) != package_of(target):
                between[(package_of(source), package_of(target))] += 1
    print("package imports (importer -> imported: modules importing):")
    for (source, target), count in sorted(between.items()):
        print(f"  {source} -> {target}: {count}")
    groups = cycles(graph, sorted(known))
    print(f"module cycles: {len(groups)}")
    for group in groups:
        print("  " + " <-> ".join(group))


if __name__ == "__main__":
    main()
