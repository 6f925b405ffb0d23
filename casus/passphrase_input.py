"""Where the command line gets a passphrase: never from an argument (it would show in the
process list and the shell history).

Order: the environment variable, else standard input when it is not a terminal (one line per
passphrase), else a hidden prompt.
"""

from __future__ import annotations

import getpass
import os
import sys

from casus.errors import CasusError

PASSPHRASE_ENV = "CASUS_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CASUS_NEW_PASSPHRASE"


class PassphraseInputError(CasusError):
    message = "Er is geen wachtwoordzin opgegeven."


def _from_stdin() -> str:
    line = sys.stdin.readline()
    if not line:
        raise PassphraseInputError()
    return line.rstrip("\r\n")


def read_passphrase(
    prompt: str = "Wachtwoordzin: ", *, env: str = PASSPHRASE_ENV, confirm: bool = False
) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return _from_stdin()
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nog een keer: ") != value:
        raise PassphraseInputError("De twee wachtwoordzinnen zijn niet gelijk.")
    return value
