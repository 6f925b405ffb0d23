"""The vault on real SQLCipher files: open, refuse, protect, back up, restore, re-key."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casus.errors import (
    DamagedVaultError,
    DiskFullError,
    NotAVaultError,
    VaultClosedError,
    VaultExistsError,
    VaultInUseError,
    VaultNotFoundError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.org_units import OrgUnitService
from casus.services.vaults import create_vault
from casus.vault import Vault, kdf, restore_backup
from casus.vault.connection import PAGE_SIZE
from casus.vocabulary.enums import Role
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE, snapshot


def add_case(vault: Vault, reference: str, name: str = "Fatima Bouzid") -> int:
    return CaseService(vault).create(
        CaseDraft(
            reference=reference,
            channel="hr",
            received="2024-05-01",
            category="exclusion",
            grounds=["origin_race"],
            facts=f"{name} werd buitengesloten bij het teamuitje.",
            people=[PersonDraft(role=Role.REPORTER, name=name, email="f.bouzid@example.nl")],
        )
    )


def references(vault: Vault) -> set[str]:
    return {row.reference for row in CaseService(vault).summaries()}


@pytest.fixture
def closed_vault(vault_path: Path) -> Path:
    """A vault with a handful of cases, closed: many pages, so tampering has room."""
    with create_vault(vault_path, PASSPHRASE) as vault:
        for number in range(30):
            add_case(vault, f"T-{number:03d}")
    return vault_path


def test_create_close_open_keeps_data_in_one_encrypted_file(vault_path: Path) -> None:
    with create_vault(vault_path, PASSPHRASE) as vault:
        add_case(vault, "T-1")
    files = sorted(p.name for p in vault_path.parent.iterdir() if not p.name.endswith(".lock"))
    assert files == ["test.casus"], "at rest the vault is one file (no -wal, no -shm)"
    header = vault_path.read_bytes()[:16]
    assert not header.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(vault_path).execute("SELECT * FROM sqlite_master").fetchall()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert references(vault) == {"T-1"}


def test_closed_vault_refuses_work(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultClosedError):
        CaseService(vault).summaries()


def test_create_refuses_existing_file_and_weak_passphrase(vault_path: Path) -> None:
    with pytest.raises(WeakPassphraseError) as weak:
        create_vault(vault_path, "welkom01welkom01")
    assert "raden" in str(weak.value)
    assert not vault_path.exists()
    create_vault(vault_path, PASSPHRASE).close()
    with pytest.raises(VaultExistsError):
        create_vault(vault_path, PASSPHRASE)


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        Vault.open(tmp_path / "nergens.casus", PASSPHRASE)


def test_connection_pragmas_are_in_force(vault: Vault) -> None:
    with vault._raw() as raw:
        pragma = {
            name: raw.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "secure_delete",
                "temp_store",
                "foreign_keys",
                "journal_mode",
                "locking_mode",
                "synchronous",
            )
        }
        version = raw.execute("PRAGMA cipher_version").fetchone()[0]
    assert pragma == {
        "secure_delete": 1,
        "temp_store": 2,
        "foreign_keys": 1,
        "journal_mode": "delete",
        "locking_mode": "exclusive",
        "synchronous": 2,
    }
    assert version.startswith("4.")


def test_wrong_passphrase_is_its_own_error_and_changes_nothing(closed_vault: Path) -> None:
    before = snapshot(closed_vault.parent)
    with pytest.raises(WrongPassphraseError) as error:
        Vault.open(closed_vault, OTHER_PASSPHRASE)
    assert str(error.value) == "De wachtwoordzin klopt niet."
    assert snapshot(closed_vault.parent) == before


def _flip(path: Path, offsets: list[int]) -> None:
    data = bytearray(path.read_bytes())
    for offset in offsets:
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "pages",
    [[3, 7, 11], [1, 4], [0]],
    ids=["inner-pages", "second-page-and-more", "first-page-after-salt"],
)
def test_tampered_file_is_its_own_error_and_unchanged(closed_vault: Path, pages: list[int]) -> None:
    page_count = closed_vault.stat().st_size // PAGE_SIZE
    assert page_count > max(pages)
    _flip(closed_vault, [page * PAGE_SIZE + 100 for page in pages])
    before = snapshot(closed_vault.parent)
    with pytest.raises(DamagedVaultError):
        Vault.open(closed_vault, PASSPHRASE)
    assert snapshot(closed_vault.parent) == before


@pytest.mark.parametrize("cut", [PAGE_SIZE * 3 + 517, PAGE_SIZE * 2], ids=["mid-page", "page-boundary"])
def test_truncated_file_is_its_own_error_and_unchanged(closed_vault: Path, cut: int) -> None:
    data = closed_vault.read_bytes()
    closed_vault.write_bytes(data[: len(data) - cut])
    before = snapshot(closed_vault.parent)
    with pytest.raises(DamagedVaultError):
        Vault.open(closed_vault, PASSPHRASE)
    assert snapshot(closed_vault.parent) == before


@pytest.mark.parametrize(
    "content",
    # Random bytes that do not start with a known KDF profile byte (1 in 128 random files do;
    # those are then reported as a wrong passphrase, which is all one can tell).
    [b"", b"\x00" + os.urandom(PAGE_SIZE * 4 - 1), b"%PDF-1.7\n" + b"x" * PAGE_SIZE],
    ids=["empty", "random", "pdf"],
)
def test_not_a_vault(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "iets.casus"
    path.write_bytes(content)
    with pytest.raises(NotAVaultError):
        Vault.open(path, PASSPHRASE)
    assert path.read_bytes() == content


def test_plain_sqlite_database_is_not_a_vault(tmp_path: Path) -> None:
    path = tmp_path / "gewoon.casus"
    sqlite3.connect(path).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(NotAVaultError):
        Vault.open(path, PASSPHRASE)


def test_second_opener_is_refused_in_process_and_from_another_process(vault: Vault) -> None:
    with pytest.raises(VaultInUseError):
        Vault.open(vault.path, PASSPHRASE)
    child = subprocess.run(
        [sys.executable, "-m", "casus.cli", "verify", str(vault.path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 1
    assert "al geopend" in child.stderr
    vault.close()
    with Vault.open(vault.path, PASSPHRASE) as again:
        assert again.verify().ok


def test_backup_and_restore_round_trip(vault: Vault) -> None:
    add_case(vault, "VOOR")
    backup = vault.backup(PASSPHRASE)
    add_case(vault, "NA")
    path = vault.path
    vault.close()
    kept = restore_backup(path, backup, PASSPHRASE)
    with Vault.open(path, PASSPHRASE) as restored:
        assert references(restored) == {"VOOR"}
        assert restored.verify().ok
    kept_copy = kept.with_name("kopie.casus")
    kept_copy.write_bytes(kept.read_bytes())
    with Vault.open(kept_copy, PASSPHRASE) as previous:
        assert references(previous) == {"VOOR", "NA"}, "a restore keeps what it replaces"


def test_restore_refuses_while_open_and_with_wrong_passphrase(vault: Vault) -> None:
    backup = vault.backup(PASSPHRASE)
    with pytest.raises(VaultInUseError):
        restore_backup(vault.path, backup, PASSPHRASE)
    vault.close()
    before = snapshot(vault.path.parent)
    with pytest.raises(WrongPassphraseError):
        restore_backup(vault.path, backup, OTHER_PASSPHRASE)
    assert snapshot(vault.path.parent) == before


def test_backups_are_encrypted_verified_and_rotated(vault: Vault) -> None:
    vault.backups.keep = 3
    made = [vault.backup(PASSPHRASE) for _ in range(5)]
    kept = vault.backups.list()
    assert kept == sorted(made, reverse=True)[:3]
    assert all(not p.read_bytes().startswith(b"SQLite format 3") for p in kept)
    assert not list(vault.backups.folder.glob("*.partial*"))


def test_passphrase_change_keeps_every_record_and_rekeys(vault: Vault) -> None:
    for number in range(12):
        add_case(vault, f"R-{number}")
    salt_before = vault.path.read_bytes()[:16]
    backup = vault.change_passphrase(PASSPHRASE, OTHER_PASSPHRASE)
    assert references(vault) == {f"R-{n}" for n in range(12)}
    add_case(vault, "R-na-wijziging")
    path = vault.path
    vault.close()
    assert path.read_bytes()[:16] != salt_before, "a new passphrase gets a new salt"
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, PASSPHRASE)
    with Vault.open(path, OTHER_PASSPHRASE) as reopened:
        assert len(references(reopened)) == 13
        assert reopened.verify().ok
    copy = backup.with_name("oud.casus")
    copy.write_bytes(backup.read_bytes())
    with Vault.open(copy, PASSPHRASE) as old:
        assert len(references(old)) == 12, "the backup made first opens with the old passphrase"


def test_passphrase_change_checks_current_and_policy(vault: Vault) -> None:
    with pytest.raises(WrongPassphraseError):
        vault.change_passphrase(OTHER_PASSPHRASE, "blauwe walvis zingt in de regen")
    with pytest.raises(WeakPassphraseError):
        vault.change_passphrase(PASSPHRASE, "kort")
    assert vault.verify().ok


def test_new_vault_uses_production_kdf_without_the_test_setting(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(kdf.INSECURE_TEST_KDF_ENV)
    with create_vault(vault_path, PASSPHRASE):
        pass
    profile = kdf.profile_of_salt(vault_path.read_bytes()[:16])
    assert profile is kdf.PRODUCTION
    assert not profile.for_tests_only
    # At least the anchors: GlobaLeaks' ~128 MB Argon2id, KeePassXC's 64 MiB.
    assert profile.memory_kib >= 128 * 1024
    assert profile.iterations >= 2
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.verify().ok


def test_kdf_profile_byte_tampering_does_not_open(closed_vault: Path) -> None:
    data = bytearray(closed_vault.read_bytes())
    data[0] = (
        kdf.PRODUCTION.profile_id if data[0] != kdf.PRODUCTION.profile_id else kdf.INSECURE_TEST.profile_id
    )
    closed_vault.write_bytes(bytes(data))
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, PASSPHRASE)


def test_passphrase_is_normalised(vault_path: Path) -> None:
    composed = "café crème op het terras van de haven"
    decomposed = composed.replace("é", "e\u0301").replace("è", "e\u0300")
    create_vault(vault_path, composed).close()
    with Vault.open(vault_path, decomposed) as vault:
        assert vault.verify().ok


def test_full_disk_is_a_clear_error_and_loses_nothing(vault: Vault, corpus_file: Path) -> None:
    """SQLite's own 'database or disk is full' (forced with max_page_count) reaches the user
    as a Dutch DiskFullError; the transaction rolls back and what was committed stays."""
    from casus.errors import DiskFullError
    from casus.importing import import_cases

    add_case(vault, "VOOR-VOL")
    with vault._raw() as raw:
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        raw.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFullError) as error:
        import_cases(vault, corpus_file)
    assert "schijf is vol" in str(error.value)
    assert references(vault) == {"VOOR-VOL"}
    assert vault.verify().ok
    with vault._raw() as raw:
        raw.execute("PRAGMA max_page_count = 1073741823")
    assert import_cases(vault, corpus_file) > 0


def test_a_passphrase_change_that_does_not_fit_says_so_and_keeps_the_old_passphrase(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The re-keyed copy meets SQLite's 'disk is full' (its page limit set right after it is
    attached): a Dutch DiskFullError, no copy left beside the vault, the old passphrase opens."""
    from contextlib import contextmanager

    from casus.errors import DiskFullError

    add_case(vault, "VOOR-WIJZIGING")
    raw_of = type(vault)._raw

    class Limited:
        def __init__(self, connection: object) -> None:
            self.connection = connection

        def __getattr__(self, name: str) -> object:  # backup() and the rest as they are
            return getattr(self.connection, name)

        def execute(self, sql: str, *args: object) -> object:
            result = self.connection.execute(sql, *args)  # type: ignore[attr-defined]
            if sql.startswith("ATTACH") and "AS rekeyed" in sql:
                self.connection.execute("PRAGMA rekeyed.max_page_count = 3")  # type: ignore[attr-defined]
            return result

    @contextmanager
    def limited(self: Vault):  # type: ignore[no-untyped-def]
        with raw_of(self) as raw:
            yield Limited(raw)

    monkeypatch.setattr(type(vault), "_raw", limited)
    with pytest.raises(DiskFullError) as error:
        vault.change_passphrase(PASSPHRASE, OTHER_PASSPHRASE)
    assert "schijf is vol" in str(error.value)
    monkeypatch.undo()
    assert references(vault) == {"VOOR-WIJZIGING"}
    vault.close()
    assert not [p.name for p in vault_path.parent.iterdir() if ".rekey" in p.name]
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        assert references(reopened) == {"VOOR-WIJZIGING"} and not reopened.recovered


def test_a_vault_whose_filling_fails_is_not_left_half_made(vault_path: Path) -> None:
    """Creating a vault and loading what it starts with is one step: when the second part
    fails, no file is left that opens as an empty vault."""

    def fail(_vault: Vault) -> None:
        raise DiskFullError()

    with pytest.raises(DiskFullError):
        Vault.create(vault_path, PASSPHRASE, initialise=fail)
    left = [p.name for p in vault_path.parent.glob(vault_path.name + "*") if p.suffix != ".lock"]
    assert not left, "the lock file (empty) is all that may stay"
    with create_vault(vault_path, PASSPHRASE) as vault:
        assert OrgUnitService(vault).list(), "a new vault has the default units"
