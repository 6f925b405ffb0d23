"""The `casus` entry point: subcommands go to the Qt-free CLI, everything else starts the app.

Qt is imported only when the window is needed, so scripts using the CLI never load it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from casus import cli  # argparse and the command table only: the core loads per command

    if args and (args[0] in cli.command_names() or args[0] in ("-h", "--help")):
        return cli.main(args)
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
