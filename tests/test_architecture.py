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
