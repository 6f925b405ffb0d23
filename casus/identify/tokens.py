"""Word tokens of a folded text, with the facts about their original spelling that matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casus.identify.folding import FoldedText

_WORD = re.compile(r"[^\W_]+")
# What may stand between the end of a sentence (or a list bullet) and the next word.
_SENTENCE_END = re.compile(r"(?:[.!?:;\n•*]|\s-)[\s'\"‘’“”(]*$")


@dataclass(frozen=True)
class Token:
    index: int
    folded: str
    start: int  # original offsets
    end: int
    fstart: int  # folded offsets
    fend: int
    capitalised: bool
    sentence_start: bool
    line: int = 0  # which line of the text (0-based)

    @property
    def lowercase(self) -> bool:
        return not self.capitalised


_CACHE: dict[tuple[str, str], tuple[Token, ...]] = {}
_CACHE_SIZE = 512


def tokenise(text: FoldedText) -> list[Token]:
    """The tokens of a folded text; cached by its two strings, which determine it (every
    detector tokenises the same text), a copy of the list each time so that no caller can
    change another's. Strings cache their hash; the origin tuple would be hashed anew."""
    key = (text.original, text.folded)
    tokens = _CACHE.get(key)
    if tokens is None:
        tokens = tuple(_tokens(text))
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = tokens
    return list(tokens)


def _tokens(text: FoldedText) -> list[Token]:
    tokens: list[Token] = []
    line = 0
    for match in _WORD.finditer(text.folded):
        start, end = text.original_span(match.start(), match.end())
        first = text.original[start]
        previous = tokens[-1] if tokens else None
        line += text.original.count("\n", previous.end if previous else 0, start)
        # "R. Kerk": the full stop of an initial ends no sentence; a new line always does.
        between = text.original[previous.end : start] if previous else ""
        sentence_start = (
            previous is None
            or "\n" in between
            or (
                bool(_SENTENCE_END.search(between))
                and not (len(previous.folded) == 1 and previous.capitalised)
            )
        )
        tokens.append(
            Token(
                index=len(tokens),
                folded=match.group(),
                start=start,
                end=end,
                fstart=match.start(),
                fend=match.end(),
                capitalised=first.isupper(),
                sentence_start=sentence_start,
                line=line,
            )
        )
    return tokens
