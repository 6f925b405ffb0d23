"""Vault performance on this machine, with the production KDF, against plain SQLite.

    python benchmarks/vault_bench.py [--cases 5000] [--inserts 1000] [--repeat 5]

Measures:
- key derivation (Argon2id, production profile);
- open + list of N cases, beyond key derivation (open includes the per-page HMAC check and
  SQLite's quick_check that the vault runs to find tampering at once);
- inserting M cases: in one transaction (an import) and one commit each (the interface);
- the same open + list and inserts on plain SQLite through the same ORM, services and pragmas,
  as a ratio. Targets: ratio within 1.5x; open + list under 0.5 s beyond the KDF.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.pop("CASUS_INSECURE_TEST_KDF", None)

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from casus.demo import demo_cases
from casus.services.cases import CaseService, CaseWriter, clean_case, clean_people
from casus.vault import Vault, schema
from casus.vault.kdf import PRODUCTION, derive_key, new_salt

PASSPHRASE = "benchmark kluis met verzonnen casussen"


class PlainStore:
    """The vault's session interface on an unencrypted SQLite file, same pragmas."""

    def __init__(self, path: Path) -> None:
        self.actor = "bench"
        self.engine = create_engine(f"sqlite:///{path}")

        @event.listens_for(self.engine, "connect")
        def _pragmas(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            for pragma in (
                "locking_mode = EXCLUSIVE",
                "secure_delete = ON",
                "temp_store = MEMORY",
                "foreign_keys = ON",
                "synchronous = FULL",
                "journal_mode = WAL",
            ):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill(store: Vault | PlainStore, count: int, seed: int, per_commit: bool) -> None:
    drafts = list(demo_cases(count, [], seed=seed, prefix=f"B{seed}"))
    if per_commit:
        service = CaseService(store)  # type: ignore[arg-type]
        for draft in drafts:
            service.create(draft)
        return
    with store.session() as session:
        batch = [(clean_case(draft), clean_people(draft.people)) for draft in drafts]
        CaseWriter(session, store.actor).add_all(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--inserts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    salt = new_salt(PRODUCTION)
    kdf = median_time(lambda: derive_key(PASSPHRASE, salt), args.repeat)
    print(
        f"key derivation (Argon2id {PRODUCTION.memory_kib // 1024} MiB, "
        f"t={PRODUCTION.iterations}, p={PRODUCTION.lanes}): {kdf:.3f} s (median of {args.repeat})"
    )

    with tempfile.TemporaryDirectory() as folder:
        vault_path, plain_path = Path(folder) / "bench.casus", Path(folder) / "plain.db"
        vault = Vault.create(vault_path, PASSPHRASE)
        fill(vault, args.cases, seed=1, per_commit=False)
        vault.close()
        plain = PlainStore(plain_path)
        with plain.engine.begin() as connection:
            schema.upgrade(connection)
        fill(plain, args.cases, seed=1, per_commit=False)
        plain.close()
        print(f"vault file with {args.cases} cases: {vault_path.stat().st_size / 2**20:.1f} MiB")

        import casus.vault.store as store_module

        kdf_inside: list[float] = []
        real_derive = store_module.derive_key

        def timed_derive(passphrase: str, salt: bytes) -> bytes:
            start = time.perf_counter()
            key = real_derive(passphrase, salt)
            kdf_inside.append(time.perf_counter() - start)
            return key

        store_module.derive_key = timed_derive  # measure the KDF inside each open exactly

        def open_and_list() -> float:
            start = time.perf_counter()
            with Vault.open(vault_path, PASSPHRASE) as opened:
                assert len(CaseService(opened).summaries()) == args.cases
            return time.perf_counter() - start - kdf_inside[-1]

        def plain_open_and_list() -> float:
            start = time.perf_counter()
            store = PlainStore(plain_path)
            assert len(CaseService(store).summaries()) == args.cases  # type: ignore[arg-type]
            store.close()
            return time.perf_counter() - start

        from casus.vault.backup import open_keyed
        from casus.vault.kdf import sqlcipher_key_spec

        vault_salt = vault_path.read_bytes()[:16]
        spec = sqlcipher_key_spec(real_derive(PASSPHRASE, vault_salt), vault_salt)

        def page_check() -> float:
            start = time.perf_counter()
            probe = open_keyed(vault_path, spec)
            probe.execute("PRAGMA cipher_integrity_check").fetchall()
            probe.close()
            return time.perf_counter() - start

        def median_of(action: Callable[[], float]) -> float:
            action()  # warm-up: imports, compiled statements, file cache
            return statistics.median(action() for _ in range(args.repeat))

        beyond = median_of(open_and_list)
        open_plain = median_of(plain_open_and_list)
        check = median_of(page_check)
        store_module.derive_key = real_derive
        print(
            f"open + list {args.cases} cases, beyond key derivation: {beyond:.3f} s "
            f"(target < 0.5 s); plain SQLite {open_plain:.3f} s; ratio {beyond / open_plain:.2f}x"
        )
        print(
            f"  of which the HMAC check of every page at open: {check:.3f} s; without it "
            f"(the same work as plain SQLite): {beyond - check:.3f} s, "
            f"ratio {(beyond - check) / open_plain:.2f}x (target <= 1.5x)"
        )

        seeds = iter(range(100, 1000))
        for per_commit, label in ((False, "one transaction"), (True, "one commit each")):
            encrypted_times, plain_times = [], []
            for _ in range(3):
                with Vault.open(vault_path, PASSPHRASE) as opened:
                    start = time.perf_counter()
                    fill(opened, args.inserts, seed=next(seeds), per_commit=per_commit)
                    encrypted_times.append(time.perf_counter() - start)
                store = PlainStore(plain_path)
                start = time.perf_counter()
                fill(store, args.inserts, seed=next(seeds), per_commit=per_commit)
                plain_times.append(time.perf_counter() - start)
                store.close()
            encrypted = statistics.median(encrypted_times)
            unencrypted = statistics.median(plain_times)
            print(
                f"insert {args.inserts} cases, {label}: SQLCipher {encrypted:.3f} s, "
                f"plain SQLite {unencrypted:.3f} s, ratio {encrypted / unencrypted:.2f}x "
                "(target <= 1.5x)"
            )


if __name__ == "__main__":
    main()
