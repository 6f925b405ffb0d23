"""The case card: a released case as the meeting may see it, sent from the owner's vault to
the meeting party's vault (issue 14), and read there.

What goes on a card is the meeting view only: category, month, the unit at cluster level or
not at all (never a unit's name, never a code of the owner's own), people by pseudonym and
role, the reviewed texts and the owner's warnings. It passes the owner's gate, gets a random
card id (the case's reference stays home, with the link from card id to case), and is sealed
by casus.exchange: signed by the owner, encrypted to the recipient. The meeting's vault
checks it with its own gate before it joins the released cases.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select

from casus.disclosure import DisclosureGate
from casus.errors import NotFoundError, ValidationError
from casus.exchange import CardKind, CardRefused, new_card_id, open_sealed, seal
from casus.model import Case, CaseCard, ReceivedCard
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services.audit import record
from casus.services.meeting_view import MeetingViewService
from casus.services.parties import PartyService
from casus.services.received_cards import card_content, case_of
from casus.vocabulary.enums import UnitGeneralisation

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

CARD_TITLE = "Casuskaart"


def card_level(level: UnitGeneralisation) -> UnitGeneralisation:
    """A code is the owner's own; on a card the unit is its cluster at most."""
    return UnitGeneralisation.CLUSTER if level is UnitGeneralisation.CODE else level


class CaseCardService:
    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def export(self, reference: str, to_party: str) -> tuple[bytes, str]:
        """The encrypted card and its id. Refused for a case not released, a party without a
        registered key card, or a view the gate finds anything in."""
        parties = PartyService(self.vault)
        parties.own_keys()  # a vault without a party refuses before anything else
        try:
            recipient = parties.current(to_party)
        except NotFoundError:
            raise ValidationError(
                "to_party",
                "Ontvanger",
                f"{to_party.strip()} heeft geen ingelezen sleutelkaart (casus keys import)",
            ) from None
        with self.vault.session() as session:
            case = session.scalar(select(Case).where(Case.reference == reference.strip()))
            if case is None:
                raise ValidationError("case", "Casus", "bestaat niet in deze kluis")
            case_id, level = case.id, card_level(case.unit_generalisation)
        return self.export_case(case_id, recipient.party, level)

    def export_case(
        self, case_id: int, to_party: str, level: UnitGeneralisation | None = None
    ) -> tuple[bytes, str]:
        parties = PartyService(self.vault)
        own, recipient = parties.own_keys(), parties.current(to_party)
        if level is None:
            with self.vault.session() as session:
                case = session.get(Case, case_id)
                if case is None:
                    raise NotFoundError()
                level = card_level(case.unit_generalisation)
        view = MeetingViewService(self.vault, self.pseudonymiser).meeting_view(
            case_id, UnitCodeBook(secrets.token_bytes(32)), level
        )
        DisclosureGate.for_vault(self.vault, self.pseudonymiser).require_clean(view.shown(CARD_TITLE))
        card_id = new_card_id()
        sealed = seal(CardKind.CASE, card_id, card_content(view), own, recipient)
        with self.vault.session() as session:
            session.add(CaseCard(card_id=card_id, case_id=case_id, to_party=recipient.party))
            record(session, self.vault.actor, "case_card", "case", case_id, ["card"])
        return sealed, card_id

    def import_card(self, sealed: bytes) -> tuple[str, str]:
        """Reads a card brought to this vault's meeting: (its card id, the party that made
        it). Refused, with nothing changed, unless it is for this vault, signed by a party
        whose key card counts, read for the first time, and clean to this vault's gate."""
        parties = PartyService(self.vault)
        opened = open_sealed(sealed, CardKind.CASE, parties.own_keys(), parties.senders())
        case = case_of(opened.content, opened.sender.party)
        with self.vault.session() as session:
            if session.scalar(select(ReceivedCard.id).where(ReceivedCard.card_id == opened.card_id)):
                raise CardRefused("Deze casuskaart is al eerder ingelezen: niet nog eens ingelezen.")
            if session.scalar(select(CaseCard.id).where(CaseCard.card_id == opened.card_id)):
                raise CardRefused("Deze casuskaart is door deze kluis zelf gemaakt: niet ingelezen.")
        findings = DisclosureGate.for_vault(self.vault, self.pseudonymiser).check(case.shown(CARD_TITLE))
        if findings:
            found = "; ".join(sorted({f"{f.place}: {f.kind.label}" for f in findings}))
            raise CardRefused(
                f"Deze casuskaart van {opened.sender.party} bevat nog iets dat naar een persoon, casus of "
                f"onderdeel kan leiden ({found}): niet ingelezen. Vraag de casushouder hem opnieuw voor "
                "te bereiden."
            )
        with self.vault.session() as session:
            card = ReceivedCard(card_id=opened.card_id, from_party=opened.sender.party,
                                signing_key=opened.sender.signing, content=opened.payload)  # fmt: skip
            session.add(card)
            session.flush()
            record(session, self.vault.actor, "import_case_card", "received_card", card.id, ["card"])
        return opened.card_id, opened.sender.party
