"""No plaintext on disk: after storing the whole corpus, no identifier is found in any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.importing import import_cases
from casus.services.vaults import create_vault
from tests.conftest import PASSPHRASE

IDENTIFYING_KINDS = {"person", "email", "phone"}
# Ciphertext is random: a 4-letter name matches somewhere in 2 MB of it, case-insensitively,
# about once in a hundred runs. From 6 characters on, a chance match is below one in a million,
# and every registered full name, address and number is at least that long.
MIN_TERM = 6


def identifiers(corpus_cases: list[dict]) -> set[str]:
    """Every registered name, e-mail address and phone number, and every name, e-mail address
    and phone number written in the texts (registered or not)."""
    found: set[str] = set()
    for case in corpus_cases:
        for person in case["persons"]:
            found.update(v for v in (person["name"], person["email"], person["phone"]) if v)
            found.update(person["name"].split())
        for spans in case["gold"].values():
            found.update(s["text"] for s in spans if s["kind"] in IDENTIFYING_KINDS)
    return {f for f in found if len(f) >= MIN_TERM}


def encodings(term: str) -> list[bytes]:
    return [term.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]


def leaks(folder: Path, terms: set[str]) -> list[tuple[str, str]]:
    hits = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        lowered = data.lower()
        for term in terms:
            if any(e in data or e.lower() in lowered for e in encodings(term)):
                hits.append((path.name, term))
    return hits


def test_corpus_leaves_no_identifier_in_any_file(
    tmp_path: Path, corpus_file: Path, corpus_cases: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = identifiers(corpus_cases)
    assert len(terms) > 100, "the check must have something to look for"
    folder = tmp_path / "werkmap"
    folder.mkdir()
    monkeypatch.chdir(folder)
    vault = create_vault(folder / "kluis.casus", PASSPHRASE)
    try:
        assert import_cases(vault, corpus_file) == len(corpus_cases)
        vault.backup(PASSPHRASE)
        # While open: the vault, its WAL and the backup.
        assert leaks(folder, terms) == []
    finally:
        vault.close()
    assert leaks(folder, terms) == []
    # The check itself finds a name in a plain file, so a clean result means something.
    (folder / "controle.txt").write_text(sorted(terms)[0], encoding="utf-16")
    assert leaks(folder, terms)
