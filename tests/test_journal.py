"""A damaged rollback journal is refused before SQLite plays it back, never half played.

The hot journal here is real: a child process commits cases, then runs one more transaction
that changes every case and dies (os._exit) before closing. In exclusive mode SQLite keeps that
last journal beside the vault with only its 28-byte header zeroed at commit; writing the header
back as SQLite wrote it during the commit gives exactly the state of a process killed after the
main file was written and before the journal was let go. Playing it back must restore the
cases as they were before that last transaction.
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import DamagedVaultError, WrongPassphraseError
from casus.services.cases import CaseService
from casus.vault import Vault
from casus.vault.connection import PAGE_SIZE
from casus.vault.journal import hot_journal
from casus.vocabulary.enums import CaseStatus
from tests.conftest import PASSPHRASE

CASES = 30
SECTOR = 512
RECORD = 4 + PAGE_SIZE + 4

CHILD = r"""
import os, sys
from sqlalchemy import text
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.vault import Vault

vault = Vault.open(sys.argv[1], sys.stdin.readline().rstrip("\n"))
service = CaseService(vault)
for number in range(int(sys.argv[2])):
    service.create(CaseDraft(
        reference=f"K-{number}", channel="hr", received="2024-03-04", category="bullying",
        facts="Een melding over de afdeling " * 60,
        people=[PersonDraft(role="reporter", name=f"Melder Nummer{number}")],
    ))
with vault.session() as session:
    session.execute(text("UPDATE case_file SET status = 'closed', facts = facts || ' later'"))
os._exit(0)
"""


def _sqlite_checksum(page: bytes, seed: int) -> int:
    return (seed + sum(page[PAGE_SIZE - 200 : 0 : -200])) & 0xFFFFFFFF


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """The vault file and its hot journal (header restored), as a killed commit leaves them."""
    folder = tmp_path_factory.mktemp("journal")
    path = folder / "kluis.casus"
    Vault.create(path, PASSPHRASE).close()
    subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(CASES)],
        input=PASSPHRASE + "\n",
        text=True,
        check=True,
        timeout=120,
    )
    journal = bytearray(path.with_name(path.name + "-journal").read_bytes())
    assert journal[:28] == bytes(28), "SQLite zeroes the header of a finished transaction"
    first_page = bytes(journal[SECTOR + 4 : SECTOR + 4 + PAGE_SIZE])
    (first_sum,) = struct.unpack_from(">I", journal, SECTOR + 4 + PAGE_SIZE)
    seed = (first_sum - _sqlite_checksum(first_page, 0)) & 0xFFFFFFFF
    records = 0
    offset = SECTOR
    while offset + RECORD <= len(journal):
        page = bytes(journal[offset + 4 : offset + 4 + PAGE_SIZE])
        (stored,) = struct.unpack_from(">I", journal, offset + 4 + PAGE_SIZE)
        if stored != _sqlite_checksum(page, seed):
            break
        records += 1
        offset += RECORD
    assert records >= 2, "the last transaction changed several pages"
    pages = path.stat().st_size // PAGE_SIZE
    header = bytes.fromhex("d9d505f920a163d7") + struct.pack(
        ">IIIII", records, seed, pages, SECTOR, PAGE_SIZE
    )
    journal[: len(header)] = header
    return path.read_bytes(), bytes(journal[: SECTOR + records * RECORD])


def _lay_down(folder: Path, crashed: tuple[bytes, bytes], journal: bytes | None = None) -> Path:
    path = folder / "kluis.casus"
    for leftover in folder.glob("kluis.casus*"):
        leftover.unlink()
    path.write_bytes(crashed[0])
    path.with_name(path.name + "-journal").write_bytes(crashed[1] if journal is None else journal)
    return path


def _open_outcome(path: Path) -> str:
    """'refused' (said to be damaged, the file untouched), or 'whole': every committed case,
    none with a change of the unfinished transaction. Anything else fails the test."""
    before = path.read_bytes()
    try:
        vault = Vault.open(path, PASSPHRASE)
    except DamagedVaultError:
        assert path.read_bytes() == before, "a refused open must not write to the vault"
        return "refused"
    with vault:
        assert vault.verify().ok
        rows = CaseService(vault).summaries()
    assert len(rows) == CASES
    assert {row.status for row in rows} == {CaseStatus.NEW}, "an unfinished change survived"
    return "whole"


def test_a_whole_hot_journal_is_played_back_to_the_last_commit(
    tmp_path: Path, crashed: tuple[bytes, bytes]
) -> None:
    path = _lay_down(tmp_path, crashed)
    assert hot_journal(path)
    assert _open_outcome(path) == "whole"


def test_a_cut_journal_is_refused_wherever_it_is_cut(tmp_path: Path, crashed: tuple[bytes, bytes]) -> None:
    """Measured before the check: every cut from 5% to 95% opened, verified and kept an
    unfinished change. Now every cut inside the records refuses."""
    journal = crashed[1]
    for cut in range(SECTOR + 1, len(journal), RECORD // 3):
        assert _open_outcome(_lay_down(tmp_path, crashed, journal[:cut])) == "refused", cut


@settings(max_examples=60, deadline=None)
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_a_flipped_bit_in_a_journal_never_leaves_a_half_true_vault(
    tmp_path_factory: pytest.TempPathFactory, crashed: tuple[bytes, bytes], position: int, bit: int
) -> None:
    journal = bytearray(crashed[1])
    position %= len(journal)
    journal[position] ^= 1 << bit
    folder = tmp_path_factory.mktemp("flip")
    _open_outcome(_lay_down(folder, crashed, bytes(journal)))


def test_a_flipped_bit_in_a_record_is_refused(tmp_path: Path, crashed: tuple[bytes, bytes]) -> None:
    """Not only 'never half true': a flip in any record's page number, page or checksum is
    found before anything is played back, also where SQLite's sampled checksum does not look."""
    rng = random.Random(20261202)
    journal = crashed[1]
    for _ in range(25):
        damaged = bytearray(journal)
        damaged[rng.randrange(SECTOR, len(journal))] ^= 1 << rng.randrange(8)
        assert _open_outcome(_lay_down(tmp_path, crashed, bytes(damaged))) == "refused"


def test_a_wrong_passphrase_beside_a_hot_journal_is_a_wrong_passphrase(
    tmp_path: Path, crashed: tuple[bytes, bytes]
) -> None:
    path = _lay_down(tmp_path, crashed)
    before = (path.read_bytes(), path.with_name(path.name + "-journal").read_bytes())
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, "een ander wachtwoord dat niet klopt")
    assert (path.read_bytes(), path.with_name(path.name + "-journal").read_bytes()) == before
    assert _open_outcome(path) == "whole", "the right passphrase still opens it afterwards"


def test_a_finished_transaction_leaves_no_hot_journal(tmp_path: Path) -> None:
    path = tmp_path / "kluis.casus"
    with Vault.create(path, PASSPHRASE) as vault:
        CaseService(vault).summaries()
        assert not hot_journal(path)
    assert not os.path.exists(path.with_name(path.name + "-journal"))


def test_a_check_that_cannot_finish_is_a_finding_not_an_exception() -> None:
    """A partly played-back file can be too malformed for `integrity_check` to finish; verify
    reports it as damage (it once escaped as sqlcipher3's 'database disk image is malformed')."""
    import sqlcipher3

    from casus.vault.backup import verify_connection

    class Malformed:
        def execute(self, _sql: str) -> object:
            raise sqlcipher3.DatabaseError("database disk image is malformed")

    report = verify_connection(Malformed())
    assert not report.ok
    assert report.problems and "beschadigd" in report.problems[0]
