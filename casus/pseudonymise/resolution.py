"""From overlapping proposals to one set of disjoint spans per text.

Rules, in order of trust: the registry and the unit list know; patterns are nearly
certain; deduce guesses. A guess never overrides knowledge (deduce's "Collega Job Zwart"
yields to the registry's "Job Zwart"), but proposals of one kind that overlap are joined,
so that no character of either is left showing ("Kantoor" + "Havenkade" stay one place).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from casus.identify.spans import PRIORITY_DEDUCE, Span, SpanKind

# Kinds whose deduce guesses may widen a span a better detector already found.
_WIDENED_BY_GUESS = frozenset({SpanKind.DATE, SpanKind.LOCATION})


def _join(kept: Span, other: Span) -> Span:
    start, end = min(kept.start, other.start), max(kept.end, other.end)
    # The longer proposal describes the whole better (a building, not its street).
    detail = kept.detail if kept.length >= other.length or not other.detail else other.detail
    return Span(start, end, kept.kind, kept.ref, kept.priority, kept.detector, detail)


def _accepts(kept: Span, other: Span) -> bool:
    if kept.kind is not other.kind:
        return False
    if other.priority <= PRIORITY_DEDUCE < kept.priority:
        return other.kind in _WIDENED_BY_GUESS
    if kept.kind is SpanKind.PERSON:
        return kept.ref == other.ref
    return True


def _inside_account(span: Span, accounts: list[Span]) -> bool:
    return span.kind is SpanKind.PERSON and any(
        a.start <= span.start and span.end <= a.end and a != span for a in accounts
    )


def resolve(proposals: Iterable[Span]) -> list[Span]:
    """Disjoint spans, sorted by position."""
    proposals = list(proposals)
    # A name inside an address or handle ("@jordy_handhaaft") goes with the whole account.
    accounts = [s for s in proposals if s.kind in (SpanKind.EMAIL, SpanKind.ID)]
    proposals = [s for s in proposals if not _inside_account(s, accounts)]
    ordered = sorted(proposals, key=lambda s: (-s.priority, -s.length, s.start))
    # The kept spans are disjoint, so sorted by start they are sorted by end too: the ones a
    # span overlaps are one run, found by bisection (a long text has thousands of spans).
    kept: list[Span] = []
    starts: list[int] = []
    for span in ordered:
        low = bisect.bisect_right(starts, span.start) - 1
        if low < 0 or kept[low].end <= span.start:
            low += 1
        high = bisect.bisect_left(starts, span.end, lo=low)
        overlapping = kept[low:high]
        if not overlapping:
            kept.insert(low, span)
            starts.insert(low, span.start)
            continue
        if all(_accepts(k, span) for k in overlapping):
            merged = overlapping[0]
            for other in overlapping[1:]:
                merged = _join(merged, other)
            merged = _join(merged, span)
            kept[low:high] = [merged]
            starts[low:high] = [merged.start]
    # Joining can make a span touch or swallow a neighbour of another kind; keep them apart.
    result: list[Span] = []
    for span in kept:
        if result and result[-1].overlaps(span):
            previous = result[-1]
            winner = previous if previous.priority >= span.priority else span
            result[-1] = winner
            continue
        result.append(span)
    return result
