"""The `casus` command line, for automation and acceptance tests.

Exit codes: 0 success; 1 a refused action (a one-line Dutch message on standard error);
2 a usage error (argparse). Output names counts, paths and codes, never case content.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from casus.errors import CasusError
from casus.model.enums import UnitGeneralisation
from casus.passphrase_input import NEW_PASSPHRASE_ENV, read_passphrase
from casus.vault import Vault, restore_backup

EXIT_OK = 0
EXIT_REFUSED = 1


def _say(message: str) -> None:
    print(message, flush=True)


def cmd_init(args: argparse.Namespace) -> None:
    vault = Vault.create(args.vault, read_passphrase(confirm=True))
    with vault:
        _say(f"Kluis gemaakt: {vault.path}")


def cmd_import(args: argparse.Namespace) -> None:
    from casus.importing import import_cases

    with Vault.open(args.vault, read_passphrase()) as vault:
        count = import_cases(vault, Path(args.file))
    _say(f"{count} casussen ingelezen.")


def cmd_verify(args: argparse.Namespace) -> None:
    with Vault.open(args.vault, read_passphrase()) as vault:
        report = vault.verify()
    if not report.ok:
        for problem in report.problems[:20]:
            print(problem, file=sys.stderr)
        raise CasusError("De kluis is niet in orde; zet een reservekopie terug (casus restore).")
    _say("De kluis is in orde: versleuteling, structuur en verwijzingen gecontroleerd.")


def cmd_backup(args: argparse.Namespace) -> None:
    with Vault.open(args.vault, read_passphrase()) as vault:
        if args.list:
            for path in vault.backups.list():
                _say(str(path))
            return
        _say(f"Reservekopie gemaakt: {vault.backup()}")


def cmd_restore(args: argparse.Namespace) -> None:
    from casus.vault.backup import BackupStore

    backup = Path(args.backup) if args.backup else None
    if backup is None:
        newest = BackupStore(Path(args.vault).absolute()).list()
        if not newest:
            raise CasusError("Er is geen reservekopie gevonden.")
        backup = newest[0]
    kept = restore_backup(args.vault, backup, read_passphrase())
    _say(f"Reservekopie teruggezet: {backup}")
    _say(f"De vorige kluis is bewaard als: {kept}")


def cmd_passphrase(args: argparse.Namespace) -> None:
    current = read_passphrase("Huidige wachtwoordzin: ")
    new = read_passphrase("Nieuwe wachtwoordzin: ", env=NEW_PASSPHRASE_ENV, confirm=True)
    with Vault.open(args.vault, current) as vault:
        backup = vault.change_passphrase(current, new)
    _say("De wachtwoordzin is gewijzigd.")
    _say(f"Reservekopie met de oude wachtwoordzin: {backup}")


def cmd_list(args: argparse.Namespace) -> None:
    from casus.services.cases import CaseService

    with Vault.open(args.vault, read_passphrase()) as vault:
        for row in CaseService(vault).summaries():
            _say(
                f"{row.reference}\t{row.received}\t{row.channel.label}\t"
                f"{row.category.label}\t{row.status.label}"
            )


def cmd_pseudonymise(args: argparse.Namespace) -> None:
    """Streams: reads standard input to its end, writes one line per case as it goes."""
    import io

    from casus.model.enums import UnitGeneralisation
    from casus.pseudonymise.stream import pseudonymise_stream

    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict")
    target = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        pseudonymise_stream(source, target, UnitGeneralisation(args.unit))
    except UnicodeDecodeError:
        raise CasusError("De invoer is geen UTF-8.") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casus",
        description="Casus: versleutelde kluis voor het casuïstiekoverleg. Zonder opdracht "
        "start de toepassing. De wachtwoordzin komt uit CASUS_PASSPHRASE, uit standaardinvoer "
        "of uit een vraag op het scherm, nooit uit een argument.",
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")

    def command(
        name: str, helptext: str, handler: Callable[[argparse.Namespace], None]
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=helptext, description=helptext)
        sub.add_argument("vault", metavar="KLUIS", help="pad naar het kluisbestand")
        sub.set_defaults(handler=handler)
        return sub

    command("init", "maak een nieuwe, lege kluis", cmd_init)
    command(
        "import", "lees casussen in uit een JSON Lines-bestand (alles of niets)", cmd_import
    ).add_argument("file", metavar="BESTAND")
    command("verify", "controleer versleuteling, structuur en verwijzingen", cmd_verify)
    command("backup", "maak een versleutelde reservekopie", cmd_backup).add_argument(
        "--list", action="store_true", help="toon de bestaande reservekopieën"
    )
    command("restore", "zet een reservekopie terug (standaard de nieuwste)", cmd_restore).add_argument(
        "backup", metavar="RESERVEKOPIE", nargs="?"
    )
    command(
        "passphrase",
        "wijzig de wachtwoordzin (nieuwe uit CASUS_NEW_PASSPHRASE, standaardinvoer of een vraag)",
        cmd_passphrase,
    )
    command("list", "toon de casussen (kenmerk, datum, kanaal, aard, status)", cmd_list)
    pseudonymise = commands.add_parser(
        "pseudonymise",
        help="pseudonimiseer casussen: JSON Lines op standaardinvoer, JSON Lines op standaarduitvoer",
        description="Leest per regel een casus (formaat van ../shared/corpus/README.md) en schrijft per "
        "regel de gepseudonimiseerde teksten met hun spans. Organisatiecodes gelden alleen voor deze run.",
    )
    pseudonymise.add_argument(
        "--unit",
        choices=[level.value for level in UnitGeneralisation],
        default=UnitGeneralisation.CODE.value,
        help="weergave van organisatieonderdelen: code (standaard), cluster of none",
    )
    pseudonymise.set_defaults(handler=cmd_pseudonymise)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_REFUSED
    try:
        args.handler(args)
    except CasusError as error:
        print(f"casus: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head`: nothing went wrong
        return EXIT_OK
    except KeyboardInterrupt:
        print("casus: afgebroken; er is niets half opgeslagen.", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as error:  # never a traceback: it could quote data
        print(
            f"casus: onverwachte fout ({type(error).__name__}); er is niets half opgeslagen.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
