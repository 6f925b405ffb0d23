"""The unit every detector produces and every later stage consumes: a proposed span.

SpanKind lives with the other enumerations (casus.vocabulary.enums), since the review stores it."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

from casus.vocabulary.enums import SpanKind

# Who proposed a span decides which one wins an overlap: what the case itself registered
# is certain, a pattern is nearly so, deduce's guesses come last.
PRIORITY_REGISTRY = 30
PRIORITY_ORG = 25
PRIORITY_PATTERN = 20
PRIORITY_DEDUCE = 10

UNREGISTERED = "x"
OWN_UNIT = "o"


@dataclass(frozen=True, order=True)
class Span:
    """A stretch [start, end) of one text that must be replaced.

    `ref` is a registered person's key ("p1"), "o" for the case's own unit or "x";
    `detail` carries what the replacement needs (a unit id, a date's month and year, the
    subtype of a number), so that replacing needs no second look at the text.
    """

    start: int
    end: int
    kind: SpanKind = field(compare=False)
    ref: str = field(default=UNREGISTERED, compare=False)
    priority: int = field(default=PRIORITY_DEDUCE, compare=False)
    detector: str = field(default="", compare=False)
    detail: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Offsets leave the engine (JSON, the vault, Qt): a detector may compute them with
        # numpy (deduce does), so they become plain ints here, once for every detector.
        object.__setattr__(self, "start", operator.index(self.start))
        object.__setattr__(self, "end", operator.index(self.end))
        if not 0 <= self.start < self.end:
            raise ValueError("span offsets out of order")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


__all__ = [
    "OWN_UNIT",
    "PRIORITY_DEDUCE",
    "PRIORITY_ORG",
    "PRIORITY_PATTERN",
    "PRIORITY_REGISTRY",
    "UNREGISTERED",
    "Span",
    "SpanKind",
]
