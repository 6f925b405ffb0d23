"""Where something stands in a text, in words a reader can follow: "zin 2, woord 7".

Character offsets ("teken 78–83") mean nothing to a secretary or a case owner, and the words
around a finding cannot be shown instead: they may be another name.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…]+[\s\u201d\"')]*\s|\n+")
_WORD = re.compile(r"\w+")


def position_in(text: str, start: int) -> str:
    """Where `start` is, by sentence and word, both counted from 1: character offsets mean
    nothing to a reader, and the words around a finding may be another name."""
    if not text or not 0 <= start <= len(text):
        return ""
    sentence, begins = 1, 0
    for end in _SENTENCE_END.finditer(text, 0, start):
        if text[begins : end.start()].strip():
            sentence += 1
        begins = end.end()
    word = len(_WORD.findall(text, begins, start)) + 1
    return f"zin {sentence}, woord {word}"
