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


def test_the_command_line_shows_and_sets_the_terms_and_lists_what_is_due(vault: Vault) -> None:
    from tests.test_cli import casus

    received = dt.date.today() - dt.timedelta(days=10)
    _case(vault, "PO-7", received.isoformat())
    path = str(vault.path)
    vault.close()
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    shown = casus("feedback", path, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "ontvangst\tbinnen 7 dagen na ontvangst van de melding" in shown.stdout
    late = received + dt.timedelta(days=7)
    assert f"PO-7\tontvangst\tverlopen op {late:%d-%m-%Y}" in shown.stdout
    longer = casus("feedback", path, "--set", "ontvangst", "14", env=env)
    assert f"PO-7\tontvangst\tuiterlijk {received + dt.timedelta(days=14):%d-%m-%Y}" in longer.stdout
    wrongs = (
        (["ontvangst", "veel"], "heel aantal dagen"),
        (["melding", "3"], "ontvangst of uitkomst"),
        (["uitkomst", "0"], "1 tot en met 730"),
    )
    for wrong, said in wrongs:
        refused = casus("feedback", path, "--set", *wrong, env=env)
        assert refused.returncode == 1 and said in refused.stderr and len(refused.stderr.splitlines()) == 1


def test_the_terms_dialog_saves_both_terms_and_gives_closed_cases_their_date(qtbot, vault: Vault) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from casus.model import Case
    from casus.services.retention import RetentionService
    from casus.vocabulary.enums import CaseStatus, RetentionOutcome
    from ui.main_window import MainWindow
    from ui.terms_dialog import TermsDialog

    case_id = _case(vault, "PO-8", "2026-01-05")
    with vault.session() as session:  # closed before retention existed: no date
        case = session.get(Case, case_id)
        assert case is not None
        case.status, case.retention_date = CaseStatus.CLOSED, None
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.terms_action.trigger()
    dialog = window.findChild(TermsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.focusWidget() is dialog.months[RetentionOutcome.NO_VIOLATION]
    dialog.months[RetentionOutcome.NO_VIOLATION].setValue(36)
    dialog.days[FeedbackKind.OUTCOME].setValue(60)
    dialog.apply_button.click()
    assert dialog.status.text() == "Termijnen opgeslagen. Bewaardatum gegeven aan 1 afgesloten casus."
    assert RetentionService(vault).rules()[RetentionOutcome.NO_VIOLATION] == 36
    until = CaseService(vault).get(case_id).retention_date
    assert until is not None and until.year == dt.date.today().year + 3
    dialog.days[FeedbackKind.RECEIPT].setValue(10)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert FeedbackService(vault).terms() == {FeedbackKind.RECEIPT: 10, FeedbackKind.OUTCOME: 60}
    window.close()


def test_the_outcome_tab_says_what_this_case_still_owes_its_melder_and_that_its_date_passed(
    qtbot, vault: Vault
) -> None:
    from casus.model import Case
    from ui.case_editor import CaseEditor

    received = dt.date.today() - dt.timedelta(days=30)
    late = _case(vault, "PO-9", received.isoformat())
    told = _case(vault, "PO-10", received.isoformat(), receipt_told_on=received.isoformat())
    with vault.session() as session:  # closed long ago, kept beyond its date
        case = session.get(Case, told)
        assert case is not None
        case.retention_date = dt.date.today() - dt.timedelta(days=1)
    editor = CaseEditor(vault, late)
    qtbot.addWidget(editor)
    lines = editor.outcome.attention.text().splitlines()
    assert lines == [f"Ontvangst terugkoppelen: verlopen op {received + dt.timedelta(days=7):%d-%m-%Y}."]
    assert not editor.outcome.attention.isHidden()
    editor.close()
    editor = CaseEditor(vault, told)
    qtbot.addWidget(editor)
    assert editor.outcome.attention.text().startswith("Bewaartermijn voorbij sinds ")
    editor.close()
    editor = CaseEditor(vault, None)
    qtbot.addWidget(editor)
    assert editor.outcome.attention.isHidden(), "a new case owes nothing yet"
    editor.close()
