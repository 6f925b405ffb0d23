"""Which party a vault belongs to, its keys, and the other parties' key cards.

A vault gets its keys when its party is set (at `casus init --party`, or once for an older
vault). Another party's card is registered only with the fingerprint a person confirmed; a
second card for the same party replaces the first (which is kept, revoked), and a card can
be revoked. The private keys never leave this service but as signatures and decryptions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from casus import validation as v
from casus.errors import NotFoundError, ValidationError
from casus.keycards import KeyCardError, OwnKeys, PartyKeys, key_card, read_key_card, same_fingerprint
from casus.model import KnownParty, OwnParty
from casus.model.entities import utc_now
from casus.services.audit import record
from casus.vocabulary.enums import Party

if TYPE_CHECKING:
    from casus.vault import Vault

PARTY_LABEL = "Partij"


@dataclass(frozen=True)
class KnownPartyView:
    name: str
    fingerprint: str
    registered_at: dt.datetime
    revoked_at: dt.datetime | None

    @property
    def current(self) -> bool:
        return self.revoked_at is None


def party_of(name: str) -> tuple[str, Party | None]:
    """A party as typed: one of the four by its code or its name ("P&O", "hr"), else another
    organisation by the name given."""
    cleaned = v.clean_text(name, "party", PARTY_LABEL, max_length=200, required=True, multiline=False)
    folded = cleaned.casefold()
    for party in Party:
        if folded in (party.value, party.label.casefold()):
            return party.label, party
    aliases = {"bureau i&d": Party.DIVERSITY_BUREAU, "discriminatie_nl": Party.DISCRIMINATIE_NL}
    if folded in aliases:
        return aliases[folded].label, aliases[folded]
    return cleaned, None


class PartyService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # -- the vault's own party ---------------------------------------------------------------

    def set_party(self, name: str) -> PartyKeys:
        """The vault's party; its keys are made the first time and kept when it is renamed
        (the other parties know the vault by them)."""
        label, party = party_of(name)
        with self.vault.session() as session:
            own = session.get(OwnParty, 1)
            if own is None:
                keys = OwnKeys.generate(label)
                own = OwnParty(id=1, name=label, party=party, age_identity=keys.identity,
                               signing_key=keys.signing_private)  # fmt: skip
                session.add(own)
            own.name, own.party = label, party
            record(session, self.vault.actor, "set_party", "vault", 1, ["party"])
            return _own_keys(own).public()

    def own_keys(self) -> OwnKeys:
        with self.vault.session() as session:
            own = session.get(OwnParty, 1)
            if own is None:
                raise ValidationError(
                    "party",
                    PARTY_LABEL,
                    "nog niet gekozen; kies eerst de partij van deze kluis (casus party)",
                )
            return _own_keys(own)

    def key_card(self) -> tuple[bytes, str]:
        """This vault's key card and its fingerprint."""
        own = self.own_keys()
        return key_card(own), own.public().fingerprint

    # -- the other parties -------------------------------------------------------------------

    def register(self, card: bytes, fingerprint: str) -> KnownPartyView:
        keys = read_key_card(card)
        if not same_fingerprint(keys, fingerprint):
            raise KeyCardError(
                "De vingerafdruk klopt niet met deze sleutelkaart: niet ingelezen. "
                "Vergelijk hem opnieuw met de partij zelf."
            )
        with self.vault.session() as session:
            own = session.get(OwnParty, 1)
            if own is not None and _own_keys(own).public().signing == keys.signing:
                raise KeyCardError("Dit is de sleutelkaart van deze kluis zelf.")
            now = utc_now()
            for earlier in session.scalars(select(KnownParty).where(KnownParty.revoked_at.is_(None))):
                if earlier.signing_key == keys.signing and earlier.recipient == keys.recipient:
                    raise KeyCardError(f"De sleutelkaart van {earlier.name} is al ingelezen.")
                if earlier.name.casefold() == keys.party.casefold():
                    earlier.revoked_at = now  # replaced by the new card
            known = KnownParty(name=keys.party, recipient=keys.recipient, signing_key=keys.signing,
                               fingerprint=keys.fingerprint, registered_at=now)  # fmt: skip
            session.add(known)
            session.flush()
            record(session, self.vault.actor, "register_party", "known_party", known.id, ["key_card"])
            return _view(known)

    def known(self) -> list[KnownPartyView]:
        """Every card ever registered, current ones first, by name."""
        with self.vault.session() as session:
            rows = session.scalars(select(KnownParty).order_by(KnownParty.name, KnownParty.registered_at))
            views = [_view(row) for row in rows]
        return sorted(views, key=lambda view: (not view.current, view.name.casefold()))

    def current(self, name: str) -> PartyKeys:
        """The keys of a registered, unrevoked party (to encrypt to, or to check a signature)."""
        with self.vault.session() as session:
            for row in session.scalars(select(KnownParty).where(KnownParty.revoked_at.is_(None))):
                if row.name.casefold() == party_of(name)[0].casefold():
                    return PartyKeys(row.name, row.recipient, row.signing_key)
        raise NotFoundError()

    def senders(self) -> list[tuple[PartyKeys, bool]]:
        """Every key card ever registered, with whether it still counts: a card signed with a
        revoked key is refused by name, not as one from a stranger."""
        with self.vault.session() as session:
            rows = session.scalars(select(KnownParty).order_by(KnownParty.registered_at))
            return [(PartyKeys(r.name, r.recipient, r.signing_key), r.revoked_at is None) for r in rows]

    def by_signing_key(self, signing: bytes) -> PartyKeys:
        """The current key card with this signing key: where advice on a card goes back to."""
        with self.vault.session() as session:
            row = session.scalar(
                select(KnownParty).where(KnownParty.signing_key == signing, KnownParty.revoked_at.is_(None))
            )
            if row is None:
                raise NotFoundError()
            return PartyKeys(row.name, row.recipient, row.signing_key)

    def revoke(self, name: str) -> KnownPartyView:
        label = party_of(name)[0]
        with self.vault.session() as session:
            for row in session.scalars(select(KnownParty).where(KnownParty.revoked_at.is_(None))):
                if row.name.casefold() == label.casefold():
                    row.revoked_at = utc_now()
                    record(session, self.vault.actor, "revoke_party", "known_party", row.id, ["revoked_at"])
                    return _view(row)
        raise ValidationError("party", PARTY_LABEL, f"{label} heeft geen ingelezen sleutelkaart")


def _own_keys(own: OwnParty) -> OwnKeys:
    return OwnKeys(own.name, own.age_identity, own.signing_key)


def _view(row: KnownParty) -> KnownPartyView:
    return KnownPartyView(row.name, row.fingerprint, row.registered_at, row.revoked_at)
