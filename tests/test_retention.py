"""How long a case is kept (issue 15): a period per outcome in the vault, applied when a case
is closed, shown and set on the editor's "Uitkomst en bewaren" tab; and destroying from there.
Also the defect this found: saving the editor cleared what it did not show (the outcome and
the retention date)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.errors import ValidationError
from casus.services.cases import CaseDraft, CaseService
from casus.services.interventions import InterventionService, RepairAdviceDraft
from casus.services.retention import DEFAULT_MONTHS, RetentionService, add_months
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus, RetentionOutcome
from tests.conftest import PASSPHRASE


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 600))
def test_months_later_is_the_same_day_or_that_months_last(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(days=1)).day == 1)


def test_a_closed_case_is_kept_by_the_rule_for_its_outcome(vault: Vault) -> None:
    cases, rules = CaseService(vault), RetentionService(vault)
    assert rules.rules() == DEFAULT_MONTHS
    rules.set_months(RetentionOutcome.NO_VIOLATION, 18)
    with pytest.raises(ValidationError, match="1 tot en met 1200"):
        rules.set_months(RetentionOutcome.VIOLATION, 0)
    plain = cases.create(CaseDraft(channel="hr", received="2024-05-01", category="bullying"))
    proven = cases.create(CaseDraft(channel="hr", received="2024-05-02", category="bullying",
                                    violation_established=True))  # fmt: skip
    repaired = cases.create(CaseDraft(channel="hr", received="2024-05-03", category="bullying"))
    InterventionService(vault).add_repair_advice(
        repaired, RepairAdviceDraft(type="restorative_conversation", addressed_to="reporter")
    )
    today = dt.date.today()
    for case_id in (plain, proven, repaired):
        cases.set_status(case_id, CaseStatus.CLOSED)
    assert [cases.get(c).retention_date for c in (plain, proven, repaired)] == [
        add_months(today, 18),
        add_months(today, 60),
        add_months(today, 24),
    ]
    chosen = cases.create(CaseDraft(channel="hr", received="2024-05-04", category="bullying",
                                    retention_date="2031-01-31"))  # fmt: skip
    cases.set_status(chosen, CaseStatus.CLOSED)
    assert cases.get(chosen).retention_date == dt.date(2031, 1, 31), "a date the owner set stays"
    assert rules.past(add_months(today, 19)) == [(plain, cases.get(plain).reference, add_months(today, 18))]


def test_saving_the_editor_keeps_what_it_did_not_show_before_and_now_shows_it(qtbot, vault: Vault) -> None:
    from ui.case_editor import CaseEditor

    cases = CaseService(vault)
    case_id = cases.create(CaseDraft(channel="hr", received="2024-05-01", category="bullying",
                                     violation_established=False, retention_date="2030-06-30",
                                     receipt_told_on="2024-05-03"))  # fmt: skip
    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.save()
    kept = cases.get(case_id)
    assert (kept.violation_established, kept.retention_date, kept.receipt_told_on) == (
        False,
        dt.date(2030, 6, 30),
        dt.date(2024, 5, 3),
    ), "saving cleared them before the outcome tab existed"

    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    page = editor.outcome
    editor.tabs.setCurrentWidget(page)
    page.status.setCurrentIndex(page.status.findData(CaseStatus.CLOSED))
    page.violation.setCurrentIndex(1)  # Ja
    page.retention[0].setChecked(False)  # let the vault's rule decide
    page.outcome[0].setChecked(True)
    editor.save()
    closed = cases.get(case_id)
    assert closed.status is CaseStatus.CLOSED and closed.violation_established is True
    assert closed.retention_date == add_months(dt.date.today(), DEFAULT_MONTHS[RetentionOutcome.VIOLATION])
    assert closed.outcome_told_on == dt.date.today()


def test_destroying_from_the_editor_asks_first_then_the_passphrase_and_closes_it(
    qtbot, monkeypatch, vault: Vault
) -> None:
    from ui import dialogs
    from ui.case_editor import CaseEditor

    cases = CaseService(vault)
    case_id = cases.create(CaseDraft(channel="hr", received="2024-05-01", category="bullying",
                                     facts="Roeland Verhulst werd buitengesloten."))  # fmt: skip
    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, title, _text: asked.append(title) or False)
    editor.outcome.destroy_button.click()
    assert asked == ["Casus vernietigen"] and cases.get(case_id).status is not CaseStatus.DESTROYED
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, text: errors.append(text))
    editor.outcome.destroy_with("niet de goede wachtwoordzin")
    assert editor.outcome.waiting.isVisible(), "a wait nobody can cancel while the backups are rewritten"
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "wachtwoordzin" in errors[0].lower() and editor.isVisible()
    assert not editor.outcome.waiting.isVisible()
    with qtbot.waitSignal(editor.saved, timeout=30_000):
        editor.outcome.destroy_with(PASSPHRASE)
    assert not editor.isVisible()
    gone = cases.get(case_id)
    assert gone.status is CaseStatus.DESTROYED and gone.facts == ""


def test_retention_on_the_command_line_lists_sets_and_applies(vault: Vault) -> None:
    from casus.model import Case
    from tests.test_cli import casus

    cases = CaseService(vault)
    closed = cases.create(CaseDraft(reference="PO-2019-7", channel="hr", received="2019-01-02",
                                    category="bullying", violation_established=True))  # fmt: skip
    cases.set_status(closed, CaseStatus.CLOSED)
    with vault.session() as session:  # closed long ago, before there were rules
        session.get(Case, closed).retention_date = None
    overdue = cases.create(CaseDraft(reference="PO-2018-3", channel="hr", received="2018-01-02",
                                     category="bullying", retention_date="2020-01-01"))  # fmt: skip
    path = str(vault.path)
    vault.close()
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    out = casus("retention", path, "--set", "violation", "72", "--apply", env=env)
    assert out.returncode == 0, out.stderr
    assert (
        "violation\t72 maanden" in out.stdout
        and "Bewaartermijn gegeven aan 1 afgesloten casus." in out.stdout
    )
    assert "PO-2018-3\tbewaren tot 01-01-2020: voorbij" in out.stdout and "PO-2019-7" not in out.stdout
    bad = casus("retention", path, "--set", "altijd", "12", env=env)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    with Vault.open(path, PASSPHRASE) as reopened:
        assert CaseService(reopened).get(closed).retention_date == add_months(dt.date.today(), 72)
        assert CaseService(reopened).get(overdue).status is CaseStatus.NEW


def test_enter_on_a_question_before_something_irreversible_answers_no(qtbot) -> None:
    """Seen under Xvfb: "Casus vernietigen?" had "Ja" as its default button, so an Enter
    pressed out of habit went on to the passphrase. Every confirm asks before a destruction,
    removal or revocation; "Nee" is the default of each."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui import dialogs

    seen: list[QMessageBox.StandardButton] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.standardButton(box.defaultButton()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(200, press_enter)
    assert dialogs.confirm(None, "Casus vernietigen", "Voor altijd vernietigen?") is False
    assert seen == [QMessageBox.StandardButton.No]
