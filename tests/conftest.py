"""Shared fixtures. Vaults are real SQLCipher files in a temporary folder.

Tests create vaults with the cheap, explicitly test-only KDF profile (CASUS_INSECURE_TEST_KDF);
test_vault.py checks that without it a vault gets the production parameters. User folders
(settings, data, cache) point into a temporary folder, so no test reads or writes the user's.
"""

from __future__ import annotations

import json
import os
import runpy
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["CASUS_INSECURE_TEST_KDF"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
USER_DIRS = Path(tempfile.mkdtemp(prefix="casus-test-home-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(USER_DIRS / _variable.lower())
os.environ.pop("CASUS_PASSPHRASE", None)
os.environ.pop("CASUS_NEW_PASSPHRASE", None)

from casus.pseudonymise import Pseudonymiser  # noqa: E402
from casus.services.vaults import create_vault  # noqa: E402
from casus.vault import Vault  # noqa: E402

PASSPHRASE = "paarse olifant danst op het dak"
OTHER_PASSPHRASE = "groene giraf fietst naar de maan"
# The invented development corpora and their resolver live in the repository: a fresh clone
# runs every test.
CORPUS_DIR = Path(__file__).resolve().parent / "data" / "corpus"
# The three parties' vaults the exchange tests share (the `parties` fixture).
pytest_plugins = ["tests.exchange_parties"]


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "kluis" / "test.casus"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    opened = create_vault(vault_path, PASSPHRASE, actor="test")
    try:
        yield opened
    finally:
        opened.close()


def _load_corpus() -> list[dict]:
    source = CORPUS_DIR / "dev.jsonl"
    resolve = runpy.run_path(str(CORPUS_DIR / "resolve.py"))
    cases = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            cases.append(resolve["check_case"](json.loads(line)))
    return cases


@pytest.fixture(scope="session")
def corpus_cases() -> list[dict]:
    """The development corpus with plain texts and a `gold` list per text field."""
    return _load_corpus()


@pytest.fixture(scope="session")
def corpus_file(corpus_cases: list[dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as an import file (plain texts; `gold` kept: the importer ignores it)."""
    path = tmp_path_factory.mktemp("corpus") / "dev-plain.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for case in corpus_cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def engine() -> Pseudonymiser:
    """One pseudonymiser with deduce for the whole run: deduce loads once (its trimmed
    lookup cache is built in the temporary user cache folder on first use)."""
    from casus.identify.catalogue import default_units
    from casus.pseudonymise import Pseudonymiser

    pseudonymiser = Pseudonymiser(default_units())
    pseudonymiser.warm_up()
    return pseudonymiser


@pytest.fixture
def light_engine() -> Pseudonymiser:
    """Without deduce: for service tests where only the registry and patterns matter."""
    from casus.pseudonymise import Pseudonymiser

    return Pseudonymiser([], deduce_loader=None)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes: to prove that a failed action wrote nothing."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture(autouse=True)
def _nothing_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that leaves a visible window, a running timer's window or a worker thread
    behind makes the next test race it under load: fail it where it happened. Runs after
    pytest-qt has closed the widgets the test registered (it is set up before `qtbot`)."""
    import gc
    import threading

    before = {t.ident for t in threading.enumerate()}
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    from PySide6.QtCore import QSettings

    from ui.settings import WINDOW_SIZES

    QSettings().remove(WINDOW_SIZES)  # a size one test left is not the next test's start
    if not QThreadPool.globalInstance().waitForDone(10_000):
        pytest.fail("a worker of the thread pool was still running after the test")
    app.processEvents()
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in visible:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    # What the test's windows left in reference cycles goes now, while nothing else runs,
    # not inside the next test's database call (where the collector once crashed a run).
    gc.collect()
    app.processEvents()
    assert not visible, f"the test left {len(visible)} window(s) open: {[type(w).__name__ for w in visible]}"
    started = [t for t in threading.enumerate() if t.ident not in before and t.is_alive() and not t.daemon]
    assert not started, f"the test left {len(started)} thread(s) running"
