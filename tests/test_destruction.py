"""A destroyed case is gone (issue 15): from the vault file, from its journal, and from every
backup, searched as bytes after decrypting every page with the file's own key (free pages
too) and as plaintext; a restore of an older copy destroys it again; the audit log keeps no
content; the figures of an earlier period do not change.

The cases and people are invented for this test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from casus.errors import ValidationError, WrongPassphraseError
from casus.model import AuditEvent, Case, Destruction
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.interventions import InterventionDraft, InterventionService
from casus.services.meetings import MeetingService
from casus.services.report_figures import ReportService
from casus.services.vaults import create_vault
from casus.vault import Vault, restore_backup
from casus.vault.connection import PAGE_SIZE
from casus.vault.erasure import ledger_path
from casus.vault.kdf import derive_key
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers import release

_RESERVE = 80  # SQLCipher 4: a 16-byte IV and a 64-byte HMAC at the end of every page
DESTROYED = ("Gerlinde Vosmaer", "g.vosmaer@voorbeeld.nl", "06-55123987", "7781234",
             "Hendrik Plasschaert", "de kopieerruimte op de derde verdieping")  # fmt: skip
KEPT = ("Ayodele Mensah", "a.mensah@voorbeeld.nl")


def decrypted(path: Path, passphrase: str) -> bytes:
    """Every page of a SQLCipher file decrypted with its own key, free pages included: what
    secure_delete and VACUUM left, not only what SQL still reads."""
    data = path.read_bytes()
    salt = data[:16]
    key = derive_key(passphrase, salt)
    plain = []
    for start in range(0, len(data), PAGE_SIZE):
        page = data[start : start + PAGE_SIZE]
        body_start = 16 if start == 0 else 0
        iv = page[PAGE_SIZE - _RESERVE : PAGE_SIZE - _RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(page[body_start : PAGE_SIZE - _RESERVE]) + decryptor.finalize())
    return b"".join(plain)


def _holds(blob: bytes, texts: tuple[str, ...]) -> list[str]:
    return [text for text in texts if text.encode() in blob]


@pytest.fixture
def two_cases(vault_path: Path, light_engine) -> tuple[Vault, int, int]:
    vault = create_vault(vault_path, PASSPHRASE, actor="owner")
    cases = CaseService(vault)
    gone = cases.create(CaseDraft(
        reference="BI-2024-0413", channel="internal_reporting_point", received="2024-02-09",
        category="sexual_harassment", grounds=["sex"],
        facts="Gerlinde Vosmaer werd door Hendrik Plasschaert lastiggevallen in "
              "de kopieerruimte op de derde verdieping.",
        question="Welke maatregel past?",
        people=[PersonDraft(role="reporter", name="Gerlinde Vosmaer", email="g.vosmaer@voorbeeld.nl",
                            phone="06-55123987", employee_number="7781234"),
                PersonDraft(role="accused", name="Hendrik Plasschaert")],
    ))  # fmt: skip
    InterventionService(vault).add_intervention(
        gone, InterventionDraft(type="warning_conversation", note="Gesprek met Hendrik Plasschaert gevoerd")
    )
    kept = cases.create(CaseDraft(
        reference="BI-2024-0502", channel="internal_reporting_point", received="2024-03-01",
        category="exclusion", facts="Ayodele Mensah wordt buitengesloten.",
        people=[PersonDraft(role="reporter", name="Ayodele Mensah", email="a.mensah@voorbeeld.nl")],
    ))  # fmt: skip
    release(vault, gone, light_engine)
    meetings = MeetingService(vault)
    meeting = meetings.create("2024-04-04")
    meetings.add_released(meeting)
    item = meetings.get(meeting).agenda[0]
    note = "Melder A durft de kopieerruimte op de derde verdieping niet meer in."
    meetings.record_item(item.id, note, "", "")
    meetings.add_action(meeting, "Melder A bellen", "integrity_bureau", agenda_item_id=item.id)
    yield vault, gone, kept
    if vault.is_open:
        vault.close()


def test_a_destroyed_case_is_gone_from_the_vault_and_every_backup_and_its_figures_stay(
    two_cases: tuple[Vault, int, int], tmp_path: Path
) -> None:
    vault, gone, kept = two_cases
    path = Path(vault.path)
    figures_before = ReportService(vault).figures(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    first_backup = vault.backup(PASSPHRASE)
    outside = tmp_path / "kopie-op-usb.casus"
    shutil.copy(first_backup, outside)  # a copy the user made themselves, beyond the app's reach
    vault.change_passphrase(PASSPHRASE, OTHER_PASSPHRASE)  # leaves a backup under the old one
    second_backup = vault.backup(OTHER_PASSPHRASE)
    assert _holds(decrypted(second_backup, OTHER_PASSPHRASE), DESTROYED), "the test can see it"

    with pytest.raises(WrongPassphraseError):
        CaseService(vault).destroy(gone, PASSPHRASE)
    report = CaseService(vault).destroy(gone, OTHER_PASSPHRASE)

    assert second_backup.name in report.rewritten
    assert first_backup.name in report.removed, "made with the old passphrase: cannot be erased, so gone"
    assert not first_backup.exists()
    for backup in vault.backups.list():
        assert _holds(decrypted(backup, OTHER_PASSPHRASE), DESTROYED) == [], backup.name
        assert _holds(backup.read_bytes(), DESTROYED) == []
    vault.close()
    assert _holds(decrypted(path, OTHER_PASSPHRASE), DESTROYED) == []
    assert _holds(decrypted(path, OTHER_PASSPHRASE), KEPT) == list(KEPT), "the other case stays whole"
    assert not Path(str(path) + "-journal").exists() and not Path(str(path) + "-wal").exists()
    for leftover in path.parent.rglob("*"):
        if leftover.is_file():
            assert _holds(leftover.read_bytes(), DESTROYED) == [], leftover.name
    assert ledger_path(path).read_text().split()[0] == str(gone)

    vault = Vault.open(path, OTHER_PASSPHRASE)
    try:
        assert ReportService(vault).figures(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == figures_before
        with vault.session() as session:
            case = session.get(Case, gone)
            assert case.status.value == "destroyed" and case.reference.startswith("VERNIETIGD-")
            events = session.query(AuditEvent).all()
            assert not [e for e in events if e.entity == "case" and e.entity_id == gone], "no trace of it"
            assert [(e.action, e.entity_id) for e in events if e.action == "destroy"] == [("destroy", None)]
            assert [d.case_id for d in session.query(Destruction)] == [gone]
        assert MeetingService(vault).get(MeetingService(vault).find("2024-04-04")).agenda == ()
        with pytest.raises(ValidationError, match="al vernietigd"):
            CaseService(vault).destroy(gone, OTHER_PASSPHRASE)
        assert CaseService(vault).get(kept).facts == "Ayodele Mensah wordt buitengesloten."
    finally:
        vault.close()

    # The user's own copy, restored: the case is destroyed again on the way in.
    restore_backup(path, outside, PASSPHRASE)
    assert _holds(decrypted(path, PASSPHRASE), DESTROYED) == []
    with Vault.open(path, PASSPHRASE) as restored:
        assert CaseService(restored).get(gone).status.value == "destroyed"
        assert CaseService(restored).get(kept).facts == "Ayodele Mensah wordt buitengesloten."


def test_the_ledger_forgets_a_destroyed_id_the_restored_vault_never_had(vault_path: Path) -> None:
    """A case made after a backup and destroyed: after restoring that backup its id is given
    to a new case, which a later restore must leave alone."""
    vault = create_vault(vault_path, PASSPHRASE, actor="owner")
    cases = CaseService(vault)
    first = cases.create(CaseDraft(reference="K-1", channel="hr", received="2024-01-02", category="bullying"))
    early = vault.backup(PASSPHRASE)
    later = cases.create(CaseDraft(reference="K-2", channel="hr", received="2024-01-03", category="bullying"))
    keep_aside = vault_path.parent / "apart.casus"
    shutil.copy(early, keep_aside)
    cases.destroy(later, PASSPHRASE)
    vault.close()
    restore_backup(vault_path, keep_aside, PASSPHRASE)
    assert ledger_path(vault_path).read_text() == ""
    with Vault.open(vault_path, PASSPHRASE) as restored:
        reborn = CaseService(restored).create(
            CaseDraft(reference="K-3", channel="hr", received="2024-02-01", category="bullying")
        )
        assert reborn == later, "SQLite gives the id again"
        assert CaseService(restored).get(first).status.value == "new"


def test_destroy_on_the_command_line_asks_twice_or_takes_yes_and_says_what_became_of_the_backups(
    two_cases: tuple[Vault, int, int],
) -> None:
    from tests.test_cli import casus

    vault, gone, _kept = two_cases
    path = str(vault.path)
    vault.backup(PASSPHRASE)
    vault.close()
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    unasked = casus("destroy", path, "BI-2024-0413", env=env)
    assert unasked.returncode == 1 and "--yes" in unasked.stderr, "no terminal to ask: refused"
    unknown = casus("destroy", path, "BI-2024-9999", "--yes", env=env)
    assert unknown.returncode == 1 and "geen casus met dit kenmerk" in unknown.stderr
    done = casus("destroy", path, "BI-2024-0413", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert f"intern nummer {gone}" in done.stdout and "1 herschreven" in done.stdout
    assert "BI-2024-0413" not in done.stdout and "Vosmaer" not in done.stdout
    again = casus("destroy", path, "BI-2024-0413", "--yes", env=env)
    assert again.returncode == 1 and "geen casus met dit kenmerk" in again.stderr, "its reference is gone too"


_KILLED_DESTROYER = """
import os, sys
from casus.vault import Vault
from casus.vault import store
from casus.services.cases import CaseService

