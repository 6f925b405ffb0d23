"""A vault's party and keys, and the key cards of the other parties (issue 14, first step).

The cards are real files and the command line runs as a subprocess; the private keys are
searched for as bytes in every file the vault leaves on disk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import CasusError, ValidationError
from casus.keycards import KeyCardError, OwnKeys, key_card, read_key_card, same_fingerprint
from casus.services.parties import PartyService, party_of
from casus.vault import Vault
from casus.vocabulary.enums import Party
from tests.conftest import PASSPHRASE
from tests.test_cli import casus

_FINGERPRINT = re.compile(r"^\d{5}( \d{5}){5}$")


def test_a_card_carries_the_public_keys_its_signature_holds_and_its_fingerprint_reads_aloud() -> None:
    own = OwnKeys.generate("Bureau Integriteit")
    card = key_card(own)
    keys = read_key_card(card)
    assert keys == own.public()
    assert _FINGERPRINT.match(keys.fingerprint)
    assert own.identity.encode() not in card and own.signing_private not in card, "no private half"
    assert same_fingerprint(keys, keys.fingerprint.replace(" ", "-"))
    assert not same_fingerprint(keys, OwnKeys.generate("Bureau Integriteit").public().fingerprint)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_card_changed_anywhere_does_not_read(data: st.DataObject) -> None:
    card = json.loads(key_card(OwnKeys.generate("P&O")))
    field = data.draw(st.sampled_from(["party", "encryption", "signing", "signature"]))
    other = json.loads(key_card(OwnKeys.generate("P&O")))
    card[field] = data.draw(st.sampled_from([other[field] if field != "party" else "P&O Noord", "", "x"]))
    with pytest.raises(KeyCardError):
        read_key_card(json.dumps(card).encode())


@pytest.mark.parametrize(
    "data",
    [b"", b"{}", b"niet json", b'{"format": "casus-sleutelkaart"}', b"[" * 10_000, b"x" * 20_000],
)
def test_what_is_not_a_card_says_so_in_dutch(data: bytes) -> None:
    with pytest.raises(KeyCardError) as refused:
        read_key_card(data)
    assert "sleutelkaart" in str(refused.value)


def test_the_party_names_as_people_type_them() -> None:
    assert party_of("P&O") == ("P&O", Party.HR)
    assert party_of("hr") == ("P&O", Party.HR)
    assert party_of("bureau integriteit") == ("Bureau Integriteit", Party.INTEGRITY_BUREAU)
    assert party_of("Bureau I&D") == ("Bureau Inclusie & Diversiteit", Party.DIVERSITY_BUREAU)
    assert party_of("  Veiligheidsregio Zuid ") == ("Veiligheidsregio Zuid", None)
    with pytest.raises(ValidationError):
        party_of("   ")


def test_registering_replacing_and_revoking_a_party(vault: Vault) -> None:
    parties = PartyService(vault)
    with pytest.raises(ValidationError):
        parties.key_card()  # no party yet
    mine = parties.set_party("discriminatie.nl")
    again = parties.set_party("discriminatie.nl")
    assert mine == again, "keys are made once"
    own_card, fingerprint = parties.key_card()
    assert fingerprint == mine.fingerprint
    with pytest.raises(KeyCardError):
        parties.register(own_card, fingerprint)  # the vault's own card

    first = key_card(OwnKeys.generate("Bureau Integriteit"))
    first_keys = read_key_card(first)
    with pytest.raises(KeyCardError) as wrong:
        parties.register(first, "12345 12345 12345 12345 12345 12345")
    assert "vingerafdruk klopt niet" in str(wrong.value)
    assert parties.known() == []
    parties.register(first, first_keys.fingerprint)
    with pytest.raises(KeyCardError):
        parties.register(first, first_keys.fingerprint)  # twice
    second = key_card(OwnKeys.generate("Bureau Integriteit"))
    parties.register(second, read_key_card(second).fingerprint)
    known = parties.known()
    assert [(k.name, k.current) for k in known] == [
        ("Bureau Integriteit", True),
        ("Bureau Integriteit", False),
    ]
    assert parties.current("bureau integriteit") == read_key_card(second)
    parties.revoke("Bureau Integriteit")
    assert not any(k.current for k in parties.known())
    with pytest.raises(CasusError):
        parties.current("Bureau Integriteit")
    with pytest.raises(ValidationError):
        parties.revoke("Bureau Integriteit")


def test_the_private_keys_are_nowhere_on_disk_in_the_clear(vault: Vault, vault_path: Path) -> None:
    parties = PartyService(vault)
    parties.set_party("P&O")
    own = parties.own_keys()
    vault.backup(PASSPHRASE)
    vault.close()
    secrets_ = (own.identity.encode(), own.signing_private, own.identity.split("-")[-1].encode())
    for path in vault_path.parent.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(secret in data for secret in secrets_), path.name


def test_the_command_line_from_init_to_revoke(tmp_path: Path) -> None:
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    ours, theirs = tmp_path / "ons.casus", tmp_path / "bi.casus"
    made = casus("init", str(ours), "--party", "P&O", env=env)
    assert made.returncode == 0, made.stderr
    assert casus("init", str(theirs), env=env).returncode == 0
    refused = casus("keys", "export", str(theirs), "--out", str(tmp_path / "x.json"), env=env)
    assert refused.returncode == 1 and refused.stderr.startswith("casus: Partij: nog niet gekozen")
    assert casus("party", str(theirs), "Bureau Integriteit", env=env).returncode == 0

    card = tmp_path / "bureau-integriteit.sleutelkaart"
    exported = casus("keys", "export", str(theirs), "--out", str(card), env=env)
    assert exported.returncode == 0, exported.stderr
    fingerprint = exported.stdout.split("Vingerafdruk: ")[1].strip()
    assert _FINGERPRINT.match(fingerprint)
    shown = casus("keys", "fingerprint", str(card))
    assert shown.returncode == 0 and shown.stdout.strip() == f"Bureau Integriteit: {fingerprint}"

    wrong = casus("keys", "import", str(ours), str(card), "--fingerprint", "0" * 30, env=env)
    assert (
        wrong.returncode == 1
        and "vingerafdruk klopt niet" in wrong.stderr
        and len(wrong.stderr.splitlines()) == 1
    )
    read = casus("keys", "import", str(ours), str(card), "--fingerprint", fingerprint, env=env)
    assert read.returncode == 0, read.stderr
    listed = casus("keys", "list", str(ours), env=env)
    assert listed.stdout.strip() == f"Bureau Integriteit\t{fingerprint}\tgeldig"
    tampered = tmp_path / "veranderd.sleutelkaart"
    tampered.write_text(card.read_text().replace("Bureau Integriteit", "Bureau Integriteit Noord"))
    changed = casus("keys", "import", str(ours), str(tampered), "--fingerprint", fingerprint, env=env)
    assert changed.returncode == 1 and "handtekening klopt niet" in changed.stderr
    revoked = casus("keys", "revoke", str(ours), "Bureau Integriteit", env=env)
    assert revoked.returncode == 0 and "ingetrokken" in revoked.stdout
    assert "ingetrokken op" in casus("keys", "list", str(ours), env=env).stdout
    bad = casus("init", str(tmp_path / "leeg.casus"), "--party", "  ", env=env)
    assert bad.returncode == 1 and not (tmp_path / "leeg.casus").exists(), "a refused party makes no vault"


def test_the_window_shows_the_party_and_fingerprint_and_reads_a_card_only_with_its_fingerprint(
    qtbot, monkeypatch, vault: Vault, tmp_path: Path
) -> None:
    from ui import dialogs
    from ui.parties_dialog import PartiesDialog
    from ui.widgets import ERROR_STYLE

    dialog = PartiesDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.export_button.isEnabled(), "no party, no key card"
    dialog.party_edit.setText("Bureau I&D")
    dialog.save_party()
    own = PartyService(vault).own_keys().public()
    assert (
        dialog.party_edit.text() == "Bureau Inclusie & Diversiteit"
        and dialog.fingerprint.text() == own.fingerprint
    )

    target = tmp_path / "bid"
    monkeypatch.setattr(
        dialogs, "choose_key_card", lambda _parent, saving, name="": str(target) if saving else ""
    )
    dialog.export()
    written = tmp_path / "bid.sleutelkaart"
    assert read_key_card(written.read_bytes()) == own and own.fingerprint in dialog.message.text()

    theirs = tmp_path / "bi.sleutelkaart"
    theirs.write_bytes(key_card(OwnKeys.generate("Bureau Integriteit")))
    told = iter(["11111 11111 11111 11111 11111 11111", read_key_card(theirs.read_bytes()).fingerprint])
    monkeypatch.setattr(dialogs, "choose_key_card", lambda _parent, saving, name="": str(theirs))
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args: next(told))
    dialog.register()
    assert "vingerafdruk klopt niet" in dialog.message.text() and dialog.message.styleSheet() == ERROR_STYLE
    assert dialog.table.rowCount() == 0
    dialog.register()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "geldig"
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    dialog.table.setCurrentCell(0, 0)
    dialog.revoke()
    assert dialog.table.item(0, 2).text().startswith("ingetrokken op")
    dialog.accept()


# -- the case card, owner to meeting ---------------------------------------------------------------


def _two_parties(tmp_path: Path) -> tuple[Vault, Vault]:
    from casus.services.vaults import create_vault

    owner = create_vault(tmp_path / "po.casus", PASSPHRASE, actor="po")
    meeting = create_vault(tmp_path / "bi.casus", PASSPHRASE, actor="bi")
    PartyService(owner).set_party("P&O")
    PartyService(meeting).set_party("Bureau Integriteit")
    for one, other in ((owner, meeting), (meeting, owner)):
        card, fingerprint = PartyService(other).key_card()
        PartyService(one).register(card, fingerprint)
    return owner, meeting


def test_a_case_card_carries_the_meeting_view_only_signed_and_for_the_recipient_alone(
    tmp_path: Path, light_engine
) -> None:
    from casus.exchange import CardKind, CardRefused, open_sealed
    from casus.services.case_cards import CaseCardService
    from casus.services.cases import CaseDraft, CaseService, PersonDraft
    from casus.services.org_units import OrgUnitService
    from tests.helpers import release

    owner, meeting = _two_parties(tmp_path)
    unit = next(u for u in OrgUnitService(owner).list() if u.name == "Team Erfpacht")
    case_id = CaseService(owner).create(CaseDraft(
        reference="PO-2026-017", channel="hr", received="2026-05-14", category="bullying",
        org_unit_id=unit.id,
        facts="Ferdinand Kluivert kleineerde Yara Mendes in het overleg van Team Erfpacht.",
        question="Hoe kan Team Erfpacht dit bespreekbaar maken?",
        people=[PersonDraft(role="reporter", name="Yara Mendes", email="y.mendes@example.org"),
                PersonDraft(role="accused", name="Ferdinand Kluivert")],
    ))  # fmt: skip
    cards = CaseCardService(owner, light_engine)
    with pytest.raises(ValidationError):
        cards.export("PO-2026-017", "Bureau Integriteit")  # not released
    release(owner, case_id, light_engine)
    with pytest.raises(ValidationError) as unknown:
        cards.export("PO-2026-017", "discriminatie.nl")
    assert "geen ingelezen sleutelkaart" in str(unknown.value)
    sealed, card_id = cards.export("PO-2026-017", "Bureau Integriteit")

    for secret in (b"Yara", b"Mendes", b"Kluivert", b"PO-2026-017", b"Erfpacht", b"example.org"):
        assert secret not in sealed, "encrypted"
    parties = PartyService(meeting)
    opened = open_sealed(sealed, CardKind.CASE, parties.own_keys(), parties.senders())
    assert opened.sender.party == "P&O" and opened.card_id == card_id and len(card_id) == 32
    content = json.loads(opened.payload)
    assert content["sender"] == PartyService(owner).own_keys().public().fingerprint
    assert content["recipient"] == parties.own_keys().public().fingerprint
    shown = json.dumps(content, ensure_ascii=False)
    for identifying in ("Yara", "Mendes", "Kluivert", "PO-2026-017", "Erfpacht", "mendes@"):
        assert identifying not in shown, identifying
    case = content["content"]
    assert case["people"] == [["Melder A", "Melder"], ["Betrokkene B", "Betrokkene"]]
    assert "cluster" in case["unit"] and "directie" not in case["unit"], "no code of the owner's own"
    assert case["period"] == "mei 2026"
    stranger = OwnKeys.generate("een ander")
    with pytest.raises(CardRefused, match="andere partij versleuteld"):
        open_sealed(sealed, CardKind.CASE, stranger, parties.senders())
    owner.close()
    meeting.close()


def test_the_command_line_makes_a_case_card(tmp_path: Path, light_engine) -> None:
    from casus.services.cases import CaseDraft, CaseService, PersonDraft
    from tests.helpers import release

    owner, meeting = _two_parties(tmp_path)
    case_id = CaseService(owner).create(CaseDraft(
        reference="PO-2026-018", channel="hr", received="2026-06-02", category="exclusion",
        facts="Tirza Hoekstra werd niet uitgenodigd.",
        people=[PersonDraft(role="reporter", name="Tirza Hoekstra")],
    ))  # fmt: skip
    release(owner, case_id, light_engine)
    owner.close()
    meeting.close()
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    out = tmp_path / "kaart.casuskaart"
    export = ("card", "export", str(tmp_path / "po.casus"), "--to", "Bureau Integriteit")
    made = casus(*export, "--case", "PO-2026-018", "--out", str(out), env=env)
    assert made.returncode == 0, made.stderr
    assert re.search(r"Kaart-id: [0-9a-f]{32}$", made.stdout.strip()) and out.stat().st_size > 0
    written = out.read_bytes()
    assert not any(word in written for word in (b"Tirza", b"Hoekstra", b"PO-2026-018")), "ciphertext only"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".casus-export")] == [], (
        "no temporary left"
    )
    refused = casus(*export, "--case", "PO-2026-999", "--out", str(tmp_path / "niets"), env=env)
    assert refused.returncode == 1 and not (tmp_path / "niets").exists()
