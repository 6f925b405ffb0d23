"""Small-cell suppression for published counts.

Primary: a count from 1 to threshold-1 is shown as "< threshold" (a zero says nothing about
a person and stays); totals too. Secondary: in every row and column, a lone suppressed cell
could be recomputed from the total and the other cells, so the smallest other non-zero cell
is suppressed as well, until no row or column has exactly one. Where the other cells are all
zero the total equals the hidden cell, and is then itself small and suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Suppression:
    cells: list[list[bool]]
    row_totals: list[bool]
    column_totals: list[bool]
    grand_total: bool


def suppress(table: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> Suppression:
    """Which cells and totals to hide, for a table whose every row and column gets a total."""
    rows = [list(row) for row in table]
    hidden = [[0 < value < threshold for value in row] for row in rows]
    height = len(rows)
    width = len(rows[0]) if rows else 0

    def lines() -> list[list[tuple[int, int]]]:
        found = [[(r, c) for c in range(width)] for r in range(height)]
        found += [[(r, c) for r in range(height)] for c in range(width)]
        return found

    changed = True
    while changed:
        changed = False
        for line in lines():
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            candidates = [(rows[r][c], r, c) for r, c in line if not hidden[r][c] and rows[r][c] > 0]
            if not candidates:
                continue  # the others are zeros: the total equals the hidden cell and is shown as such
            _, r, c = min(candidates)
            hidden[r][c] = True
            changed = True

    def total_hidden(line: list[tuple[int, int]]) -> bool:
        total = sum(rows[r][c] for r, c in line)
        lone = [(r, c) for r, c in line if hidden[r][c]]
        rest_zero = all(rows[r][c] == 0 for r, c in line if not hidden[r][c])
        # Small, or equal to the one hidden cell because everything else is zero.
        return 0 < total < threshold or (len(lone) == 1 and rest_zero)

    all_lines = lines()
    return Suppression(
        cells=hidden,
        row_totals=[total_hidden(line) for line in all_lines[:height]],
        column_totals=[total_hidden(line) for line in all_lines[height:]],
        grand_total=0 < sum(map(sum, rows)) < threshold,
    )


def shown(value: int, hidden: bool, threshold: int = DEFAULT_THRESHOLD) -> str:
    if not hidden:
        return str(value)
    return f"< {threshold}" if value < threshold else "•"