stage, path, case_id, passphrase = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def killed(*_args, **_kwargs):
    os._exit(9)  # as a kill or a power cut: no cleanup, no exception handler
if stage == "before the vault":
    store.Vault._erase_here = killed
else:
    store.erase_from_backups = killed
vault = Vault.open(path, passphrase)
CaseService(vault).destroy(case_id, passphrase)
"""


@pytest.mark.parametrize("stage", ["before the vault", "before the backups"])
def test_a_destruction_killed_half_way_is_finished_when_the_vault_next_opens(
    two_cases: tuple[Vault, int, int], stage: str
) -> None:
    import subprocess
    import sys

    from casus.vault.erasure import pending_in_ledger

    vault, gone, kept = two_cases
    path = Path(vault.path)
    backup = vault.backup(PASSPHRASE)
    vault.close()
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_DESTROYER, stage, str(path), str(gone), PASSPHRASE],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == 9, killed.stderr
    assert _holds(decrypted(backup, PASSPHRASE), DESTROYED), "the kill left the backup as it was"
    assert pending_in_ledger(path) == [gone]

    with Vault.open(path, PASSPHRASE) as reopened:
        assert any("onderbroken vernietiging is afgemaakt" in line for line in reopened.recovered)
        assert CaseService(reopened).get(gone).status.value == "destroyed"
        assert CaseService(reopened).get(kept).facts == "Ayodele Mensah wordt buitengesloten."
    assert pending_in_ledger(path) == []
    from casus.vault.backup import BackupStore

    backups = BackupStore(path).list()
    assert backups == [backup], "rewritten in place, not removed"
    for each in (path, *backups):
        assert _holds(decrypted(each, PASSPHRASE), DESTROYED) == [], each.name
    with Vault.open(path, PASSPHRASE) as again:
        assert again.recovered == (), "finished once, not at every open"
