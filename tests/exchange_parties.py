"""Three parties' vaults for the exchange tests: P&O brings a case, Bureau Integriteit holds
the meeting, and discriminatie.nl is a party the meeting never registered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.parties import PartyService
from casus.services.vaults import create_vault
from casus.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import release


@dataclass
class Parties:
    owner: Vault  # P&O: brings a case
    meeting: Vault  # Bureau Integriteit: holds the meeting
    stranger: Vault  # discriminatie.nl: the meeting never registered its key card
    root: Path

    def folder(self, vault: Vault) -> Path:
        return Path(vault.path).parent


def _vault(root: Path, name: str, party: str) -> Vault:
    folder = root / name
    folder.mkdir()
    vault = create_vault(folder / f"{name}.casus", PASSPHRASE, actor=name)
    PartyService(vault).set_party(party)
    return vault


def _know(one: Vault, other: Vault) -> None:
    card, fingerprint = PartyService(other).key_card()
    PartyService(one).register(card, fingerprint)


@pytest.fixture
def parties(tmp_path: Path, light_engine: Pseudonymiser) -> Iterator[Parties]:
    owner = _vault(tmp_path, "po", "P&O")
    meeting = _vault(tmp_path, "bi", "Bureau Integriteit")
    stranger = _vault(tmp_path, "dnl", "discriminatie.nl")
    _know(owner, meeting)
    _know(meeting, owner)
    _know(stranger, meeting)  # the stranger can encrypt to the meeting; the meeting does not know it
    _know(owner, stranger)
    for vault, reference, name in ((owner, "PO-2026-501", "Joris Landeweerd"),
                                   (stranger, "DN-2026-777", "Mirthe Vanderstraeten")):  # fmt: skip
        case_id = CaseService(vault).create(CaseDraft(
            reference=reference, channel="hr", received="2026-02-11", category="exclusion",
            facts=f"{name} wordt niet meer uitgenodigd voor het werkoverleg.",
            people=[PersonDraft(role="reporter", name=name)],
        ))  # fmt: skip
        release(vault, case_id, light_engine)
    yield Parties(owner, meeting, stranger, tmp_path)
    for vault in (owner, meeting, stranger):
        vault.close()
