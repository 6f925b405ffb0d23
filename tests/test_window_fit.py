"""Every window fits the screen it opens on and keeps every control reachable, on a
1366×768 laptop and on the same laptop at 200% scaling (683×384 points); each remembers
its size per screen (issue 13, item 6).

The screens are the offscreen platform's, configured per run: a process of its own each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

PROBE = Path(__file__).parent / "window_fit_probe.py"


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 1), (1366, 768, 2)])
def test_every_window_fits_the_screen_and_every_control_is_reachable(
    tmp_path: Path, width: int, height: int, scale: int
) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96 * scale, "logicalBaseDpi": 96, "dpr": scale}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}))
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True, env=environment,
                          timeout=300, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    room_width, room_height = found["room"]
    assert (room_width, room_height) == (width // scale, height // scale), "the screen the probe had"
    assert len(found["windows"]) == 11
    for name, window in found["windows"].items():
        window_width, window_height = window["size"]
        assert window_width <= room_width and window_height <= room_height, (name, window["size"])
        assert window["controls"] > 0 and window["unreachable"] == [], (name, window["unreachable"])


def test_a_window_opens_at_the_size_it_had_on_a_screen_of_that_size(qtbot, vault) -> None:
    from PySide6.QtGui import QGuiApplication

    from casus.pseudonymise import Pseudonymiser
    from ui import settings
    from ui.main_window import MainWindow

    room = QGuiApplication.primaryScreen().availableGeometry().size()
    light = Pseudonymiser((), deduce_loader=None)  # three windows: no deduce loading thrice
    window = MainWindow(vault, light)
    qtbot.addWidget(window)
    window.show()
    chosen = QSize(min(700, room.width() - 40), min(450, room.height() - 60))
    window.resize(chosen)
    window.hide()  # as a dialog's accept does; closing the main window would lock the vault
    assert settings.window_size("MainWindow", room) == chosen
    again = MainWindow(vault, light)
    qtbot.addWidget(again)
    assert again.size() == chosen, "the size it had here"
    other_screen = QSize(room.width() * 2, room.height() * 2)
    assert settings.window_size("MainWindow", other_screen) is None, "another screen keeps its own"
    settings.keep_window_size("MainWindow", room, QSize(room.width() * 3, room.height() * 3))
    third = MainWindow(vault, light)
    qtbot.addWidget(third)
    assert third.width() <= room.width() and third.height() <= room.height(), "never beyond the screen"
    for each in (third, again):
        each.hide()
