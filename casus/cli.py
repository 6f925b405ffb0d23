"""The `casus` command line, for automation and acceptance tests.

Exit codes: 0 success; 1 a refused action (a one-line Dutch message on standard error);
2 a usage error (argparse). Output names counts, paths and codes, never case content.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casus.cli_common import command as _command
from casus.cli_common import open_vault as _open_vault
from casus.cli_common import pseudonymiser as _pseudonymiser
from casus.cli_common import say as _say
from casus.errors import CasusError
from casus.passphrase_input import NEW_PASSPHRASE_ENV, read_passphrase
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import UnitGeneralisation

EXIT_OK = 0
EXIT_REFUSED = 1


def _restore_backup(*args: Any) -> Any:
    from casus.vault import restore_backup

    return restore_backup(*args)


def cmd_init(args: argparse.Namespace) -> None:
    from casus.services.parties import PartyService, party_of
    from casus.services.vaults import create_vault

    if args.party is not None:
        party_of(args.party)  # a name that cannot be a party refuses before a vault exists
    vault = create_vault(args.vault, read_passphrase(confirm=True))
    with vault:
        _say(f"Kluis gemaakt: {vault.path}")
        if args.party is not None:
            _say_party(PartyService(vault).set_party(args.party))


def _say_party(keys: Any) -> None:
    _say(f"Partij: {keys.party}; vingerafdruk van de sleutels: {keys.fingerprint}")


def cmd_party(args: argparse.Namespace) -> None:
    from casus.services.parties import PartyService

    with _open_vault(args.vault, read_passphrase()) as vault:
        keys = PartyService(vault).set_party(args.name)
    _say_party(keys)


def cmd_import(args: argparse.Namespace) -> None:
    from casus.importing import import_cases

    with _open_vault(args.vault, read_passphrase()) as vault:
        count = import_cases(vault, Path(args.file))
    _say(f"{counted(count, 'casus')} ingelezen.")


def cmd_verify(args: argparse.Namespace) -> None:
    with _open_vault(args.vault, read_passphrase()) as vault:
        report = vault.verify()
    if not report.ok:
        for problem in report.problems[:20]:
            print(problem, file=sys.stderr)
        raise CasusError("De kluis is niet in orde; zet een reservekopie terug (casus restore).")
    _say("De kluis is in orde: versleuteling, structuur en verwijzingen gecontroleerd.")


def cmd_backup(args: argparse.Namespace) -> None:
    passphrase = read_passphrase()
    with _open_vault(args.vault, passphrase) as vault:
        if args.list:
            for path in vault.backups.list():
                _say(str(path))
            return
        _say(f"Reservekopie gemaakt: {vault.backup(passphrase)}")


def cmd_restore(args: argparse.Namespace) -> None:
    from casus.vault.backup import BackupStore

    backup = Path(args.backup) if args.backup else None
    if backup is None:
        newest = BackupStore(Path(args.vault).absolute()).list()
        if not newest:
            raise CasusError("Er is geen reservekopie gevonden.")
        backup = newest[0]
    kept = _restore_backup(args.vault, backup, read_passphrase())
    _say(f"Reservekopie teruggezet: {backup}")
    _say(f"De vorige kluis is bewaard als: {kept}")


def cmd_passphrase(args: argparse.Namespace) -> None:
    current = read_passphrase("Huidige wachtwoordzin: ")
    new = read_passphrase("Nieuwe wachtwoordzin: ", env=NEW_PASSPHRASE_ENV, confirm=True)
    with _open_vault(args.vault, current) as vault:
        backup = vault.change_passphrase(current, new)
    _say("De wachtwoordzin is gewijzigd.")
    _say(f"Reservekopie met de oude wachtwoordzin: {backup}")


def cmd_list(args: argparse.Namespace) -> None:
    from casus.services.cases import CaseService

    with _open_vault(args.vault, read_passphrase()) as vault:
        for row in CaseService(vault).summaries():
            _say(
                f"{row.reference}\t{row.received}\t{row.channel.label}\t"
                f"{row.category.label}\t{row.status.label}"
            )


def cmd_pseudonymise(args: argparse.Namespace) -> None:
    """Streams: reads standard input to its end, writes one line per case as it goes."""
    import io

    from casus.pseudonymise.stream import pseudonymise_stream
    from casus.vocabulary.enums import UnitGeneralisation

    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict")
    target = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        pseudonymise_stream(source, target, UnitGeneralisation(args.unit))
    except UnicodeDecodeError:
        raise CasusError("De invoer is geen UTF-8.") from None


def cmd_release(args: argparse.Namespace) -> None:
    """Accepts the proposed spans of every case not yet released and releases it; each step
    is in the audit log as it is in the window."""
    from casus.services.cases import CaseService
    from casus.services.review import ReviewService
    from casus.vocabulary.enums import CaseStatus

    if not (args.all and args.accept_proposed):
        raise CasusError("Vrijgeven vanaf de opdrachtregel kan alleen met --all --accept-proposed.")
    with _open_vault(args.vault, read_passphrase()) as vault:
        review = ReviewService(vault, _pseudonymiser())
        count, refused = 0, 0
        for row in CaseService(vault).summaries():
            if row.status not in (CaseStatus.NEW, CaseStatus.IN_PROGRESS):
                continue
            try:
                review.propose(row.id)
                review.accept_all(row.id)
                review.release(row.id)
            except CasusError as error:
                # One case that cannot go out stops only itself; named by its internal number,
                # never by its reference, and the reason by place and kind, never quoted.
                refused += 1
                print(f"casus: niet vrijgegeven (intern nummer {row.id}): {error}", file=sys.stderr)
                continue
            count += 1
    _say(f"{counted(count, 'casus')} vrijgegeven.")
    if refused:
        raise CasusError(f"{counted(refused, 'casus')} niet vrijgegeven; zie de regels hierboven.")


def cmd_meeting_create(args: argparse.Namespace) -> None:
    from casus.services.meetings import MeetingService
    from casus.vocabulary.enums import Party

    with _open_vault(args.vault, read_passphrase()) as vault:
        meetings = MeetingService(vault)
        meeting_id = meetings.create(args.date, args.parties or list(Party))
        added = meetings.add_released(meeting_id) if args.cases == "released" else 0
    _say(f"Overleg van {args.date} gemaakt met {counted(added, 'casus')} op de agenda.")


NOTE_FIELDS = {field.place: field.value for field in NoteField}  # "bespreking" -> "discussion"


def _read_note(path: Path) -> str:
    """A note file: UTF-8 text of at most the length a note may have; the error says which
    rule, never what the file holds."""
    from casus import validation

    limit = validation.LONG_TEXT_MAX * 4  # bytes: four per character at most in UTF-8
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        # Not the file's name: a secretary may have named it after the case.
        raise CasusError("Het notitiebestand is niet te lezen.") from None
    if len(data) > limit:
        raise CasusError(
            f"Het notitiebestand is te groot (hoogstens {validation.LONG_TEXT_MAX:,} tekens).".replace(
                ",", "."
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CasusError("Het notitiebestand is geen UTF-8-tekst.") from None


def cmd_meeting_note(args: argparse.Namespace) -> None:
    """Stores one note of an agenda item through the same service and checks as the meeting
    screen: the note is the secretary's text, checked by the gate when the minutes go out."""
    from casus.services.meetings import MeetingService

    text = _read_note(Path(args.text_file))
    with _open_vault(args.vault, read_passphrase()) as vault:
        meetings = MeetingService(vault)
        meeting_id = meetings.find(args.meeting)
        meetings.record_note(meeting_id, args.item, NOTE_FIELDS[args.field], text)
    _say(f"Notitie opgeslagen bij agendapunt {args.item} ({args.field}).")


