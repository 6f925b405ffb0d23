"""The core knows no Qt: every module of `casus` imports with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "ui"}:
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import casus
count = 0
for module in pkgutil.walk_packages(casus.__path__, "casus."):
    if ".migrations." in module.name + ".":
        continue
    importlib.import_module(module.name)
    count += 1
print(count)
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 15


def test_probe_can_fail() -> None:
    """The probe itself would notice a Qt import (so a pass above means something)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.replace("import casus\n", "import casus\nimport PySide6\n")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "the core imported PySide6" in result.stderr


def _sizes() -> list[str]:
    """Every class over 300 lines and function over 60 in casus/ and ui/ (migrations apart:
    a revision is a script that is read once, whole)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted([*(root / "casus").rglob("*.py"), *(root / "ui").rglob("*.py")]):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            limit = 300 if isinstance(node, ast.ClassDef) else 60
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_class_over_300_lines_and_no_function_over_60() -> None:
    assert _sizes() == []
