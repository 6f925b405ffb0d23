"""What every `casus` command shares: opening a vault, saying a line, reading a file, the
pseudonymiser, and the shape of a subcommand. A module of its own so that casus.cli and
casus.cli_exchange both build on it without importing each other."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casus.errors import CasusError


def vault_class() -> Any:
    """The vault, imported when a command opens one: `casus pseudonymise` needs no database,
    and SQLAlchemy with Alembic would be most of its cold start."""
    from casus.vault import Vault

    return Vault


def open_vault(path: str, passphrase: str) -> Any:
    """Open, and say in one line each what the open found interrupted and put right."""
    vault = vault_class().open(path, passphrase)
    for line in vault.recovered:
        print(f"casus: {line}", file=sys.stderr)
    return vault


def say(message: str) -> None:
    print(message, flush=True)


def read_file(path: str, what: str) -> bytes:
    """A card's bytes; the error names the file's base name only (chosen by the user, and
    never made from a case)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        raise CasusError(f"{what} {Path(path).name} kan niet worden gelezen.") from None


def pseudonymiser() -> Any:
    from casus.pseudonymise import Pseudonymiser

    return Pseudonymiser(())


def command(
    commands: Any, name: str, helptext: str, handler: Callable[[argparse.Namespace], None]
) -> argparse.ArgumentParser:
    sub: argparse.ArgumentParser = commands.add_parser(name, help=helptext, description=helptext)
    sub.add_argument("vault", metavar="KLUIS", help="pad naar het kluisbestand")
    sub.set_defaults(handler=handler)
    return sub
