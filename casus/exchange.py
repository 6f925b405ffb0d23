"""Sealing and opening what travels between the parties' vaults: case cards, advice cards and
figures cards (issue 14).

One envelope for all three. Inside age encryption (X25519 through `pyrage`) to the
recipient's key sits a JSON payload signed with the sender's Ed25519 key. The signature
covers the kind of card as a prefix, the card's own id, the sender's and the recipient's
fingerprints and the content. So a card cannot pass for another kind, for another
recipient (a recipient who re-encrypts a card to a third party does not make it theirs),
or for a second card (its id is refused once it was read). age alone would not do: anyone
can encrypt to a public key, so the signature is what says who made a card. The signature
inside the encryption means only the recipient learns who sent it.

Every refusal has its own one-line Dutch message and changes nothing: opening is reading.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import Any

import msgspec
import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import x25519

from casus.errors import CasusError
from casus.keycards import OwnKeys, PartyKeys

FORMAT_VERSION = 1
MAX_CARD_BYTES = 4 * 1024 * 1024
_CARD_ID = re.compile(r"[0-9a-f]{32}")  # a case card is a few kB; this is far above any real one


class CardKind(Enum):
    """What a card is, with the Dutch word its messages use."""

    CASE = "casuskaart"
    ADVICE = "advieskaart"
    FIGURES = "cijferkaart"

    @property
    def word(self) -> str:
        return self.value

    @property
    def signed_as(self) -> bytes:
        return f"casus-{self.value}\x00".encode()


class CardRefused(CasusError):
    """A card that is not read: why, in one line, never what it holds."""


@dataclass(frozen=True)
class OpenedCard:
    card_id: str
    kind: CardKind
    sender: PartyKeys  # as this vault registered the sender
    content: dict[str, Any]
    payload: bytes  # the signed JSON, kept as received


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    payload: str  # base64 of the signed JSON
    signature: str


class _Payload(msgspec.Struct, forbid_unknown_fields=True):
    kind: str
    version: int
    card_id: str
    sender: str  # the sender's fingerprint
    recipient: str  # the recipient's fingerprint
    content: dict[str, Any]


def new_card_id() -> str:
    """128 random bits: never derived from a case, a meeting or a party."""
    return secrets.token_hex(16)


def seal(kind: CardKind, card_id: str, content: dict[str, Any], own: OwnKeys, to: PartyKeys) -> bytes:
    payload = msgspec.json.encode(
        _Payload(kind.value, FORMAT_VERSION, card_id, own.public().fingerprint, to.fingerprint, content)
    )
    envelope = _Envelope(
        f"casus-{kind.value}",
        FORMAT_VERSION,
        base64.b64encode(payload).decode(),
        base64.b64encode(own.sign(kind.signed_as + payload)).decode(),
    )
    sealed: bytes = pyrage.encrypt(msgspec.json.encode(envelope), [x25519.Recipient.from_str(to.recipient)])
    return sealed


def open_sealed(
    sealed: bytes, kind: CardKind, own: OwnKeys, senders: list[tuple[PartyKeys, bool]]
) -> OpenedCard:
    """The card, once it is for this vault, of this kind, and signed by a registered party
    whose key card is not revoked. `senders`: every key card this vault registered, with
    whether it still counts."""
    word = kind.word
    if len(sealed) > MAX_CARD_BYTES:
        raise CardRefused(f"Dit is geen {word} van Casus: het bestand is te groot.")
    if not sealed.startswith(b"age-encryption.org/v1\n"):
        raise CardRefused(f"Dit is geen {word} van Casus (geen versleuteld kaartbestand).")
    try:
        data = pyrage.decrypt(sealed, [x25519.Identity.from_str(own.identity)])
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).casefold():
            raise CardRefused(
                f"Deze {word} is voor een andere partij versleuteld, niet voor deze kluis: niet ingelezen."
            ) from None
        raise CardRefused(
            f"Deze {word} is beschadigd en kan niet worden ontsleuteld: niet ingelezen."
        ) from None
    try:
        envelope = msgspec.json.decode(data, type=_Envelope)
        payload_bytes = base64.b64decode(envelope.payload, validate=True)
        signature = base64.b64decode(envelope.signature, validate=True)
        payload = msgspec.json.decode(payload_bytes, type=_Payload)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError):
        raise CardRefused(f"Deze {word} is onleesbaar of onvolledig: niet ingelezen.") from None
    if envelope.format != f"casus-{kind.value}" or payload.kind != kind.value:
        raise CardRefused(f"Dit is geen {word} maar een ander soort kaart: niet ingelezen.")
    if not _CARD_ID.fullmatch(payload.card_id):
        raise CardRefused(f"Deze {word} is onleesbaar of onvolledig: niet ingelezen.")
    if envelope.version != FORMAT_VERSION or payload.version != FORMAT_VERSION:
        raise CardRefused(f"Deze {word} is van een nieuwere versie van Casus: niet ingelezen.")
    sender = _signer(kind, payload, payload_bytes, signature, senders)
    if payload.recipient != own.public().fingerprint:
        raise CardRefused(
            f"Deze {word} is voor een andere partij gemaakt en daarna doorgestuurd: niet ingelezen."
        )
    return OpenedCard(payload.card_id, kind, sender, payload.content, payload_bytes)


def _signer(
    kind: CardKind, payload: _Payload, signed: bytes, signature: bytes, senders: list[tuple[PartyKeys, bool]]
) -> PartyKeys:
    """The registered party the card names as its maker, once its signature holds."""
    named = [(keys, current) for keys, current in senders if keys.fingerprint == payload.sender]
    if not named:
        raise CardRefused(
            f"Deze {kind.word} komt van een partij waarvan deze kluis geen sleutelkaart heeft "
            "ingelezen: niet ingelezen. Lees eerst haar sleutelkaart in (Kluis › Partij en sleutelkaarten)."
        )
    keys, current = max(named, key=lambda pair: pair[1])  # a current card before a revoked one
    try:
        Ed25519PublicKey.from_public_bytes(keys.signing).verify(signature, kind.signed_as + signed)
    except (InvalidSignature, ValueError):
        raise CardRefused(
            f"Deze {kind.word} is onderweg veranderd: de handtekening klopt niet. Niet ingelezen."
        ) from None
    if not current:
        raise CardRefused(
            f"Deze {kind.word} is ondertekend met de ingetrokken sleutel van {keys.party}: niet ingelezen."
        )
    return keys


def read_payload(payload: bytes) -> dict[str, Any]:
    """The content of a payload this vault kept when it read the card."""
    return msgspec.json.decode(payload, type=_Payload).content
