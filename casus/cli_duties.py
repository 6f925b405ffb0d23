"""The case owner's duties on the command line (issue 15): retention periods, destroying a
case at the end of one, the terms for telling the melder and what is due, the Woo copy.
Messages and exit codes as in casus.cli; output names a case by its internal number or its
reference (the owner's own vault) and backups by their file names, which say when, never what."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from casus.cli_common import command as _command
from casus.cli_common import open_vault as _open_vault
from casus.cli_common import say as _say
from casus.errors import CasusError
from casus.passphrase_input import read_passphrase
from casus.vocabulary.dutch import counted


def _confirmed(reference: str) -> bool:
    """The first question of two (the second is the passphrase): the reference typed again."""
    if not sys.stdin.isatty():
        return False
    question = f"Casus {reference} en alles wat erbij hoort voor altijd vernietigen? "
    typed = input(question + "Typ het kenmerk ter bevestiging: ")
    return typed.strip() == reference


def _case_id(cases: Any, reference: str) -> int:
    from casus.errors import NotFoundError

    try:
        return int(cases.find(reference))
    except NotFoundError:
        raise CasusError("Deze kluis heeft geen casus met dit kenmerk.") from None


def cmd_destroy(args: argparse.Namespace) -> None:
    from casus.services.cases import CaseService

    reference = args.reference.strip()
    if not args.yes and not _confirmed(reference):
        raise CasusError(
            "Niet vernietigd: bevestig met het kenmerk, of geef --yes mee (met de wachtwoordzin)."
        )
    passphrase = read_passphrase()
    with _open_vault(args.vault, passphrase) as vault:
        cases = CaseService(vault)
        case_id = _case_id(cases, reference)
        backups = cases.destroy(case_id, passphrase)
    _say(f"Casus vernietigd (intern nummer {case_id}); wat de cijfers tellen, blijft.")
    _say(
        f"Reservekopieën: {len(backups.rewritten)} herschreven zonder deze casus, "
        f"{len(backups.removed)} verwijderd (gemaakt met een andere wachtwoordzin), "
        f"{len(backups.untouched)} ongewijzigd (ouder dan de casus)."
    )
    for name in backups.removed:
        _say(f"Verwijderd: {name}")


def cmd_retention(args: argparse.Namespace) -> None:
    from casus.services.retention import RetentionService
    from casus.vocabulary.enums import RetentionOutcome

    with _open_vault(args.vault, read_passphrase()) as vault:
        retention = RetentionService(vault)
        if args.set:
            retention.set_months(args.set[0], args.set[1])
        applied = retention.apply() if args.apply else None
        rules, past = retention.rules(), retention.past()
    for outcome in RetentionOutcome:
        _say(f"{outcome.value}\t{rules[outcome]} maanden\t{outcome.label}")
    if applied is not None:
        _say(f"Bewaartermijn gegeven aan {counted(applied, 'afgesloten casus')}.")
    for _case_id, reference, until in past:
        _say(f"{reference}\tbewaren tot {until:%d-%m-%Y}: voorbij, vernietigen met casus destroy")
    if not past:
        _say("Geen casus is langer bewaard dan zijn termijn.")


def cmd_feedback(args: argparse.Namespace) -> None:
    """The terms for telling the melder, and what is due within a week or late."""
    import datetime as dt

    from casus.services.attention import due_words
    from casus.services.feedback import FeedbackKind, FeedbackService

    with _open_vault(args.vault, read_passphrase()) as vault:
        feedback = FeedbackService(vault)
        if args.set:
            feedback.set_days(args.set[0], args.set[1])
        terms, due = feedback.terms(), feedback.due()
    for kind in FeedbackKind:
        _say(f"{kind.value}\tbinnen {counted(terms[kind], 'dag')} na ontvangst van de melding")
    today = dt.date.today()
    for item in due:
        _say(f"{item.reference}\t{item.kind.value}\t{due_words(item.due, today)}")
    if not due:
        _say("Geen terugkoppeling die deze week moet of te laat is.")


def cmd_export_woo(args: argparse.Namespace) -> None:
    from pathlib import Path

    from casus.cli_common import pseudonymiser
    from casus.outputs.woo_export import export_woo_case, export_woo_minutes
    from casus.services.cases import CaseService
    from casus.services.meetings import MeetingService

    with _open_vault(args.vault, read_passphrase()) as vault:
        if args.meeting:
            meeting_id = MeetingService(vault).find(args.meeting)
            path = export_woo_minutes(vault, pseudonymiser(), meeting_id, Path(args.out))
        else:
            case_id = _case_id(CaseService(vault), args.case)
            path = export_woo_case(vault, pseudonymiser(), case_id, Path(args.out))
    _say(f"Woo-versie geschreven: {path}")


def woo_command(export: Any) -> None:
    woo = export.add_parser(
        "woo",
        help="Woo-versie van een casus of van de notulen van een overleg als PDF: weggelakt, "
        "met weigeringsgronden",
    )
    woo.add_argument("vault", metavar="KLUIS")
    which = woo.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="KENMERK", help="de casus met dit kenmerk")
    which.add_argument("--meeting", metavar="JJJJ-MM-DD", help="de notulen van het overleg van die dag")
    woo.add_argument("--out", required=True, metavar="BESTAND.pdf")
    woo.set_defaults(handler=cmd_export_woo)


def duties_commands(commands: Any) -> None:
    destroy = _command(commands, "destroy", "vernietig een casus voor altijd, ook in de reservekopieën",
                       cmd_destroy)  # fmt: skip
    destroy.add_argument("reference", metavar="KENMERK")
    destroy.add_argument(
        "--yes", action="store_true", help="niet om bevestiging vragen (wel de wachtwoordzin)"
    )
    retention = _command(commands, "retention", "bewaartermijnen: toon ze en de casussen erover heen",
                         cmd_retention)  # fmt: skip
    retention.add_argument("--apply", action="store_true",
                           help="geef afgesloten casussen zonder datum hun termijn")  # fmt: skip
    retention.add_argument("--set", nargs=2, metavar=("UITKOMST", "MAANDEN"),
                           help="no_violation, violation of repair_only, en het aantal maanden")  # fmt: skip
    feedback = _command(commands, "feedback", "terugkoppeling aan de melder: termijnen en wat moet",
                        cmd_feedback)  # fmt: skip
    feedback.add_argument("--set", nargs=2, metavar=("SOORT", "DAGEN"),
                          help="ontvangst of uitkomst, en het aantal dagen na ontvangst")  # fmt: skip
