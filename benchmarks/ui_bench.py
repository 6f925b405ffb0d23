"""Window benchmark: start to the first window, unlock to a visible case list, and every
keystroke of the filter, narrowing and widening, at 1,000 / 5,000 / 50,000 cases.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_bench.py [SIZES...]

Targets (issue 13, item 8): the first window under 1.5 s; unlock to a visible list under
0.5 s beyond the key derivation at 50,000; every filter keystroke under 30 ms (max under
50 ms) at 50,000. The key derivation is the production Argon2id and is reported on its own.

Widening is measured apart because it once grew worse than linearly: a letter that matches
nothing, then Backspace, gave back 50,000 rows in 6.3 s. Vaults are made once per size and
kept in the user cache folder (casus-bench), since 50,000 demo cases take minutes to write.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.pop("CASUS_INSECURE_TEST_KDF", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import platformdirs
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from casus.demo import fill_demo_vault
from casus.pseudonymise import Pseudonymiser
from casus.services.vaults import create_vault
from casus.vault import Vault
from casus.vault.kdf import derive_key
from casus.vault.store import read_salt
from ui.main_window import MainWindow

PASSPHRASE = "benchmark olifant danst op het dak"
SIZES = (1_000, 5_000, 50_000)
# Typed one letter at a time: demo references and labels ("DEMO-0", "racisme", "pesten").
NARROWING = ("demo-01", "pesten", "vrijgegeven", "wonen")

FIRST_WINDOW = """
import sys, time
from PySide6.QtTest import QTest
from ui import dialogs

def shown(dialog):
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    print(time.time(), flush=True)
    return False

dialogs.run = shown
from ui.launch import main
main([])
"""


def bench_vault(size: int) -> Path:
    folder = Path(platformdirs.user_cache_dir("casus-bench", appauthor=False))
    path = folder / f"ui-{size}.casus"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"ui-{size}.partial.casus"
        for leftover in folder.glob(f"ui-{size}.partial.casus*"):
            leftover.unlink(missing_ok=True)
        vault = create_vault(partial, PASSPHRASE)
        fill_demo_vault(vault, count=size)
        vault.close()
        partial.rename(path)
        for leftover in folder.glob(f"ui-{size}.partial.casus*"):
            leftover.unlink(missing_ok=True)  # its lock file
    Vault.open(path, PASSPHRASE).close()  # a vault from an older schema upgrades now, not while measured
    return path


def first_window() -> float:
    """Wall clock from starting `casus` to its start dialog on the screen, in a fresh process."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", FIRST_WINDOW], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1]) - started


def keystrokes(app: QApplication, window: MainWindow, text: str) -> tuple[list[float], list[float]]:
    """Typing `text` letter by letter (narrowing), then Backspace to empty (widening)."""
    field = window.filter_edit
    narrowing, widening = [], []
    for letter in text:
        started = time.perf_counter()
        QTest.keyClick(field, letter)
        app.processEvents()
        narrowing.append(time.perf_counter() - started)
    for _ in text:
        started = time.perf_counter()
        QTest.keyClick(field, "\b")
        app.processEvents()
        widening.append(time.perf_counter() - started)
    assert field.text() == ""
    return narrowing, widening


def measure(app: QApplication, size: int) -> None:
    path = bench_vault(size)
    engine = Pseudonymiser((), deduce_loader=None)
    started = time.perf_counter()
    derive_key(PASSPHRASE, read_salt(path))
    kdf = time.perf_counter() - started

    started = time.perf_counter()
    vault = Vault.open(path, PASSPHRASE)
    window = MainWindow(vault, engine)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    visible = time.perf_counter() - started
    assert window.case_list.model.rowCount() == size

    window.filter_edit.setFocus()
    narrowing: list[float] = []
    widening: list[float] = []
    for text in NARROWING:
        more, back = keystrokes(app, window, text)
        narrowing += more
        widening += back
    # A letter that matches nothing, then Backspace: every row comes back at once.
    nothing, back = keystrokes(app, window, "§")
    narrowing += nothing
    widening += back
    window.close()
    vault.close()

    def figures(times: list[float]) -> str:
        return f"median {statistics.median(times) * 1000:5.1f} ms, max {max(times) * 1000:5.1f} ms"

    print(
        f"{size:>6} cases  key derivation (Argon2id) {kdf:.2f} s; "
        f"unlock to a visible list beyond it {visible - kdf:.2f} s (total {visible:.2f} s)"
    )
    print(f"              filter, narrowing ({len(narrowing)} keys)  {figures(narrowing)}")
    print(f"              filter, widening ({len(widening)} keys)   {figures(widening)}")  # fmt: skip


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    starts = [first_window() for _ in range(3)]
    print(f"start to the first window (start dialog), 3 runs: {', '.join(f'{s:.2f}' for s in starts)} s")
    app = QApplication(sys.argv[:1])
    for size in sizes:
        measure(app, size)


if __name__ == "__main__":
    main()
