"""Application start-up: the demo vault, the start dialog, the main window."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from casus.demo import (
    DEMO_PASSPHRASE,
    add_demo_exchange,
    add_demo_follow_ups,
    fill_demo_vault,
    plan_demo_meetings,
    release_demo_cases,
)
from casus.pseudonymise import Pseudonymiser
from casus.services.vaults import create_vault
from casus.vault import Vault
from casus.vault.store import lock_path
from ui import crash_guard, dialogs
from ui.focus_style import install_focus_style
from ui.main_window import MainWindow
from ui.messages import describe
from ui.start_dialog import StartDialog
from ui.system_libraries import missing_message

APP_NAME = "Casus"


def demo_root() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo"


def demo_vault_path(root: Path | None = None) -> Path:
    """A demo vault of this instance's own: a second `casus --demo` never touches the first's."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    return (root or demo_root()) / f"{stamp}-{os.getpid()}" / "demo.casus"


def remove_unused_demo_vaults(root: Path | None = None) -> None:
    """Earlier instances' demo vaults, except those still open (their lock is held)."""
    root = root or demo_root()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        vault_file = folder / "demo.casus"
        if not folder.is_dir():
            continue
        lock = FileLock(str(lock_path(vault_file)), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # in use by another instance
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()


def create_demo_vault(path: Path | None = None) -> Vault:
    """A fresh vault with invented cases, of this instance alone; unused earlier ones go."""
    if path is None:
        remove_unused_demo_vaults()
        path = demo_vault_path()
    elif path.parent.exists():
        shutil.rmtree(path.parent)
    vault = create_vault(path, DEMO_PASSPHRASE, actor="demo")
    fill_demo_vault(vault)
    release_demo_cases(vault)
    plan_demo_meetings(vault)
    add_demo_follow_ups(vault)
    add_demo_exchange(vault)
    return vault


class Application:
    """Keeps the window and the start dialog in turn: lock returns to the dialog."""

    def __init__(self, vault: Vault | None) -> None:
        self.window: MainWindow | None = None
        # One pseudonymiser for the whole session: deduce loads once, not per unlock.
        self.pseudonymiser = Pseudonymiser(())
        if vault is not None:
            self._show(vault)
        else:
            self.ask()

    def ask(self) -> None:
        # Unlocking the same vault returns to where the user was (held in memory only).
        previous = self.window
        state = getattr(previous, "last_view_state", None) if previous is not None else None
        path = previous.vault_path if previous is not None else None
        dialog = StartDialog(path=str(path) if path is not None else None)
        if dialogs.run(dialog) and dialog.vault is not None:
            self._show(dialog.vault)
            if state and self.window is not None and dialog.vault.path == path:
                self.window.restore_view_state(state)
        else:
            QApplication.quit()

    def _show(self, vault: Vault) -> None:
        self.window = MainWindow(vault, self.pseudonymiser)
        self.window.locked.connect(self.ask)
        self.window.show()


def install_dutch_translations(app: QApplication) -> QTranslator:
    """Qt's own texts (file dialogs, standard buttons, context menus) in Dutch, from the
    translations PySide6 ships. Keep the returned translator alive as long as the app."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return translator


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="casus")
    parser.add_argument(
        "--demo", action="store_true", help="open een nieuwe demokluis met verzonnen casussen"
    )
    args = parser.parse_args(list(argv))
    missing = missing_message()
    if missing:  # before Qt, which would abort the process and name the wrong library
        print(missing, file=sys.stderr)
        return 1
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    translator = install_dutch_translations(app)  # noqa: F841  (kept alive for the app's life)
    install_focus_style(app)
    crash_guard.install()
    vault = None
    if args.demo:
        try:
            vault = create_demo_vault()
        except Exception as error:
            dialogs.show_error(None, describe(error))
            return 1
    holder = Application(vault)
    if holder.window is None:
        return 0
    return app.exec()
