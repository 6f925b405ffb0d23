"""The case card: a released case as the meeting may see it, sent from the owner's vault to
the meeting party's vault (issue 14).

What goes on a card is the meeting view only: category, month, the unit at cluster level or
not at all (never a unit's name, never a code of the owner's own), people by pseudonym and
role, the reviewed texts and the owner's warnings. It passes the owner's gate, gets a random
card id (the case's reference stays home, with the link from card id to case), is signed
with the owner's Ed25519 key and encrypted to the recipient's age key. Signing inside the
encryption means only the recipient learns who sent it; the recipient checks the signature
against the key card it registered.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import msgspec
import pyrage
from pyrage import x25519
from sqlalchemy import select

from casus.disclosure import DisclosureGate
from casus.errors import NotFoundError, ValidationError
from casus.model import Case, CaseCard
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services.audit import record
from casus.services.meeting_view import MeetingCase, MeetingViewService
from casus.services.parties import PartyService
from casus.vocabulary.enums import UnitGeneralisation

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

CARD_FORMAT = "casus-casuskaart"
CARD_VERSION = 1
# Signed with this prefix, so a case card's signature can never pass for another kind of card.
SIGNED_AS = b"casus-casuskaart\x00"


@dataclass(frozen=True)
class CaseCardContent:
    """What a case card says, and nothing more."""

    card_id: str
    from_party: str
    to_party: str
    case: MeetingCase


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    signer: str
    payload: str  # base64 of the signed JSON
    signature: str


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
        own = parties.own_keys()
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
        view = MeetingViewService(self.vault, self.pseudonymiser).meeting_view(
            case_id, UnitCodeBook(secrets.token_bytes(32)), level
        )
        DisclosureGate.for_vault(self.vault, self.pseudonymiser).require_clean(view.shown("Casuskaart"))
        card_id = secrets.token_hex(16)
        content = CaseCardContent(card_id, own.party, recipient.party, view)
        payload = msgspec.json.encode({"format": CARD_FORMAT, "version": CARD_VERSION, **asdict(content)})
        envelope = _Envelope(CARD_FORMAT, CARD_VERSION, own.party, base64.b64encode(payload).decode(),
                             base64.b64encode(own.sign(SIGNED_AS + payload)).decode())  # fmt: skip
        sealed = pyrage.encrypt(
            msgspec.json.encode(envelope), [x25519.Recipient.from_str(recipient.recipient)]
        )
        with self.vault.session() as session:
            session.add(CaseCard(card_id=card_id, case_id=case_id, to_party=recipient.party))
            record(session, self.vault.actor, "case_card", "case", case_id, ["card"])
        return sealed, card_id


def open_envelope(sealed: bytes, identity: str) -> tuple[str, bytes, bytes]:
    """(signer, payload, signature) of a card encrypted to `identity`; for the importing side."""
    data = pyrage.decrypt(sealed, [x25519.Identity.from_str(identity)])
    envelope = msgspec.json.decode(data, type=_Envelope)
    return envelope.signer, base64.b64decode(envelope.payload), base64.b64decode(envelope.signature)