def cmd_export_minutes(args: argparse.Namespace) -> None:
    from casus.disclosure import DisclosureRefused
    from casus.outputs.minutes_export import export_minutes_and_questions
    from casus.services.meetings import MeetingService

    with _open_vault(args.vault, read_passphrase()) as vault:
        meeting_id = MeetingService(vault).find(args.meeting)
        try:
            path, questions = export_minutes_and_questions(
                vault, _pseudonymiser(), meeting_id, Path(args.out)
            )
        except DisclosureRefused as refused:
            for finding in refused.findings[:50]:
                print(
                    f"{finding.place}: {finding.kind.label} (teken {finding.start}-{finding.end})",
                    file=sys.stderr,
                )
            raise
    _say(f"Notulen geschreven: {path}")
    if questions:
        print(
            f"Let op: {counted(len(questions), 'woord')} in de notities kan een naam, plaats of "
            "onderdeel zijn. Controleer ze in het overlegscherm (F9: geen naam):",
            file=sys.stderr,
        )
        for finding in questions[:50]:
            print(f"{finding.place}: controleer (teken {finding.start}-{finding.end})", file=sys.stderr)


def cmd_export_report(args: argparse.Namespace) -> None:
    from casus.outputs.report_export import export_report

    with _open_vault(args.vault, read_passphrase()) as vault:
        path = export_report(vault, args.start, args.end, Path(args.out))
    _say(f"Rapportage geschreven: {path}")


def build_parser() -> argparse.ArgumentParser:
    return _parser_and_commands()[0]


def command_names() -> frozenset[str]:
    """The subcommands, as the parser knows them (the `casus` launcher sends these here)."""
    return frozenset(_parser_and_commands()[1].choices)


