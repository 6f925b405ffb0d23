"""Small cells stay hidden, and no total gives one back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.outputs.suppression import shown, suppress

tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=width, max_size=width),
        min_size=1,
        max_size=6,
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_small_cell_is_hidden_and_none_can_be_derived_from_a_total(table: list[list[int]]) -> None:
    result = suppress(table)
    height, width = len(table), len(table[0])
    for r in range(height):
        for c in range(width):
            if 0 < table[r][c] < 5:
                assert result.cells[r][c]
    lines = [([(r, c) for c in range(width)], result.row_totals[r]) for r in range(height)]
    lines += [([(r, c) for r in range(height)], result.column_totals[c]) for c in range(width)]
    for cells, total_hidden in lines:
        hidden = [(r, c) for r, c in cells if result.cells[r][c]]
        if len(hidden) == 1:
            # One hidden cell in a line is derivable from a shown total unless the rest is zero
            # and the total, equal to the cell, is hidden too.
            others = [table[r][c] for r, c in cells if (r, c) not in hidden]
            assert total_hidden and not any(others), (table, cells)


def test_display() -> None:
    result = suppress([[3, 10, 12], [7, 8, 9]])
    assert result.cells == [[True, True, False], [True, True, False]]
    assert [shown(v, h) for v, h in zip([3, 10, 12], result.cells[0], strict=True)] == ["< 5", "•", "12"]
    assert shown(7, True) == "•", "a cell hidden to protect another says nothing of its own size"
