"""Writing an output file: all of it or nothing, never a half-written export.

Only ever called with a document that passed the disclosure gate; the temporary file beside
the target holds those same bytes and is renamed over the target or removed.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from casus.errors import OutputNotWrittenError

_REASONS = {
    errno.ENOSPC: "De schijf is vol: maak ruimte vrij en probeer het opnieuw.",
    errno.EDQUOT: "Uw schijfruimte is op: maak ruimte vrij en probeer het opnieuw.",
    errno.EACCES: "U mag in die map niet schrijven: kies een andere map.",
    errno.EPERM: "U mag in die map niet schrijven: kies een andere map.",
    errno.EROFS: "Die schijf is alleen-lezen: kies een andere map.",
    errno.EISDIR: "Op die plaats staat een map: kies een bestandsnaam.",
    errno.ENOTDIR: "Een deel van het pad is geen map: kies een andere plaats.",
    errno.ENAMETOOLONG: "De bestandsnaam is te lang: kies een kortere.",
}


def write_atomically(target: Path, data: bytes) -> Path:
    """A full disk, a folder without access or a read-only disk: OutputNotWrittenError in
    Dutch, the target untouched, no temporary file left.

    It writes what it is given, under a name that says nothing (".casus-export-…") until the
    rename, so its callers pass only what may leave the vault: minutes and reports after the
    gate, a key card (public keys), a case card (encrypted to its recipient)."""
    target = target.expanduser().absolute()
    if target.is_dir():
        raise OutputNotWrittenError(_REASONS[errno.EISDIR])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".casus-export-", dir=target.parent)
    except OSError as error:
        raise _not_written(error) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _not_written(error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _not_written(error: OSError) -> OutputNotWrittenError:
    return OutputNotWrittenError(
        _REASONS.get(error.errno or 0, "Het besturingssysteem weigerde het schrijven.")
    )
