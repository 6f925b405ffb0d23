"""Street, square and neighbourhood names from deduce's own list, in a compact structure.

deduce ships 153,000 Dutch street names (BAG); its own annotator holds them in memory as
Python structures, which is most of its 1.1 GB. Casus folds them once into a marisa trie
(a succinct, memory-mapped structure: 0.6 MB on disk, loaded in a millisecond, a lookup
well under a microsecond) in the user cache folder, built in a temporary file and renamed
into place, so two processes starting together never read half a file. The list holds
public names only.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import marisa_trie
import platformdirs

from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import is_common_word
from casus.identify.tokens import Token
from casus.identify.wordlists import deduce_version, raw_word_list
from casus.identify.world import country_names

_VERSION = 1
_SPACE = re.compile(r"\s+")
_lock = threading.Lock()
_trie: marisa_trie.Trie | None = None
# What may stand before a place's name and makes a one-word name a place: "aan de Kikkenstein",
# "op het Damrak", "langs het Amstelkanaal", "bij Kraaiennest".
_PLACE_WORDS = frozenset(
    {
        "de",
        "het",
        "t",
        "aan",
        "op",
        "in",
        "bij",
        "langs",
        "over",
        "naar",
        "via",
        "vanaf",
        "tussen",
        "richting",
        "van",
    }
)
# A house number: up to four digits with a letter or an addition, but not a year ("Koers 2030").
_HOUSE_NUMBER = re.compile(r"\s(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{1,4})?(?![\w\-])")


def _key(folded: str) -> str:
    return _SPACE.sub(" ", folded.strip())


def cache_file(cache_dir: Path | None = None) -> Path:
    folder = cache_dir or platformdirs.user_cache_path("Casus", appauthor=False)
    return folder / f"streets-{deduce_version()}-{_VERSION}.marisa"


def _build(target: Path) -> None:
    names = {_key(fold(name)) for name in raw_word_list("locations/lst_street")}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".streets-", dir=target.parent)
    os.close(handle)
    try:
        marisa_trie.Trie(sorted(n for n in names if len(n) >= 3)).save(temporary)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def street_names(cache_dir: Path | None = None) -> marisa_trie.Trie:
    global _trie
    with _lock:
        if _trie is None:
            target = cache_file(cache_dir)
            if not target.is_file():
                _build(target)
            trie = marisa_trie.Trie()
            trie.mmap(str(target))
            _trie = trie
        return _trie


@dataclass(frozen=True)
class StreetMention:
    start: int
    end: int
    with_number: bool
    several_words: bool


def find_streets(
    folded: FoldedText, tokens: Sequence[Token], lowercase_lines: set[int]
) -> list[StreetMention]:
    """Every known street, square or neighbourhood name, as a place and not as a word.

    A name of several words counts when it starts with a capital (or in a line written in
    lower case: "locatie pieter calandlaan"). A name of one word counts where a house number
    follows, where a place word stands before it ("aan de Kikkenstein", "bij Kraaiennest"), or
    capitalised inside a sentence ("Damrak"); in lower case only as no Dutch word after a
    place word.
    """
    trie = street_names()
    text = folded.original
    found: list[StreetMention] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if not (token.capitalised or token.line in lowercase_lines) or len(token.folded) < 3:
            position += 1
            continue
        best = None
        for last in range(position, min(position + 6, len(tokens))):
            if tokens[last].line != token.line:
                break
            key = _key(folded.folded[token.fstart : tokens[last].fend])
            if key in trie:
                best = last
            if next(trie.iterkeys(key), None) is None:
                break
        if best is None:
            position += 1
            continue
        start, end = token.start, tokens[best].end
        if _key(folded.folded[token.fstart : tokens[best].fend]) in country_names():
            position = best + 1  # "in Polen": a country, whatever street bears its name
            continue
        number = _HOUSE_NUMBER.match(text, end)
        if best == position and number is not None and token.sentence_start and is_dutch_word(token.folded):
            number = None  # "Signaal 1 (16 januari)": a heading, not an address
        if best == position and number is None:
            placed = position >= 1 and tokens[position - 1].folded in _PLACE_WORDS
            ordinary = is_dutch_word(token.folded) or is_common_word(token.folded)
            if token.capitalised:
                # Mid-sentence a capital says "name": a known street is a place there, even
                # where Hunspell would build the word ("Sluisbuurt" from sluis + buurt); but
                # not as the last word of another name ("Sociaal Domein").
                previous = tokens[position - 1] if position >= 1 else None
                inside_a_name = previous is not None and previous.capitalised and not previous.sentence_start
                counts = placed or not (token.sentence_start or inside_a_name or is_common_word(token.folded))
            else:  # a lower-case line: "aan de balie" stays, "aan de kikkenstein" not
                counts = placed and not ordinary
            if not counts:
                position += 1
                continue
        found.append(
            StreetMention(start, number.end() if number else end, number is not None, best > position)
        )
        position = best + 1
    return found
