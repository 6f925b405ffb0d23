"""Durable file operations: what makes "nothing is lost" true at the file-system level.

A copy is written to a temporary name in the target's own folder, flushed to the disk, then moved
over the target in one atomic rename, and the folder entry itself is flushed. A crash or a full
disk at any moment leaves either the old file or the new one, never a half-written one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from casus.errors import DiskFullError

_COPY_CHUNK = 1024 * 1024


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable (a no-op where the OS has no such call)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def durable_copy(source: Path, target: Path) -> None:
    """Copy `source` over `target` atomically and durably.

    Only ever given SQLCipher files (a vault, its WAL, a verified backup): the bytes it copies
    are ciphertext, so neither the copy nor its `.partial` name ever holds plaintext.
    """
    partial = target.with_name(target.name + ".partial")
    try:
        with open(source, "rb") as src, open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst, _COPY_CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(partial, target)
        fsync_dir(target.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        if error.errno == errno.ENOSPC:
            raise DiskFullError() from None
        raise


def durable_replace(source: Path, target: Path) -> None:
    """Move a fully written `source` over `target` (same folder) and make it durable."""
    fsync_file(source)
    os.replace(source, target)
    fsync_dir(target.parent)


def remove_if_present(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def sidecar(path: Path, suffix: str) -> Path:
    """SQLite's names for a database's companions: `vault.casus-wal`, `vault.casus-journal`."""
    return path.with_name(path.name + suffix)
