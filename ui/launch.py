"""The `casus` entry point: subcommands go to the Qt-free CLI, everything else starts the app.

Qt is imported only when the window is needed, so scripts using the CLI never load it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = frozenset(
    {
        "init",
        "import",
        "verify",
        "backup",
        "restore",
        "passphrase",
        "list",
        "pseudonymise",
        "release",
        "meeting",
        "export",
    }
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in CLI_COMMANDS or args[0] in ("-h", "--help")):
        from casus.cli import main as cli_main

        return cli_main(args)
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
