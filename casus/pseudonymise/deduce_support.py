"""Loading deduce once, lazily, lighter than its default, with its cache outside site-packages.

deduce 3 builds lookup structures from its word lists and pickles them beside the lists,
inside site-packages (read-only in an installed app, shared between users). Casus copies
the lists it needs into the user cache directory (platformdirs) and points deduce there,
which is the route deduce documents for changed lists.

What this domain does not need is cut: deduce's own street annotator (its street list held
as Python structures is most of deduce's memory and its 80-second first build; Casus reads the
same list as a memory-mapped trie instead, casus.identify.places), hospitals and care
institutions, and ages. What remains takes about 3 s to build the first time, 0.3 s to load
afterwards and under 100 MB. Importing deduce without its logging set-up is
casus.identify.wordlists.import_deduce.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from casus.identify.wordlists import deduce_version, import_deduce, package_lists

_UNUSED_LISTS = (
    "locations/lst_street",
    "institutions/lst_healthcare_institution",
    "institutions/lst_hospital",
    "institutions/lst_hospital_abbr",
)
_UNUSED_ANNOTATORS = ("street_lookup", "hospital", "institution", "age")
# Dutch country names (CLDR) that deduce's list also holds as a Dutch hamlet. In a case
# file they name the country, often the reporter's origin: the case's ground, not an
# identifier, and replacing them would hide what the case is about.
# (They come from CLDR: casus.identify.world.)
# Bump when the trimming changes, so that an old cache is not used.
_TRIM_VERSION = 2
# Lists deduce requires to exist; an empty stand-in keeps its loader satisfied. The
# loaders drop items shorter than 4 characters, so this line becomes nothing.
_EMPTY_LIST_ITEM = "x\n"


def default_cache_dir() -> Path:
    return (
        platformdirs.user_cache_path("Casus", appauthor=False) / f"deduce-{deduce_version()}-{_TRIM_VERSION}"
    )


def _copy_lists(target: Path) -> None:
    source = Path(str(package_lists()))
    shutil.copytree(source, target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.pyc"))
    for relative in _UNUSED_LISTS:
        folder = target / "src" / relative
        shutil.rmtree(folder)
        folder.mkdir()
        (folder / "items.txt").write_text(_EMPTY_LIST_ITEM, encoding="utf-8")
    for places in (target / "src" / "locations" / "lst_placename").glob("lst_*"):
        exceptions = places / "exceptions.txt"
        known = exceptions.read_text("utf-8") if exceptions.exists() else ""
        exceptions.write_text(
            known.rstrip("\n") + "\n" + "\n".join(sorted(_countries())) + "\n", encoding="utf-8"
        )


def _countries() -> set[str]:
    """CLDR's Dutch country names as written (deduce compares its own spelling)."""
    from babel import Locale

    return set(Locale("nl").territories.values())


def trimmed_config() -> dict[str, Any]:
    base = json.loads(resources.files("deduce").joinpath("base_config.json").read_text("utf-8"))
    config = copy.deepcopy(base)
    for name in _UNUSED_ANNOTATORS:
        config["annotators"].pop(name, None)
    return dict(config)


def _construct(lookup_dir: Path) -> Any:
    deduce = import_deduce()
    return deduce.Deduce(
        load_base_config=False, config=trimmed_config(), lookup_data_path=lookup_dir, cache_path=lookup_dir
    )


def load_deduce(cache_dir: Path | None = None) -> Any:
    """A ready deduce instance; builds the trimmed lists and their cache on first use.

    The build happens in a temporary folder that is renamed into place only when deduce
    has written its cache, so that two Casus processes starting at once never read a
    half-written cache. The cache holds public word lists only, never case data.
    """
    target = cache_dir or default_cache_dir()
    if not (target / "cache").is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
        try:
            _copy_lists(building)
            _construct(building)
            # If another process finished first, the target is a non-empty folder: use it.
            with contextlib.suppress(OSError):
                os.replace(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return _construct(target)