def _parser_and_commands() -> tuple[argparse.ArgumentParser, Any]:
    from casus.cli_duties import duties_commands
    from casus.cli_exchange import exchange_commands

    parser = argparse.ArgumentParser(
        prog="casus",
        description="Casus: versleutelde kluis voor het casuïstiekoverleg. Zonder opdracht "
        "start de toepassing. De wachtwoordzin komt uit CASUS_PASSPHRASE, uit standaardinvoer "
        "of uit een vraag op het scherm, nooit uit een argument.",
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    _vault_commands(commands)
    exchange_commands(commands)
    duties_commands(commands)
    _pseudonymise_command(commands)
    _meeting_commands(commands)
    _export_commands(commands)
    return parser, commands


def _vault_commands(commands: Any) -> None:
    _command(commands, "init", "maak een nieuwe, lege kluis", cmd_init).add_argument(
        "--party",
        metavar="PARTIJ",
        help="de partij van de kluis (discriminatie.nl, Bureau Integriteit, "
        "P&O, Bureau I&D of een andere organisatie); de kluis krijgt dan zijn sleutels",
    )
    _command(commands, "party", "kies de partij van een bestaande kluis (en maak zijn sleutels)",
             cmd_party).add_argument("name", metavar="PARTIJ")  # fmt: skip
    _command(
        commands, "import", "lees casussen in uit een JSON Lines-bestand (alles of niets)", cmd_import
    ).add_argument("file", metavar="BESTAND")
    _command(commands, "verify", "controleer versleuteling, structuur en verwijzingen", cmd_verify)
    _command(commands, "backup", "maak een versleutelde reservekopie", cmd_backup).add_argument(
        "--list", action="store_true", help="toon de bestaande reservekopieën"
    )
    _command(
        commands, "restore", "zet een reservekopie terug (standaard de nieuwste)", cmd_restore
    ).add_argument("backup", metavar="RESERVEKOPIE", nargs="?")
    _command(
        commands,
        "passphrase",
        "wijzig de wachtwoordzin (nieuwe uit CASUS_NEW_PASSPHRASE, standaardinvoer of een vraag)",
        cmd_passphrase,
    )
    _command(commands, "list", "toon de casussen (kenmerk, datum, kanaal, aard, status)", cmd_list)
    release = _command(
        commands,
        "release",
        "geef casussen vrij voor het overleg (opdrachtregel: alle, voorstellen aanvaard)",
        cmd_release,
    )
    release.add_argument("--all", action="store_true", help="alle casussen die nog niet zijn vrijgegeven")
    release.add_argument(
        "--accept-proposed", action="store_true", help="aanvaard alle voorgestelde vervangingen"
    )


def _pseudonymise_command(commands: Any) -> None:
    pseudonymise = commands.add_parser(
        "pseudonymise",
        help="pseudonimiseer casussen: JSON Lines op standaardinvoer, JSON Lines op standaarduitvoer",
        description="Leest per regel een casus (het formaat van tests/data/corpus/README.md) en "
        "schrijft per regel de gepseudonimiseerde teksten met hun spans. Organisatiecodes gelden "
        "alleen voor deze run.",
    )
    pseudonymise.add_argument(
        "--unit",
        choices=[level.value for level in UnitGeneralisation],
        default=UnitGeneralisation.CODE.value,
        help="weergave van organisatieonderdelen: code (standaard), cluster of none",
    )
    pseudonymise.set_defaults(handler=cmd_pseudonymise)


def _meeting_commands(commands: Any) -> None:
    meeting = commands.add_parser("meeting", help="overleggen").add_subparsers(
        dest="meeting_command", metavar="OPDRACHT"
    )
    create = meeting.add_parser("create", help="maak een overleg")
    create.add_argument("vault", metavar="KLUIS")
    create.add_argument("--date", required=True, metavar="JJJJ-MM-DD")
    create.add_argument(
        "--cases",
        choices=["released", "none"],
        default="none",
        help="released: alle vrijgegeven casussen op de agenda",
    )
    create.add_argument("--parties", nargs="*", metavar="PARTIJ", help="aanwezige partijen (standaard alle)")
    create.set_defaults(handler=cmd_meeting_create)
    note = meeting.add_parser("note", help="sla een notitie bij een agendapunt op")
    note.add_argument("vault", metavar="KLUIS")
    note.add_argument("--meeting", required=True, metavar="JJJJ-MM-DD")
    note.add_argument("--item", required=True, type=int, metavar="N", help="agendapunt (1 is het eerste)")
    note.add_argument("--field", required=True, choices=sorted(NOTE_FIELDS), help="welke notitie")
    note.add_argument("--text-file", required=True, metavar="BESTAND", help="de tekst (UTF-8)")
    note.set_defaults(handler=cmd_meeting_note)


def _export_commands(commands: Any) -> None:
    export = commands.add_parser("export", help="notulen en rapportage").add_subparsers(
        dest="export_command", metavar="SOORT"
    )
    minutes = export.add_parser(
        "minutes", help="notulen van een overleg als PDF (of als Word-document bij een naam op .docx)"
    )
    minutes.add_argument("vault", metavar="KLUIS")
    minutes.add_argument("--meeting", required=True, metavar="JJJJ-MM-DD")
    minutes.add_argument("--out", required=True, metavar="BESTAND.pdf|.docx")
    minutes.set_defaults(handler=cmd_export_minutes)
    report = export.add_parser("report", help="rapportage meldingen en maatregelen als PDF")
    report.add_argument("vault", metavar="KLUIS")
    report.add_argument("--from", dest="start", required=True, metavar="JJJJ-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="JJJJ-MM-DD")
    report.add_argument("--out", required=True, metavar="BESTAND.pdf")
    report.set_defaults(handler=cmd_export_report)
    from casus.cli_duties import woo_command

    woo_command(export)


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
