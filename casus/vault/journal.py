"""A rollback journal is checked, record by record, before SQLite may play it back.

After a kill, the vault's `-journal` holds the pages an unfinished transaction was about to
change, as they were before. SQLite plays them back at the next open, but it trusts the journal
as far as it reads: a record whose (sampled) checksum fails, or the end of a cut file, is taken
for the end of the journal, and the pages after it are silently left as the unfinished
transaction wrote them. SQLCipher's page HMACs do not help there: those half-written pages were
written with the right key. Measured before this check: every cut of such a journal, at 5% to
95% of its length, left an uncommitted change in a vault that verified.

So, before anything reads the vault, every record of every journal segment SQLite would play
is checked here: its page number lies inside the database, SQLite's own checksum holds, and its
page is a page of this vault under this key at that number (SQLCipher's HMAC, recomputed).
A journal that fails any of this is refused as damage, with the vault file untouched; the way
back is a backup. The connection turns cache spilling off (casus.vault.connection), so a
transaction writes its journal once, at commit, in one segment: a cut that falls between two
segments cannot pass for the end of the journal.

What is left unprovable, and said here so nobody assumes it: a flipped bit that lowers a
segment's record count (4 bytes of the file) still reads as a shorter journal.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from pathlib import Path

from casus.errors import DamagedVaultError, WrongPassphraseError
from casus.vault.connection import PAGE_SIZE
from casus.vault.files import sidecar

_MAGIC = bytes.fromhex("d9d505f920a163d7")
_HEADER = struct.Struct(">8sIIIII")  # magic, records, checksum seed, pages before, sector, page
_PAGE_NUMBER = struct.Struct(">I")
_RECORD = 4 + PAGE_SIZE + 4
# SQLCipher 4 defaults: each page ends in a 16-byte IV and a 64-byte HMAC-SHA512 over the
# ciphertext, the IV and the page number (little-endian); the HMAC key is PBKDF2-HMAC-SHA512 of
# the page key with the salt masked by 0x3a, 2 iterations. Page 1 starts with the plain salt.
_HMAC_BYTES = 64
_HMAC_SALT_MASK = 0x3A
_HMAC_KEY_ITERATIONS = 2
_SALT_BYTES = 16
_MAX_SECTOR = 65536


def hot_journal(vault_path: Path) -> bool:
    """Whether a journal beside the vault is one SQLite would play back (its header is
    written, not zeroed): an earlier process died inside a transaction."""
    journal = sidecar(vault_path, "-journal")
    try:
        with journal.open("rb") as handle:
            start = handle.read(len(_MAGIC))
    except FileNotFoundError:
        return False
    return bool(start.strip(b"\0"))


def check_journal(vault_path: Path, key: bytes, salt: bytes) -> None:
    """Raise DamagedVaultError unless every record SQLite would play back is whole and a page
    of this vault. A missing, empty or zeroed journal (a finished transaction) passes."""
    if not hot_journal(vault_path):
        return
    data = sidecar(vault_path, "-journal").read_bytes()
    hmac_key = hashlib.pbkdf2_hmac(
        "sha512", key, bytes(byte ^ _HMAC_SALT_MASK for byte in salt), _HMAC_KEY_ITERATIONS, 32
    )
    with vault_path.open("rb") as handle:
        first_page = handle.read(PAGE_SIZE)
    if not _is_our_page(first_page, 1, hmac_key):
        # Neither the vault's first page nor the journal's first record verifies under this
        # key: it is the key. Nothing was played back, so nothing was written.
        record = data[_first_record_offset(data) :][:_RECORD]
        if len(record) == _RECORD:
            (number,) = _PAGE_NUMBER.unpack_from(record)
            if not _is_our_page(record[4 : 4 + PAGE_SIZE], number, hmac_key):
                raise WrongPassphraseError()
        raise DamagedVaultError()
    offset = 0
    first = True
    while offset + _HEADER.size <= len(data):
        magic, records, seed, pages_before, sector, page_size = _HEADER.unpack_from(data, offset)
        if magic != _MAGIC:
            if first:
                raise DamagedVaultError()  # a hot journal's own header is not a header
            return  # stale bytes of an older transaction: SQLite stops here too
        if page_size != PAGE_SIZE or not 512 <= sector <= _MAX_SECTOR or sector & (sector - 1):
            raise DamagedVaultError()
        if records == 0:
            return  # a segment never synced: the vault file was not yet written to
        offset += sector
        if offset + records * _RECORD > len(data):
            raise DamagedVaultError()  # cut: SQLite would play back only a part
        for _ in range(records):
            _check_record(data, offset, seed, pages_before, hmac_key)
            offset += _RECORD
        offset = -(-offset // sector) * sector
        first = False


def _check_record(data: bytes, offset: int, seed: int, pages_before: int, hmac_key: bytes) -> None:
    (page_number,) = _PAGE_NUMBER.unpack_from(data, offset)
    page = data[offset + 4 : offset + 4 + PAGE_SIZE]
    (stored_sum,) = _PAGE_NUMBER.unpack_from(data, offset + 4 + PAGE_SIZE)
    if not 1 <= page_number <= pages_before:
        raise DamagedVaultError()
    if stored_sum != _sqlite_checksum(page, seed):
        raise DamagedVaultError()
    if not _is_our_page(page, page_number, hmac_key):
        raise DamagedVaultError()


def _is_our_page(page: bytes, page_number: int, hmac_key: bytes) -> bool:
    """SQLCipher's HMAC of the page, recomputed: true for a page this key wrote at this number."""
    if len(page) != PAGE_SIZE:
        return False
    start = _SALT_BYTES if page_number == 1 else 0
    body = page[start : PAGE_SIZE - _HMAC_BYTES] + page_number.to_bytes(4, "little")
    expected = hmac.new(hmac_key, body, hashlib.sha512).digest()
    return hmac.compare_digest(expected, page[PAGE_SIZE - _HMAC_BYTES :])


def _first_record_offset(data: bytes) -> int:
    (sector,) = struct.unpack_from(">I", data, 20) if len(data) >= _HEADER.size else (512,)
    return int(sector) if 512 <= sector <= _MAX_SECTOR else 512


def _sqlite_checksum(page: bytes, seed: int) -> int:
    """SQLite's journal checksum (pager.c, pager_cksum): the seed plus every 200th byte from
    the end of the page."""
    return (seed + sum(page[PAGE_SIZE - 200 : 0 : -200])) & 0xFFFFFFFF
