"""The case list's own filtering and sorting (issue 13, item 8: 50,000 cases).

The model filters and sorts on its own lists instead of through QSortFilterProxyModel; these
tests hold it to what the proxy did: the rows shown are exactly those that match, in the
chosen order, after any sequence of typed letters, Backspaces and filter choices, and the
chosen case stays chosen while it is shown.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from casus.services.cases import CaseSummary
from casus.vocabulary.enums import BehaviourCategory, CaseStatus, Channel
from ui.case_list import CaseList
from ui.case_table_model import CaseTableModel

_UNITS = ("Team Markten", "Stadsdeel Noord › Team Handhaving", None, "Wonen")


def _summary(number: int, day: int, channel: int, category: int, status: int, unit: int) -> CaseSummary:
    return CaseSummary(
        id=1000 + number,
        reference=f"MLD-{number:04d}",
        received=dt.date(2020, 1, 1) + dt.timedelta(days=day),
        channel=list(Channel)[channel % len(Channel)],
        category=list(BehaviourCategory)[category % len(BehaviourCategory)],
        status=list(CaseStatus)[status % len(CaseStatus)],
        org_unit=_UNITS[unit % len(_UNITS)],
    )


rows = st.lists(
    st.tuples(
        st.integers(0, 2000), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)
    ),
    max_size=60,
).map(lambda found: [_summary(n, *values) for n, values in enumerate(found)])
# What a user does: type a letter, press Backspace, choose a channel or none, sort by a column.
steps = st.lists(
    st.one_of(
        st.sampled_from("mld-0123 4teamwonrdg§").map(lambda c: ("type", c)),
        st.just(("backspace", "")),
        st.sampled_from([None, *Channel]).map(lambda c: ("channel", c)),
        st.tuples(st.integers(0, 5), st.booleans()).map(lambda s: ("sort", s)),
    ),
    max_size=25,
)


def _expected(
    summaries: list[CaseSummary], text: str, channel: Channel | None, column: int, descending: bool
) -> list[int]:
    """The brute force: every row checked against the whole text, then one sort."""

    def shown(summary: CaseSummary) -> list[str]:
        labels = (summary.channel.label, summary.category.label, summary.status.label)
        return [summary.reference, f"{summary.received:%d-%m-%Y}", *labels, summary.org_unit or ""]

    wanted = text.casefold().strip()
    matching = [
        s
        for s in summaries
        if (channel is None or s.channel == channel)
        and (not wanted or wanted in "\t".join(shown(s)).casefold())
    ]

    def key(s: CaseSummary) -> str:
        return s.received.isoformat() if column == 1 else shown(s)[column]

    return [s.id for s in sorted(matching, key=key, reverse=descending)]


@settings(max_examples=150, deadline=None)
@given(summaries=rows, actions=steps)
def test_the_rows_shown_are_those_that_match_in_the_chosen_order(
    summaries: list[CaseSummary], actions: list[tuple[str, object]]
) -> None:
    model = CaseTableModel()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_rows(summaries)
    text, channel, column, descending = "", None, 1, True
    for action, value in actions:
        if action == "type":
            text += str(value)
            model.set_text(text)
        elif action == "backspace":
            text = text[:-1]
            model.set_text(text)
        elif action == "channel":
            channel = value
            model.set_criterion("channel", value)
        else:
            column, descending = value  # type: ignore[misc]
            model.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        shown = [model.case_id(row) for row in range(model.rowCount())]
        assert shown == _expected(summaries, text, channel, column, descending)
    assert model.total() == len(summaries)


def test_the_chosen_case_stays_chosen_through_filtering_and_sorting(qtbot) -> None:
    summaries = [_summary(n, n * 3, n, n, n, n) for n in range(40)]
    case_list = CaseList()
    qtbot.addWidget(case_list)
    case_list.show_rows(summaries)
    chosen = summaries[17].id
    assert case_list.choose(chosen)
    case_list.filter_edit.setText("mld-001")  # MLD-0010 .. MLD-0019
    assert case_list.model.rowCount() == 10 and case_list.selected_case_id() == chosen
    case_list.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert case_list.selected_case_id() == chosen
    assert case_list.model.case_id(case_list.table.currentIndex().row()) == chosen
    case_list.filter_edit.setText("mld-002")  # the chosen one is hidden: another row is chosen
    assert case_list.selected_case_id() is not None and case_list.selected_case_id() != chosen
    case_list.filter_edit.clear()
    assert case_list.model.rowCount() == 40 and case_list.count_label.text() == "40 casussen"
    case_list.filter_edit.setText("§")
    assert case_list.model.rowCount() == 0 and case_list.count_label.text() == "0 van 40 casussen"
