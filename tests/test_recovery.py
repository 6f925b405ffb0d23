"""Interrupted work: a restore killed at every step, a passphrase change and a backup left
half-done. The next open finishes or undoes it, says so, and leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.vaults import create_vault
from casus.vault import Vault, recovery, restore_backup
from casus.vault import store as vault_store
from tests.conftest import PASSPHRASE


class Killed(BaseException):
    """What a SIGKILL does to the code: nothing after this point runs."""


def _add(vault: Vault, reference: str) -> None:
    CaseService(vault).create(
        CaseDraft(
            reference=reference, channel="hr", received="2025-01-06", category="bullying",
            facts="Een melding.", people=[PersonDraft(role="reporter", name="Noor Veltman")],
        )
    )  # fmt: skip


def _references(path: Path) -> tuple[set[str], tuple[str, ...]]:
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.verify().ok
        return {row.reference for row in CaseService(vault).summaries()}, vault.recovered


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.rglob("*") if p.is_file() and (".partial" in p.name or ".restore" in p.name)
    )


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Path, Path, set[str], set[str]]:
    """A vault with cases after its backup: (vault, backup, references now, in the backup)."""
    path = tmp_path / "kluis" / "overleg.casus"
    with create_vault(path, PASSPHRASE) as vault:
        _add(vault, "BI-2025-001")
        backup = vault.backup(PASSPHRASE, "test")
        _add(vault, "BI-2025-002")
        _add(vault, "BI-2025-003")
    return path, backup, {"BI-2025-001", "BI-2025-002", "BI-2025-003"}, {"BI-2025-001"}


_STEPS = (
    "durable_copy",
    "write_intent",
    "complete_restore",
    "durable_replace",
    "remove_if_present",
    "fsync_dir",
)


def _kill_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[str]:
    """Make the `step`-th file operation of a restore never happen (and nothing after it)."""
    done: list[str] = []

    def wrap(module: object, name: str) -> None:
        original = getattr(module, name)

        def counted(*args: object, **kwargs: object) -> object:
            if len(done) == step:
                raise Killed()
            done.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    for name in ("durable_copy", "remove_if_present"):
        wrap(vault_store, name)
    for name in ("durable_replace", "remove_if_present", "fsync_dir", "write_intent", "complete_restore"):
        wrap(recovery, name)
    return done


def test_a_restore_killed_at_any_step_leaves_the_old_vault_or_the_restored_one(
    prepared: tuple[Path, Path, set[str], set[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backup, now, restored = prepared
    pristine = tmp_path / "pristine"
    shutil.copytree(path.parent, pristine)
    outcomes = set()
    for step in range(60):
        shutil.rmtree(path.parent)
        shutil.copytree(pristine, path.parent)
        with monkeypatch.context() as patch:
            done = _kill_at(patch, step)
            try:
                restore_backup(path, backup, PASSPHRASE)
            except Killed:
                pass
            else:
                break  # every step ran: the restore completed
        decided = (path.parent / (path.name + ".restore-intent")).exists()
        staged = (path.parent / (path.name + ".restore")).exists()
        references, said = _references(path)
        assert references in (now, restored), f"killed after {done}: {sorted(references)}"
        assert not _leftovers(path.parent), f"killed after {done}: {_leftovers(path.parent)}"
        outcomes.add("restored" if references == restored else "old")
        if decided:
            assert references == restored and any("afgemaakt" in line for line in said), done
        elif staged:
            assert references == now and any("ongedaan" in line for line in said), done
    assert outcomes == {"old", "restored"}, "kills fell both before and after the decision"
    references, _ = _references(path)
    assert references == restored


def test_an_interrupted_passphrase_change_and_backup_are_cleaned_up_and_said(
    prepared: tuple[Path, Path, set[str], set[str]],
) -> None:
    path, backup, now, _ = prepared
    (path.parent / (path.name + ".rekey")).write_bytes(b"\0" * 8192)
    (path.parent / (path.name + ".rekey-journal")).write_bytes(b"\0" * 512)
    folder = backup.parent
    (folder / (backup.name + ".partial")).write_bytes(b"\0" * 4096)
    (folder / (backup.name + ".partial-journal")).write_bytes(b"\0" * 512)
    (folder / (backup.name + "-wal")).write_bytes(b"")
    references, said = _references(path)
    assert references == now
    assert any("wachtwoordwijziging" in line for line in said)
    assert any("reservekopie opgeruimd (3" in line for line in said)
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == [path.name, path.name + ".lock"]
    assert [p.name for p in folder.iterdir()] == [backup.name]
    assert _references(path)[1] == (), "said once: the next open finds nothing"


PAGE = 4096


def _swap_page(source: Path, target: Path, number: int) -> None:
    """Page `number` (0 is the first) of `source` written over the same page of `target`."""
    with open(source, "rb") as handle:
        handle.seek(number * PAGE)
        page = handle.read(PAGE)
    with open(target, "r+b") as handle:
        handle.seek(number * PAGE)
        handle.write(page)


def test_no_page_of_a_backup_verifies_in_the_vault_or_in_another_backup(
    prepared: tuple[Path, Path, set[str], set[str]],
) -> None:
    """Every backup has a key and salt of its own: a page copied from one into the vault or
    into another backup fails its HMAC, so an older case status or a removed audit event
    cannot be put back page by page."""
    from casus.errors import DamagedVaultError
    from casus.vault.store import read_salt

    path, first, _, _ = prepared
    with Vault.open(path, PASSPHRASE) as vault:
        second = vault.backup(PASSPHRASE, "tweede")
    salts = {read_salt(p) for p in (path, first, second)}
    assert len(salts) == 3, "the vault and each backup have their own salt"
    _swap_page(first, second, 2)
    with pytest.raises(DamagedVaultError):
        restore_backup(path, second, PASSPHRASE)
    _swap_page(first, path, 2)
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)


def test_a_restored_vault_is_no_twin_of_its_backup(prepared: tuple[Path, Path, set[str], set[str]]) -> None:
    from casus.vault.store import read_salt

    path, backup, _, restored = prepared
    restore_backup(path, backup, PASSPHRASE)
    assert read_salt(path) != read_salt(backup)
    references, _ = _references(path)
    assert references == restored
    with Vault.open(path, PASSPHRASE) as vault:  # triggers and schema came along
        from sqlalchemy import text

        with vault.session() as session:
            triggers = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert "person_identifiers_inserted" in triggers
