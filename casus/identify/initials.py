"""A person's initials in a text: "M.S." and "JdVB" when no one else has them, "s.b.a." and
"T.v.d.S." spelled with dots or spaces, and "BJ", "E-J", "vW" once the case names the person.

Each is looked up in a name index (casus.identify.name_index) and marked only when exactly one
person owns the letters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold, join_spaced_letters
from casus.identify.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.identify.tokens import tokenise

if TYPE_CHECKING:
    from casus.identify.name_index import NameIndex

_INITIALS = re.compile(r"(?<![^\W\d_])([A-ZÀ-Ý])\.\s?([A-ZÀ-Ý])\.(?![^\W\d_])")
_ACRONYM = re.compile(r"(?<![\w.])(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{2,5}(?![\w])")
# Two to four letters with a capital, as initials are written alone: "BJ", "E-J", "vW", "vdB".
_LETTERS = re.compile(r"(?<![\w.\-])(?=[a-z\-]*[A-Z])[A-Za-z](?:-?[A-Za-z]){1,3}(?![\w\-])")


def initial_spans(index: NameIndex, folded: FoldedText) -> list[Span]:
    text = folded.original
    return _initials_and_acronyms(index, text) + _spelled_initials(index, folded) + _letters(index, text)


def _initials_and_acronyms(index: NameIndex, text: str) -> list[Span]:
    """ "M.S." for Marco Storm, "JdVB" for Johannes de Vries-Bakker, when no other person
    has those initials."""
    spans = []
    for match in _INITIALS.finditer(text):
        owners = index.initials_owners(fold(match.group(1) + match.group(2)))
        if len(owners) == 1:
            spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                              PRIORITY_REGISTRY, "registry"))  # fmt: skip
    for match in _ACRONYM.finditer(text):
        owners = index.acronym_letters_owners(fold(match.group()))
        if len(owners) == 1:
            spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                              PRIORITY_REGISTRY, "registry"))  # fmt: skip
    return spans


def _spelled_initials(index: NameIndex, folded: FoldedText) -> list[Span]:
    """ "s.b.a." or "T.v.d.S.": a person's initials written with dots or spaces, unless the
    letters are an ordinary abbreviation ("d.w.z.", "o.a.")."""
    joined = join_spaced_letters(folded)
    if joined is None:
        return []
    spans = []
    for token in tokenise(joined):
        surface = folded.original[token.start : token.end]
        if token.end - token.start > len(token.folded) and len(token.folded) >= 2:
            owners = index.acronym_owners(token.folded)
            if len(owners) == 1 and not is_dutch_word(surface):
                end = token.end + (folded.original[token.end : token.end + 1] == ".")
                spans.append(Span(token.start, end, SpanKind.PERSON, next(iter(owners)),
                                  PRIORITY_REGISTRY, "registry"))  # fmt: skip
    return spans


def _letters(index: NameIndex, text: str) -> list[Span]:
    """ "BJ" for Bert-Jan Hofstede, "E-J" for Erik-Jan, "vW" for Van Wijk, once the case
    names them: per case only (across a vault every two capitals are someone's)."""
    if not index.has_letter_forms:
        return []
    spans = []
    for match in _LETTERS.finditer(text):
        surface = match.group()
        owners = index.letter_form_owners(fold(surface.replace("-", "")))
        if len(owners) == 1 and not is_dutch_word(surface.replace("-", "")):
            spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                              PRIORITY_REGISTRY, "registry"))  # fmt: skip
    return spans
