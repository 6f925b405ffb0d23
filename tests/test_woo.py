"""The Woo-ready copy (issue 15): parsed back, its text layer holds no identifier of the case,
every black box carries its ground, the grounds used are listed, the owner can choose another
ground per span, and the gate is a net under it all. Invented people and texts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from casus.disclosure import DisclosureRefused
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.org_units import OrgUnitService
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.woo import WooGround
from tests.conftest import PASSPHRASE

IDENTIFIERS = ("Lieke Brandsma", "Lieke", "Brandsma", "Tobias Vermeulen", "Vermeulen",
               "l.brandsma@voorbeeld.nl", "06-41230987", "4410982", "WZ-2025-0088", "Leerplicht")  # fmt: skip


@pytest.fixture
def case_id(vault: Vault) -> int:
    unit = next(u for u in OrgUnitService(vault).list() if u.name == "Team Leerplicht")
    return CaseService(vault).create(CaseDraft(
        reference="WZ-2025-0088", channel="hr", received="2025-09-15", category="aggression",
        org_unit_id=unit.id,
        facts="Lieke Brandsma (06-41230987, l.brandsma@voorbeeld.nl) werd door Tobias Vermeulen "
              "uitgescholden tijdens het overleg van Team Leerplicht.\n\nVermeulen ontkent dit.",
        question="Welke maatregel past bij Vermeulen?",
        people=[PersonDraft(role="reporter", name="Lieke Brandsma", email="l.brandsma@voorbeeld.nl",
                            phone="06-41230987", employee_number="4410982"),
                PersonDraft(role="accused", name="Tobias Vermeulen")],
    ))  # fmt: skip


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _black_boxes(path: Path) -> int:
    """Rectangles filled black on every page (reportlab draws each backColor so)."""
    count = 0
    for page in PdfReader(path).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        count += len(re.findall(r"0 0 0 rg\s+n\s+(?:[-\d.]+\s+){4}re\s+f\*?", stream))
    return count


def test_the_woo_copy_holds_no_identifier_and_every_box_its_ground(
    vault: Vault, engine: Pseudonymiser, case_id: int, tmp_path: Path
) -> None:
    from casus.outputs.woo import default_file_name
    from casus.outputs.woo_export import export_woo_case

    target = export_woo_case(vault, engine, case_id, tmp_path / default_file_name(dt.date.today()))
    text = _text(target)
    for identifier in IDENTIFIERS:
        assert identifier.casefold() not in text.casefold(), identifier
    assert "uitgescholden tijdens het overleg van" in text, "what names nobody stays readable"
    codes = re.findall(r"5\.\d\.\d[a-i]?", text)
    assert codes and set(codes) <= {"5.1.2e", "5.1.1e"}
    assert _black_boxes(target) == len(codes), "every ground in a black box, every black box a ground"
    assert "Gebruikte weigeringsgronden" in text and "eerbiediging van de persoonlijke levenssfeer" in text
    reader = PdfReader(target)
    assert reader.metadata.title == "Melding (Woo-versie)" and not reader.metadata.author


def test_the_owner_chooses_another_ground_per_span_and_the_gate_refuses_what_was_left_readable(
    vault: Vault, engine: Pseudonymiser, case_id: int, tmp_path: Path
) -> None:
    from casus.outputs.woo_export import export_woo_case

    review = ReviewService(vault, engine)
    reviews = review.propose(case_id)
    facts = next(r for r in reviews if r.field == "facts")
    name = next(s for s in facts.spans if facts.text[s.start : s.end] == "Lieke Brandsma")
    review.set_woo_ground(case_id, name.id, WooGround.SPECIAL_PERSONAL_DATA)
    target = export_woo_case(vault, engine, case_id, tmp_path / "woo.pdf")
    text = _text(target)
    assert "5.1.1d" in text and "bijzondere persoonsgegevens (1×)" in text

    for each in review.propose(case_id):
        for span in each.spans:  # the owner leaves everything readable: the gate still stands
            review.set_woo_ground(case_id, span.id, WooGround.PUBLIC)
    with pytest.raises(DisclosureRefused):
        export_woo_case(vault, engine, case_id, tmp_path / "open.pdf")
    assert not (tmp_path / "open.pdf").exists()


def test_the_command_line_writes_the_woo_copy(vault: Vault, case_id: int, tmp_path: Path) -> None:
    from tests.test_cli import casus

    path = str(vault.path)
    vault.close()
    out = tmp_path / "woo-versie.pdf"
    result = casus("export", "woo", path, "--case", "WZ-2025-0088", "--out", str(out),
                   env={"CASUS_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Woo-versie geschreven" in result.stdout and "Brandsma" not in _text(out)
    missing = casus("export", "woo", path, "--case", "XX-1", "--out", str(tmp_path / "x.pdf"),
                    env={"CASUS_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert missing.returncode == 1 and "geen casus met dit kenmerk" in missing.stderr


def test_the_window_sets_a_ground_in_the_review_and_exports_the_woo_copy_from_the_casus_menu(
    qtbot, monkeypatch, vault: Vault, engine: Pseudonymiser, case_id: int, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QComboBox, QPushButton

    from ui import dialogs
    from ui.main_window import MainWindow
    from ui.review_dialog import ReviewDialog

    review = ReviewDialog(vault, engine, case_id)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.table.rowCount() > 0, timeout=60_000)
    combo = next(c for c in review.findChildren(QComboBox) if "Woo-grond" in c.accessibleName())
    set_button = next(b for b in review.findChildren(QPushButton) if b.accessibleName() == "Woo-grond zetten")
    set_button.click()
    assert review.status.text() == "Selecteer eerst een of meer vervangingen in de lijst."
    review.table.selectRow(0)
    combo.setCurrentIndex(combo.findData(WooGround.SPECIAL_PERSONAL_DATA))
    set_button.click()
    assert review.status.text().startswith("Woo-grond 5.1.1d gezet voor 1 vervanging")
    review.reject()

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.show()
    window.table.selectRow(0)
    target = tmp_path / "woo.pdf"
    monkeypatch.setattr(dialogs, "choose_export_target", lambda _parent, _title, name: target)
    window.woo.action.trigger()
    assert window.statusBar().currentMessage() == "Woo-versie geschreven: woo.pdf"
    text = _text(target)
    assert "5.1.1d" in text and "Brandsma" not in text
    window.close()
