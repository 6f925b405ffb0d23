"""deduce's word lists as data: the Dutch names, places and frequent words it ships.

Reading them needs only the installed package, not a deduce instance, so the identifier
engine and the lexicon can use them without loading deduce's annotators (that is
`casus.pseudonymise.deduce_support`).

deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) when it is imported;
that would send every library's debug lines (and our JSON output's neighbours) to standard
output, so the handler it adds is removed again on import.
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from types import ModuleType
from typing import Any

_import_lock = threading.Lock()
_deduce_module: ModuleType | None = None


def import_deduce() -> ModuleType:
    """Import deduce without letting it configure the root logger."""
    global _deduce_module
    with _import_lock:
        if _deduce_module is None:
            root = logging.getLogger()
            handlers, level = list(root.handlers), root.level
            import deduce

            for handler in list(root.handlers):
                if handler not in handlers:
                    root.removeHandler(handler)
            root.setLevel(level)
            _deduce_module = deduce
        return _deduce_module


def deduce_version() -> str:
    return str(import_deduce().__version__)


def package_lists() -> Any:
    import_deduce()
    return resources.files("deduce").joinpath("data").joinpath("lookup").joinpath("src")


def raw_word_list(relative: str) -> set[str]:
    """Items of one of deduce's word lists (items.txt minus exceptions.txt)."""
    folder = package_lists().joinpath(*relative.split("/"))
    items = {line.strip() for line in folder.joinpath("items.txt").read_text("utf-8").splitlines()}
    exceptions_file = folder.joinpath("exceptions.txt")
    if exceptions_file.is_file():
        items -= {line.strip() for line in exceptions_file.read_text("utf-8").splitlines()}
    items.discard("")
    return items
