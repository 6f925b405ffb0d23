"""The commands that pass cards between the parties' vaults (issue 14): key cards, case
cards, advice cards and figures cards. Messages and exit codes as in casus.cli; output names
parties, card ids, counts and paths, never what a card holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from casus.cli_common import command as _command
from casus.cli_common import open_vault as _open_vault
from casus.cli_common import pseudonymiser as _pseudonymiser
from casus.cli_common import read_file as _read_file
from casus.cli_common import say as _say
from casus.errors import CasusError
from casus.passphrase_input import read_passphrase
from casus.vocabulary.dutch import counted


def cmd_keys_export(args: argparse.Namespace) -> None:
    from casus.outputs.writing import write_atomically
    from casus.services.parties import PartyService

    with _open_vault(args.vault, read_passphrase()) as vault:
        card, fingerprint = PartyService(vault).key_card()
    target = write_atomically(Path(args.out), card)
    _say(f"Sleutelkaart geschreven: {target}")
    _say(f"Vingerafdruk: {fingerprint}")


def cmd_keys_fingerprint(args: argparse.Namespace) -> None:
    from casus.keycards import read_key_card

    keys = read_key_card(_read_file(args.file, "De sleutelkaart"))
    _say(f"{keys.party}: {keys.fingerprint}")


def cmd_keys_import(args: argparse.Namespace) -> None:
    from casus.services.parties import PartyService

    card = _read_file(args.file, "De sleutelkaart")
    with _open_vault(args.vault, read_passphrase()) as vault:
        known = PartyService(vault).register(card, args.fingerprint)
    _say(f"Sleutelkaart van {known.name} ingelezen (vingerafdruk {known.fingerprint}).")


def cmd_keys_list(args: argparse.Namespace) -> None:
    from casus.services.parties import PartyService

    with _open_vault(args.vault, read_passphrase()) as vault:
        known = PartyService(vault).known()
    for party in known:
        state = "geldig" if party.current else f"ingetrokken op {party.revoked_at:%d-%m-%Y}"
        _say(f"{party.name}\t{party.fingerprint}\t{state}")
    if not known:
        _say("Nog geen sleutelkaarten van andere partijen.")


def cmd_card_export(args: argparse.Namespace) -> None:
    from casus.outputs.writing import write_atomically
    from casus.services.case_cards import CaseCardService

    with _open_vault(args.vault, read_passphrase()) as vault:
        sealed, card_id = CaseCardService(vault, _pseudonymiser()).export(args.case, args.to)
        target = write_atomically(Path(args.out), sealed)
    _say(f"Casuskaart geschreven: {target}")
    _say(f"Kaart-id: {card_id}")


def cmd_keys_revoke(args: argparse.Namespace) -> None:
    from casus.services.parties import PartyService

    with _open_vault(args.vault, read_passphrase()) as vault:
        revoked = PartyService(vault).revoke(args.party)
    _say(f"Sleutelkaart van {revoked.name} ingetrokken.")


def cmd_card_import(args: argparse.Namespace) -> None:
    from casus.services.case_cards import CaseCardService

    sealed = _read_file(args.file, "De casuskaart")
    with _open_vault(args.vault, read_passphrase()) as vault:
        card_id, party = CaseCardService(vault, _pseudonymiser()).import_card(sealed)
    _say(f"Casuskaart van {party} ingelezen; hij staat bij de vrijgegeven casussen.")
    _say(f"Kaart-id: {card_id}")


def cmd_advice_export(args: argparse.Namespace) -> None:
    from casus.outputs.writing import write_atomically
    from casus.services.advice_cards import AdviceCardService, advice_file_name
    from casus.services.meetings import MeetingService

    folder = Path(args.out_dir)
    if not folder.is_dir():
        raise CasusError(f"De map {folder.name} bestaat niet; kies een bestaande map.")
    with _open_vault(args.vault, read_passphrase()) as vault:
        meetings = MeetingService(vault)
        meeting_id = meetings.find(args.meeting)
        held_on = meetings.get(meeting_id).held_on
        made = AdviceCardService(vault, _pseudonymiser()).export(meeting_id)
        for card in made.cards:
            target = write_atomically(folder / advice_file_name(held_on, card.number), card.sealed)
            _say(f"Advieskaart voor {card.to_party} geschreven: {target}")
    _say(f"{counted(len(made.cards), 'advieskaart')} geschreven.")
    for line in made.skipped:
        print(f"casus: geen advieskaart voor {line}", file=sys.stderr)
    if made.skipped:
        raise CasusError(f"{counted(len(made.skipped), 'casuskaart')} zonder advieskaart; zie hierboven.")


def cmd_advice_import(args: argparse.Namespace) -> None:
    from casus.services.advice_cards import AdviceCardService

    sealed = _read_file(args.file, "De advieskaart")
    with _open_vault(args.vault, read_passphrase()) as vault:
        attached = AdviceCardService(vault, _pseudonymiser()).import_card(sealed)
    _say(
        # By its internal number, as `casus release` names a case: output may end up in a log.
        f"Advies ingelezen bij de casus met intern nummer {attached.case_id}: besproken op "
        f"{attached.discussed_on:%d-%m-%Y}, "
        f"{counted(attached.follow_ups, 'actie')} als vervolg."
    )


def cmd_figures_export(args: argparse.Namespace) -> None:
    from casus.outputs.writing import write_atomically
    from casus.services.figures_cards import FiguresCardService

    with _open_vault(args.vault, read_passphrase()) as vault:
        sealed, card_id = FiguresCardService(vault).export(args.start, args.end, args.to_party)
    target = write_atomically(Path(args.out), sealed)
    _say(f"Cijferkaart geschreven: {target}")
    _say(f"Kaart-id: {card_id}")


def cmd_figures_import(args: argparse.Namespace) -> None:
    from casus.services.figures_cards import FiguresCardService

    sealed = _read_file(args.file, "De cijferkaart")
    with _open_vault(args.vault, read_passphrase()) as vault:
        source, replaced = FiguresCardService(vault).import_card(sealed)
    _say(f"Cijfers ingelezen van {source.text}.")
    if replaced:
        _say(
            f"Dit vervangt {counted(replaced, 'eerdere cijferkaart')} van {source.party} over dezelfde tijd."
        )


def exchange_commands(commands: Any) -> None:
    _key_commands(commands)
    _card_commands(commands)
    _advice_commands(commands)
    _figures_commands(commands)


def _group(commands: Any, name: str, helptext: str) -> Any:
    """A command with subcommands of its own (`casus keys export`), one of which is required."""
    group = commands.add_parser(name, help=helptext)
    return group.add_subparsers(dest=f"{name}_command", metavar="OPDRACHT", required=True)


def _key_commands(commands: Any) -> None:
    keys = _group(commands, "keys", "sleutelkaarten van de partijen")
    export = _command(keys, "export", "schrijf de sleutelkaart van deze kluis (toont de vingerafdruk)",
                      cmd_keys_export)  # fmt: skip
    export.add_argument("--out", required=True, metavar="BESTAND")
    fingerprint = keys.add_parser("fingerprint", help="toon de vingerafdruk van een sleutelkaart")
    fingerprint.add_argument("file", metavar="BESTAND")
    fingerprint.set_defaults(handler=cmd_keys_fingerprint)
    read = _command(keys, "import", "lees de sleutelkaart van een andere partij in", cmd_keys_import)
    read.add_argument("file", metavar="BESTAND")
    read.add_argument("--fingerprint", required=True, metavar="VINGERAFDRUK",
                      help="de vingerafdruk zoals de partij zelf hem noemde")  # fmt: skip
    _command(keys, "list", "toon de ingelezen sleutelkaarten", cmd_keys_list)
    _command(keys, "revoke", "trek de sleutelkaart van een partij in", cmd_keys_revoke).add_argument(
        "party", metavar="PARTIJ"
    )


def _card_commands(commands: Any) -> None:
    cards = _group(commands, "card", "casuskaarten voor het overleg")
    export = _command(cards, "export", "maak een casuskaart van een vrijgegeven casus voor een partij",
                      cmd_card_export)  # fmt: skip
    export.add_argument("--case", required=True, metavar="KENMERK")
    export.add_argument("--to", required=True, metavar="PARTIJ")
    export.add_argument("--out", required=True, metavar="BESTAND")
    read = _command(cards, "import", "lees een casuskaart van een andere partij in voor het overleg",
                    cmd_card_import)  # fmt: skip
    read.add_argument("file", metavar="BESTAND")


def _advice_commands(commands: Any) -> None:
    advice = _group(commands, "advice", "advieskaarten terug naar de casushouders")
    export = _command(advice, "export", "schrijf een advieskaart per casuskaart op de agenda van een overleg",
                      cmd_advice_export)  # fmt: skip
    export.add_argument("--meeting", required=True, metavar="JJJJ-MM-DD")
    export.add_argument("--out-dir", required=True, metavar="MAP")
    _command(advice, "import", "lees het advies van het overleg in bij de eigen casus",
             cmd_advice_import).add_argument("file", metavar="BESTAND")  # fmt: skip


def _figures_commands(commands: Any) -> None:
    figures = _group(commands, "figures", "cijferkaarten voor de gezamenlijke rapportage")
    export = _command(figures, "export", "schrijf de cijfers van een periode voor de coördinerende partij",
                      cmd_figures_export)  # fmt: skip
    export.add_argument("--from", dest="start", required=True, metavar="JJJJ-MM-DD")
    export.add_argument("--to", dest="end", required=True, metavar="JJJJ-MM-DD")
    export.add_argument("--to-party", required=True, metavar="PARTIJ")
    export.add_argument("--out", required=True, metavar="BESTAND")
    _command(figures, "import", "lees de cijfers van een andere partij in voor de rapportage",
             cmd_figures_import).add_argument("file", metavar="BESTAND")  # fmt: skip
