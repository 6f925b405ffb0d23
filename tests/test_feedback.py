"""Terugkoppeling on time (issue 15): the melder is told of receipt and of the outcome within
the vault's terms; the home view lists what is due within a week and what is late, never for
an anonymous melder; the report counts how many were told on time, with small cells hidden."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.errors import ValidationError
from casus.outputs.report import report_of
from casus.services.attention import AttentionKind, AttentionService
from casus.services.cases import CaseDraft, CaseService
from casus.services.feedback import FeedbackKind, FeedbackService
from casus.services.report_figures import ReportService
from casus.vault import Vault
from tests.conftest import PASSPHRASE


def _case(vault: Vault, reference: str, received: str, **told: object) -> int:
    return CaseService(vault).create(
        CaseDraft(reference=reference, channel="hr", received=received, category="exclusion", **told)
    )


def _lines(vault: Vault, today: dt.date) -> list[str]:
    return [i.text for i in AttentionService(vault).items(today) if i.kind is AttentionKind.FEEDBACK_DUE]


def test_the_home_view_lists_feedback_due_within_a_week_and_late_never_for_an_anonymous_melder(
    vault: Vault,
) -> None:
    _case(vault, "PO-1", "2026-03-01")
    _case(vault, "PO-2", "2026-03-01", receipt_told_on="2026-03-04")
    CaseService(vault).create(CaseDraft(reference="PO-3", channel="hr", received="2026-03-01",
                                        category="exclusion", anonymous=True))  # fmt: skip
    destroyed = _case(vault, "PO-4", "2026-03-01")
    CaseService(vault).destroy(destroyed, PASSPHRASE)
    assert _lines(vault, dt.date(2026, 2, 20)) == [], "not due within a week yet"
    assert _lines(vault, dt.date(2026, 3, 5)) == ["PO-1 · ontvangst terugkoppelen (uiterlijk 08-03-2026)"]
    assert _lines(vault, dt.date(2026, 3, 10)) == ["PO-1 · ontvangst terugkoppelen (verlopen op 08-03-2026)"]
    assert _lines(vault, dt.date(2026, 5, 28)) == [
        "PO-1 · ontvangst terugkoppelen (verlopen op 08-03-2026)",
        "PO-1 · uitkomst terugkoppelen (uiterlijk 31-05-2026)",
        "PO-2 · uitkomst terugkoppelen (uiterlijk 31-05-2026)",
    ]
    feedback = FeedbackService(vault)
    feedback.set_days(FeedbackKind.RECEIPT, 14)
    assert _lines(vault, dt.date(2026, 3, 10)) == ["PO-1 · ontvangst terugkoppelen (uiterlijk 15-03-2026)"]
    with pytest.raises(ValidationError, match="1 tot en met 730"):
        feedback.set_days(FeedbackKind.OUTCOME, 0)


def test_the_report_counts_feedback_on_time_late_and_not_yet_and_hides_small_cells(vault: Vault) -> None:
    from casus.outputs.suppression import suppress

    for n in range(6):  # told of receipt within the week
        _case(vault, f"A-{n}", "2026-01-05", receipt_told_on="2026-01-08", outcome_told_on="2026-03-01")
    for n in range(2):  # told late
        _case(vault, f"B-{n}", "2026-01-05", receipt_told_on="2026-01-30")
    figures = ReportService(vault).figures(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    table = next(t for t in report_of(dt.date(2026, 1, 1), dt.date(2026, 3, 31), figures).tables
                 if t.title == "Terugkoppeling aan de melder")  # fmt: skip
    assert table.rows == ("Ontvangst", "Uitkomst") and table.columns == ("Op tijd", "Te laat", "Nog niet")
    assert table.counts == ((6, 2, 0), (6, 0, 2))
    hidden = suppress([list(row) for row in table.counts])
    assert hidden.cells[0][1] and hidden.cells[1][2], "the twos are not shown"
