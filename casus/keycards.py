"""A party's keys, and the key card by which another party's vault comes to know them.

Four parties bring cases to one meeting, each from a vault of its own (issue 14). Cards that
travel between them are encrypted to the recipient with age (X25519, through `pyrage`) and
signed by the sender with Ed25519 (`cryptography`): both established, audited formats with
small keys a card can carry, rather than a scheme of our own. A vault keeps its own private
keys inside itself (so under SQLCipher, never in a file of their own).

A key card holds the party's name, its age recipient and its Ed25519 public key, signed by
that key, so a card changed on the way does not read. What it cannot prove is whose it is: a
person compares the fingerprint (30 digits in groups of five, read aloud or by phone) before
a vault registers a card.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

import msgspec
import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyrage import x25519

from casus.errors import CasusError

CARD_FORMAT = "casus-sleutelkaart"
CARD_VERSION = 1
FINGERPRINT_GROUPS = 6  # of five digits: about 100 bits, enough that no forged card matches
MAX_CARD_BYTES = 16_384


class KeyCardError(CasusError):
    """A key card that does not read, or whose signature or fingerprint does not hold."""


@dataclass(frozen=True)
class PartyKeys:
    """A party's public side: what a key card carries."""

    party: str
    recipient: str  # the age X25519 recipient, "age1…"
    signing: bytes  # the raw 32-byte Ed25519 public key

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(_payload(self)).digest()
        number = int.from_bytes(digest[:16], "big") % 10 ** (5 * FINGERPRINT_GROUPS)
        digits = f"{number:0{5 * FINGERPRINT_GROUPS}d}"
        return " ".join(digits[n : n + 5] for n in range(0, len(digits), 5))


@dataclass(frozen=True)
class OwnKeys:
    """A vault's own keys: the private halves never leave the vault."""

    party: str
    identity: str  # the age X25519 identity, "AGE-SECRET-KEY-1…"
    signing_private: bytes  # the raw 32-byte Ed25519 private key

    @classmethod
    def generate(cls, party: str) -> OwnKeys:
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes_raw()
        return cls(party, str(x25519.Identity.generate()), raw)

    def public(self) -> PartyKeys:
        recipient = str(x25519.Identity.from_str(self.identity).to_public())
        signing = self._signer().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PartyKeys(self.party, recipient, signing)

    def sign(self, data: bytes) -> bytes:
        return self._signer().sign(data)

    def _signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.signing_private)


class _Card(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    party: str
    encryption: str
    signing: str
    signature: str


def _payload(keys: PartyKeys) -> bytes:
    """What is signed and fingerprinted: the card's content in one canonical form."""
    fields = {"format": CARD_FORMAT, "version": CARD_VERSION, "party": keys.party,
              "encryption": keys.recipient, "signing": base64.b64encode(keys.signing).decode()}  # fmt: skip
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def key_card(own: OwnKeys) -> bytes:
    """The card to hand to the other parties (a small JSON file; nothing in it is secret)."""
    public = own.public()
    card = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "party": public.party,
        "encryption": public.recipient,
        "signing": base64.b64encode(public.signing).decode(),
        "signature": base64.b64encode(own.sign(_payload(public))).decode(),
    }
    return (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode()


def read_key_card(data: bytes) -> PartyKeys:
    """The keys on a card, once its form and its own signature hold."""
    if len(data) > MAX_CARD_BYTES:
        raise KeyCardError("Dit is geen sleutelkaart van Casus: het bestand is te groot.")
    try:
        card = msgspec.json.decode(data, type=_Card)
    except (msgspec.DecodeError, msgspec.ValidationError):
        raise KeyCardError("Dit is geen sleutelkaart van Casus (onleesbaar of onvolledig).") from None
    if card.format != CARD_FORMAT or card.version != CARD_VERSION:
        raise KeyCardError("Dit is geen sleutelkaart van Casus, of een van een nieuwere versie.")
    try:
        signing = base64.b64decode(card.signing, validate=True)
        signature = base64.b64decode(card.signature, validate=True)
        x25519.Recipient.from_str(card.encryption)
        keys = PartyKeys(card.party.strip(), card.encryption, signing)
        Ed25519PublicKey.from_public_bytes(signing).verify(signature, _payload(keys))
    except (ValueError, InvalidSignature, pyrage.RecipientError):
        raise KeyCardError(
            "De sleutelkaart is onderweg veranderd of beschadigd: de handtekening klopt niet."
        ) from None
    if not keys.party:
        raise KeyCardError("De sleutelkaart noemt geen partij.")
    return keys


def same_fingerprint(keys: PartyKeys, told: str) -> bool:
    """Whether the fingerprint a person read out is this card's (spaces and dashes ignored)."""
    digits = "".join(ch for ch in told if ch.isdigit())
    return digits == keys.fingerprint.replace(" ", "")
