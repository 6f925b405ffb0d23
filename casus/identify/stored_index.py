"""The vault-wide identifier indices as bytes, so that a vault can keep them.

Building the gate's indices over 150,000 person rows costs seconds (splitting every name and
indexing its forms), and every export and every meeting-mode screen needs them. The vault
keeps the built indices beside a generation number that its triggers raise on every change
to a person or a case reference (migration 0005); an export whose generation matches loads
them in a fraction of the build.

The bytes are named lists of strings: one text, a section header ("name count") followed by
that many lines. No pickle: the payload is data, and loading it runs no code. `fingerprint`
changes with the code and data the indices are built from, so an index made by another
version of Casus is never read as if it were this one's.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import marshal
import zlib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

FORMAT = "casus-identifier-index 1"

# The modules whose code decides what the indices hold: every module of the engine that
# building them reaches (tests/test_identifier_index.py checks the list is whole).
_BUILDERS = (
    "casus.identify.stored_index",
    "casus.identify.identifiers",
    "casus.identify.matcher",
    "casus.identify.name_index",
    "casus.identify.initials",
    "casus.identify.units",
    "casus.identify.tokens",
    "casus.identify.dutch_dictionary",
    "casus.identify.case_input",
    "casus.identify.spans",
    "casus.identify.names",
    "casus.identify.numbers",
    "casus.identify.folding",
    "casus.identify.lexicon",
)
_DATA_PACKAGES = ("confusables", "regex")


class StoredIndexError(ValueError):
    """The bytes are not an index this version wrote."""


@cache
def fingerprint() -> str:
    """A hash of the index's format, the code that builds it and the folding data it uses."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in _BUILDERS:
        module = importlib.import_module(name)
        source = getattr(module, "__file__", None)
        digest.update(name.encode())
        if source and Path(source).is_file():
            digest.update(Path(source).read_bytes())
        else:  # a frozen bundle keeps the compiled code in its archive, not in a file
            code = module.__loader__.get_code(name) if module.__loader__ else None  # type: ignore[attr-defined]
            digest.update(marshal.dumps(code))
    for package in _DATA_PACKAGES:
        try:
            digest.update(f"{package} {importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


def encode(sections: Mapping[str, Sequence[str]]) -> bytes:
    """Refuses (StoredIndexError) a value with a line break: it would split into two."""
    lines = [FORMAT]
    for name, values in sections.items():
        lines.append(f"{name} {len(values)}")
        lines.extend(values)
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:
        raise StoredIndexError("a value holds a line break")
    return zlib.compress(text.encode("utf-8"), 1)


def decode(payload: bytes) -> dict[str, list[str]]:
    try:
        lines = zlib.decompress(payload).decode("utf-8").split("\n")
    except (zlib.error, UnicodeDecodeError) as error:
        raise StoredIndexError("unreadable index") from error
    if not lines or lines[0] != FORMAT:
        raise StoredIndexError("another format")
    sections: dict[str, list[str]] = {}
    at = 1
    while at < len(lines):
        name, _, count = lines[at].rpartition(" ")
        if not name or not count.isdigit() or at + 1 + int(count) > len(lines):
            raise StoredIndexError("a damaged section")
        sections[name] = lines[at + 1 : at + 1 + int(count)]
        at += 1 + int(count)
    return sections
