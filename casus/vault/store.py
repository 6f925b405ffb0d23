"""The vault: one SQLCipher file holding everything, opened by one process at a time.

Opening is ordered so that a failed open never writes to the file:
1. the single-writer lock (a lock file beside the vault) is taken, or VaultInUseError;
2. the file is checked for size (whole pages) and a known KDF profile in its salt;
3. the key is derived (Argon2id, about half a second); a journal a killed process left is
   checked record by record before SQLite may play it back (casus.vault.journal), and after
   the play-back SQLite's quick check runs; then SQLCipher reads page 1;
   if that fails, SQLCipher's per-page HMACs tell a wrong passphrase (no page verifies) from a
   damaged or tampered file (some do);
4. every page's HMAC is checked (`cipher_integrity_check`, about 40 ms for 5,000 cases), so
   tampering is found now and not in the middle of someone's work;
5. only then is anything written: the journal mode, and, when the schema is behind, an automatic
   backup followed by the migration, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import hmac
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from filelock import FileLock, Timeout
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from casus.errors import (
    DamagedVaultError,
    DiskFullError,
    NotAVaultError,
    VaultClosedError,
    VaultExistsError,
    VaultInUseError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from casus.vault import recovery, schema
from casus.vault.backup import BackupStore, VerifyReport, export_into, verify_connection, verify_file
from casus.vault.connection import PAGE_SIZE, make_engine, open_keyed
from casus.vault.erasure import (
    BackupsErased,
    add_to_ledger,
    compact,
    erase_case,
    erase_from_backups,
    erase_in_file,
    keep_in_ledger,
    mark_done,
    pending_in_ledger,
    read_ledger,
)
from casus.vault.files import (
    durable_copy,
    durable_replace,
    fsync_file,
    remove_if_present,
    sidecar,
)
from casus.vault.journal import check_journal, hot_journal
from casus.vault.kdf import (
    SALT_BYTES,
    KdfProfile,
    derive_key,
    new_salt,
    profile_for_new_vault,
    profile_of_salt,
    sqlcipher_key_spec,
)
from casus.vault.passphrase_policy import require_acceptable_passphrase

_REKEY_SUFFIX = recovery.REKEYED


def lock_path(vault_path: Path) -> Path:
    return sidecar(vault_path, ".lock")


def acquire_lock(vault_path: Path) -> FileLock:
    lock = FileLock(str(lock_path(vault_path)), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise VaultInUseError() from None
    return lock


def read_salt(path: Path) -> bytes:
    """The 16 plaintext bytes at the start of the file; refuses what cannot be a vault."""
    if not path.exists():
        raise VaultNotFoundError()
    if not path.is_file():
        raise NotAVaultError()
    size = path.stat().st_size
    with open(path, "rb") as handle:
        salt = handle.read(SALT_BYTES)
    if size == 0 or salt.startswith(b"SQLite format 3"):
        raise NotAVaultError()
    profile_of_salt(salt)  # raises NotAVaultError for an unknown profile byte
    # A vault of an older version (WAL mode) killed before its first checkpoint is its first
    # page beside a log that holds the rest: SQLite reads both.
    log = sidecar(path, "-wal")
    logged = log.is_file() and log.stat().st_size > 0
    if size % PAGE_SIZE or size < (PAGE_SIZE if logged else 2 * PAGE_SIZE):
        raise DamagedVaultError()
    return salt


def _classify_unreadable(raw: Any, path: Path) -> Exception:
    """Page 1 did not decrypt: wrong passphrase if no page verifies, else a damaged file."""
    rows = raw.execute("PRAGMA cipher_integrity_check").fetchall()
    pages = path.stat().st_size // PAGE_SIZE
    if len(rows) >= pages:
        return WrongPassphraseError()
    return DamagedVaultError()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, container): still record something
        return "onbekend"


class Vault:
    """An open vault. Use `Vault.create` or `Vault.open`; always `close()` (or use `with`)."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: FileLock,
        salt: bytes,
        key_spec: str,
        backups: BackupStore,
        actor: str,
    ) -> None:
        self.path = path
        self._salt = salt
        self.backups = backups
        self.actor = actor
        self._engine: Engine | None = engine
        self._lock: FileLock | None = lock
        self._key_spec = key_spec
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # One connection serves the process: units of work take turns.
        self._guard = threading.RLock()
        # What the open found interrupted and finished, undid or removed (Dutch, one line each).
        self.recovered: tuple[str, ...] = ()

    # --- life cycle ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        kdf_profile: KdfProfile | None = None,
        initialise: Callable[[Vault], None] | None = None,
        backup_dir: Path | None = None,
        actor: str | None = None,
    ) -> Vault:
        """A new vault with an empty schema. `initialise` fills it before it is handed out; if
        it fails, the new file is removed like any other half-made vault (the default units
        come this way: casus.services.vaults.create_vault)."""
        path = Path(path).absolute()
        if path.exists():
            raise VaultExistsError()
        require_acceptable_passphrase(passphrase)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = acquire_lock(path)
        engine: Engine | None = None
        try:
            if path.exists():  # created by someone else between our check and our lock
                raise VaultExistsError()
            salt = new_salt(kdf_profile or profile_for_new_vault())
            key_spec = sqlcipher_key_spec(derive_key(passphrase, salt), salt)
            engine = make_engine(path, key_spec)
            with engine.begin() as connection:
                schema.upgrade(connection)
            vault = cls(
                path,
                engine,
                lock,
                salt,
                key_spec,
                BackupStore(path, backup_dir),
                actor or _default_actor(),
            )
            if initialise is not None:
                initialise(vault)
            return vault
        except BaseException:
            if engine is not None:
                engine.dispose()
            for leftover in (path, sidecar(path, "-wal"), sidecar(path, "-journal")):
                remove_if_present(leftover)
            lock.release()
            raise

    @classmethod
    def open(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        backup_dir: Path | None = None,
        actor: str | None = None,
    ) -> Vault:
        path = Path(path).absolute()
        if not path.exists() and not sidecar(path, recovery.RESTORE_INTENT).exists():
            raise VaultNotFoundError()
        lock = acquire_lock(path)
        engine: Engine | None = None
        try:
            backups = BackupStore(path, backup_dir)
            # Before anything reads the file: an interrupted restore is finished or undone.
            recovered = recovery.recover(path, backups.folder)
            salt = read_salt(path)
            key = derive_key(passphrase, salt)
            key_spec = sqlcipher_key_spec(key, salt)
            after_crash = hot_journal(path)
            if after_crash:
                # Before SQLite plays it back: a damaged journal is refused, never half played.
                check_journal(path, key, salt)
            engine = make_engine(path, key_spec, check_key_and_pages(path, key_spec, after_crash))
            vault = cls(path, engine, lock, salt, key_spec, backups, actor or _default_actor())
            vault.recovered = tuple(recovered)
            vault._migrate_if_needed(passphrase)
            vault._finish_destructions(passphrase)
            return vault
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise

    def close(self) -> None:
        """Close the connection (SQLite removes its journal) and drop the key."""
        with self._guard:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            self._key_spec = ""
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- units of work ------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits when the block ends, rolls back on any exception."""
        with self._guard:
            if self._engine is None:
                raise VaultClosedError()
            try:
                with self._sessions() as session, session.begin():
                    yield session
            except OperationalError as error:
                if "full" in str(error.orig).lower():
                    raise DiskFullError() from None
                raise

    @contextmanager
    def _raw(self) -> Iterator[Any]:
        """The driver connection, outside any transaction, for pragmas and the backup API."""
        with self._guard:
            if self._engine is None:
                raise VaultClosedError()
            pooled = self._engine.raw_connection()
            try:
                pooled.commit()
                yield pooled.driver_connection
            finally:
                pooled.close()

    # --- maintenance --------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        with self._raw() as raw:
            return verify_connection(raw)

    def backup(self, passphrase: str, label: str = "") -> Path:
        """A verified backup with a key of its own: derived from the passphrase (which must be
        this vault's) with a fresh salt, so the backup opens with the passphrase alone, even
        without the vault, and none of its pages verifies in the vault or another backup."""
        if not self.check_passphrase(passphrase):
            raise WrongPassphraseError()
        with self._guard:
            salt = new_salt(profile_of_salt(self._salt))
        key_spec = sqlcipher_key_spec(derive_key(passphrase, salt), salt)
        with self._raw() as raw:
            return self.backups.write(raw, key_spec, label)

    def erase_case(self, case_id: int, passphrase: str) -> BackupsErased:
        """Destroys a case for good (casus.vault.erasure): in this file, in the ledger beside
        it, and in every backup, which is rewritten, or removed when it was made with another
        passphrase and so cannot be opened to erase. Asks for the passphrase: nobody destroys a
        case by leaving a window open."""
        if not self.check_passphrase(passphrase):
            raise WrongPassphraseError()
        at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        add_to_ledger(self.path, case_id, at)  # first: an interrupted destruction is finished on open
        self._erase_here(case_id, at)
        erased = erase_from_backups(self.backups, passphrase, [case_id], self.actor)
        mark_done(self.path, case_id)
        return erased

    def _erase_here(self, case_id: int, at: dt.datetime) -> None:
        with self._raw() as raw:
            raw.execute("BEGIN IMMEDIATE")
            try:
                changes = raw.total_changes
                erase_case(raw, case_id, self.actor, at)
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            if raw.total_changes != changes:
                compact(raw)

    def _finish_destructions(self, passphrase: str) -> None:
        """A destruction that a crash, a kill or a full disk interrupted is finished here, in
        the vault and in the backups, before anyone reads the vault: the ledger said it began."""
        pending = pending_in_ledger(self.path)
        if not pending:
            return
        at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for case_id in pending:
            self._erase_here(case_id, at)
        erased = erase_from_backups(self.backups, passphrase, pending, self.actor)
        for case_id in pending:
            mark_done(self.path, case_id)
        self.recovered += (
            f"Een onderbroken vernietiging is afgemaakt; reservekopieën: {len(erased.rewritten)} "
            f"herschreven, {len(erased.removed)} verwijderd.",
        )

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` opens this vault, without opening it again (meeting mode asks
        for it before it shows anything but pseudonyms). Costs one key derivation."""
        with self._guard:
            salt, spec = self._salt, self._key_spec
        if not spec:
            return False
        return hmac.compare_digest(sqlcipher_key_spec(derive_key(passphrase, salt), salt), spec)

    def change_passphrase(self, current: str, new: str) -> Path:
        """Re-key the vault under a new passphrase and salt; returns the backup made first.

        The backup still opens with the old passphrase. The re-keyed copy is written beside the
        vault, verified, and moved over it in one rename, so a crash leaves the old or the new.
        """
        if not self.check_passphrase(current):
            raise WrongPassphraseError()
        with self._guard:
            require_acceptable_passphrase(new)
            backup_path = self.backup(current, "voor-wachtwoordwijziging")
            new_salt_bytes = new_salt(profile_for_new_vault())
            new_spec = sqlcipher_key_spec(derive_key(new, new_salt_bytes), new_salt_bytes)
            rekeyed = sidecar(self.path, _REKEY_SUFFIX)
            remove_if_present(rekeyed)
            try:
                with self._raw() as raw:
                    raw.execute(f'ATTACH DATABASE ? AS rekeyed KEY "{new_spec}"', (str(rekeyed),))
                    try:
                        raw.execute("SELECT sqlcipher_export('rekeyed')")
                    finally:
                        raw.execute("DETACH DATABASE rekeyed")
                if not verify_file(rekeyed, new_spec).ok:
                    raise DamagedVaultError()
            except (OSError, sqlcipher3.DatabaseError) as error:
                # The copy did not fit, or the disk refused it: the vault and its passphrase
                # are as they were.
                remove_if_present(rekeyed)
                remove_if_present(sidecar(rekeyed, "-journal"))
                if "full" in str(error).lower() or getattr(error, "errno", None) == errno.ENOSPC:
                    raise DiskFullError() from None
                raise DamagedVaultError() from None
            except BaseException:
                remove_if_present(rekeyed)
                remove_if_present(sidecar(rekeyed, "-journal"))
                raise
            assert self._engine is not None
            self._engine.dispose()
            durable_replace(rekeyed, self.path)
            self._key_spec = new_spec
            self._salt = new_salt_bytes
            self._engine = make_engine(self.path, new_spec)
            self._sessions = sessionmaker(self._engine, expire_on_commit=False)
            return backup_path

    def _migrate_if_needed(self, passphrase: str) -> None:
        with self._guard:
            assert self._engine is not None
            with self._engine.connect() as connection:
                behind = schema.needs_upgrade(connection)
            if not behind:
                return
            self.backup(passphrase, "voor-migratie")
            with self._engine.begin() as connection:
                schema.upgrade(connection)


def check_key_and_pages(path: Path, key_spec: str, after_crash: bool = False) -> Any:
    """Steps 3 and 4 of opening (see the module docstring), reading only; returns the verified
    connection, or closes it and raises. The caller holds the vault's lock. After a crash
    (a journal was played back) SQLite's structural quick check runs as well."""
    probe = open_keyed(path, key_spec)
    try:
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.OperationalError as error:
            if "locked" in str(error).lower():
                raise VaultInUseError() from None
            raise DamagedVaultError() from None
        except sqlcipher3.DatabaseError:
            raise _classify_unreadable(probe, path) from None
        # Tampering anywhere fails a page's HMAC; a truncated file already failed on page 1
        # (its header counts more pages). SQLite's structural checks run in verify().
        if probe.execute("PRAGMA cipher_integrity_check").fetchall():
            raise DamagedVaultError()
        if after_crash and probe.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise DamagedVaultError()
    except sqlcipher3.DatabaseError:
        probe.close()
        raise DamagedVaultError() from None
    except BaseException:
        probe.close()
        raise
    return probe


def _stage_rekeyed(backup: Path, key_spec: str, staged: Path, passphrase: str, salt: bytes) -> str:
    """The backup's content under a fresh key and salt: the restored vault is no page-for-page
    twin of the backup, so no page of that backup verifies in it afterwards."""
    new_salt_bytes = new_salt(profile_of_salt(salt))
    staged_spec = sqlcipher_key_spec(derive_key(passphrase, new_salt_bytes), new_salt_bytes)
    for leftover in (staged, sidecar(staged, "-journal")):
        remove_if_present(leftover)
    source = open_keyed(backup, key_spec)
    try:
        export_into(source, staged, staged_spec)
    except (OSError, sqlcipher3.DatabaseError) as error:
        remove_if_present(staged)
        if "full" in str(error).lower() or getattr(error, "errno", None) == errno.ENOSPC:
            raise DiskFullError() from None
        raise DamagedVaultError() from None
    finally:
        source.close()
    if not verify_file(staged, staged_spec).ok:
        remove_if_present(staged)
        raise DamagedVaultError()
    fsync_file(staged)
    return staged_spec


def restore_backup(vault_path: Path | str, backup_path: Path | str, passphrase: str) -> Path:
    """Put a backup in place of the vault; returns where the replaced vault was kept.

    The backup must open with `passphrase` (the one valid when it was made) and pass every
    check before anything is touched. The current vault, with its journal or log if a crash
    left one, is first copied aside into the backup folder, so a restore never loses anything
    either. Then the backup is staged beside the vault, the restore is decided (an intent
    file) and completed: a kill at any step leaves what the next open finishes or undoes
    (casus.vault.recovery).
    """
    vault_path = Path(vault_path).absolute()
    backup_path = Path(backup_path).absolute()
    salt = read_salt(backup_path)
    key_spec = sqlcipher_key_spec(derive_key(passphrase, salt), salt)
    lock = acquire_lock(vault_path)
    try:
        probe = check_key_and_pages(backup_path, key_spec)
        try:
            if not verify_connection(probe).ok:
                raise DamagedVaultError()
        finally:
            probe.close()
        store = BackupStore(vault_path)
        recovery.recover(vault_path, store.folder)  # an earlier restore, finished or undone
        store.folder.mkdir(parents=True, exist_ok=True)
        kept = store.new_path("voor-herstel")
        if vault_path.exists():
            durable_copy(vault_path, kept)
            for companion in ("-journal", "-wal"):
                beside = sidecar(vault_path, companion)
                if beside.exists() and beside.stat().st_size > 0:
                    durable_copy(beside, sidecar(kept, companion))
        staged = sidecar(vault_path, recovery.RESTORE_STAGED)
        staged_spec = _stage_rekeyed(backup_path, key_spec, staged, passphrase, salt)
        destroyed = read_ledger(vault_path)
        if destroyed:  # an older backup holds cases destroyed since: they are destroyed again
            keep_in_ledger(vault_path, erase_in_file(staged, staged_spec, destroyed, "herstel")[0])
        recovery.write_intent(vault_path)
        recovery.complete_restore(vault_path)
        return kept
    finally:
        lock.release()
