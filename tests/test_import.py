"""Import of the corpus format: everything or nothing, with a line number and a reason."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casus.errors import ImportRejectedError
from casus.importing import import_cases
from casus.model import AuditEvent, Case, Involvement, OrgUnit, Person
from casus.services.cases import CaseService
from casus.services.org_units import OrgUnitService
from casus.services.vaults import create_vault
from casus.vault import Vault
from casus.vocabulary.enums import BehaviourCategory, Channel, Ground, OrgUnitKind, Party, Role


def table_counts(vault: Vault) -> dict[str, int]:
    with vault.session() as session:
        return {
            entity.__name__: session.scalar(select(func.count()).select_from(entity)) or 0
            for entity in (Case, Person, Involvement, OrgUnit, AuditEvent)
        }


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_corpus_imports_with_enums_mapped_and_units_added(
    vault: Vault, corpus_file: Path, corpus_cases: list[dict]
) -> None:
    units_before = table_counts(vault)["OrgUnit"]
    assert import_cases(vault, corpus_file) == len(corpus_cases)
    service = CaseService(vault)
    by_reference = {row.reference: row for row in service.summaries()}
    assert set(by_reference) == {c["id"] for c in corpus_cases}
    first = corpus_cases[0]
    case = service.get(by_reference[first["id"]].id)
    assert case.channel is Channel.EXTERNAL_REPORTING_POINT
    assert case.owner_party is Party.DISCRIMINATIE_NL
    assert case.category is BehaviourCategory.SUBTLE_RACISM
    assert case.grounds == (Ground.ORIGIN_RACE,)
    assert case.facts == first["narrative"]
    assert [(i.key, i.role, i.name) for i in case.involvements] == [
        (
            p["key"],
            {
                "melder": Role.REPORTER,
                "betrokkene": Role.ACCUSED,
                "getuige": Role.WITNESS,
                "leidinggevende": Role.MANAGER,
            }[p["role"]],
            p["name"],
        )
        for p in first["persons"]
    ]
    units = {unit.id: unit for unit in OrgUnitService(vault).list()}
    team = units[case.org_unit_id or 0]
    assert team.kind is OrgUnitKind.TEAM and team.parent_id is not None
    assert units[team.parent_id].name == first["org_unit"]["directie"]
    assert units[team.parent_id].kind is OrgUnitKind.DISTRICT  # a stadsdeel is a directie
    assert table_counts(vault)["OrgUnit"] > units_before
    with vault.session() as session:
        null_ground = session.scalars(
            select(Case).where(Case.reference == next(c["id"] for c in corpus_cases if c["ground"] is None))
        ).one()
        assert null_ground.ground_values == [Ground.UNKNOWN]
    # Known units are reused, not duplicated, and an abbreviation is learned.
    with vault.session() as session:
        fb = session.scalars(select(OrgUnit).where(OrgUnit.name == "Facility Bureau")).all()
        assert len(fb) == 1 and "FB" in fb[0].abbreviations


def _good(corpus_cases: list[dict]) -> dict:
    case = copy.deepcopy(corpus_cases[1])
    case.pop("gold", None)
    return case


def _mutations(corpus_cases: list[dict]) -> dict[str, tuple[str, str]]:
    """name -> (the bad line, a fragment of the expected reason)."""
    good = _good(corpus_cases)

    def changed(**changes: object) -> str:
        case = copy.deepcopy(good)
        for key, value in changes.items():
            if value is None and key.startswith("drop_"):
                case.pop(key[5:])
            else:
                case[key] = value
        return json.dumps(case, ensure_ascii=False)

    person_without_name = copy.deepcopy(good)
    person_without_name["persons"][0]["name"] = ""
    bad_role = copy.deepcopy(good)
    bad_role["persons"][0]["role"] = "dader"
    bad_email = copy.deepcopy(good)
    bad_email["persons"][0]["email"] = "geen-adres"
    rtl_name = copy.deepcopy(good)
    rtl_name["persons"][0]["name"] = "Anna \u202eikkab"
    return {
        "broken-json": ('{"id": "X1", "source": ', "geen geldige JSON"),
        "not-an-object": ("[1, 2, 3]", "JSON-object"),
        "missing-field": (changed(drop_narrative=None), "verplicht veld ontbreekt: narrative"),
        "unknown-field": (changed(secret="x"), "onbekend veld"),
        "unknown-source": (changed(source="brief"), "onbekende waarde voor source"),
        "unknown-category": (changed(category="diefstal"), "onbekende waarde voor category"),
        "unknown-ground": (changed(ground="haarkleur"), "onbekende waarde voor ground"),
        "unknown-role": (json.dumps(bad_role, ensure_ascii=False), "role van persoon 1"),
        "huge-text": (changed(narrative="x" * 60_000), "te lang"),
        "control-character": (changed(narrative="Tekst\x07met bel"), "stuurteken"),
        "rtl-override": (changed(question="Wie \u202eeid\u202c?"), "leesrichting"),
        "rtl-in-name": (json.dumps(rtl_name, ensure_ascii=False), "leesrichting"),
        "future-date": (changed(received="2999-01-01"), "toekomst"),
        "bad-date": (changed(received="17-01-2023"), "geen geldige datum"),
        "person-without-name": (
            json.dumps(person_without_name, ensure_ascii=False),
            "Naam: is verplicht",
        ),
        "bad-email": (json.dumps(bad_email, ensure_ascii=False), "e-mailadres"),
        "anonymous-not-bool": (changed(anonymous="ja"), "ja of nee"),
        "id-not-text": (changed(id=12), "id moet tekst zijn"),
    }


MUTATIONS = [
    "broken-json",
    "not-an-object",
    "missing-field",
    "unknown-field",
    "unknown-source",
    "unknown-category",
    "unknown-ground",
    "unknown-role",
    "huge-text",
    "control-character",
    "rtl-override",
    "rtl-in-name",
    "future-date",
    "bad-date",
    "person-without-name",
    "bad-email",
    "anonymous-not-bool",
    "id-not-text",
]


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_bad_line_rejects_the_whole_file_and_changes_nothing(
    vault: Vault, tmp_path: Path, corpus_cases: list[dict], mutation: str
) -> None:
    bad_line, reason = _mutations(corpus_cases)[mutation]
    good = json.dumps(_good(corpus_cases), ensure_ascii=False)
    other = copy.deepcopy(_good(corpus_cases))
    other["id"] = "ANDER"
    path = write_lines(tmp_path / "in.jsonl", [good, json.dumps(other), bad_line])
    before = table_counts(vault)
    with pytest.raises(ImportRejectedError) as error:
        import_cases(vault, path)
    assert error.value.line == 3
    assert reason in str(error.value)
    assert table_counts(vault) == before
    for person in corpus_cases[1]["persons"]:
        assert person["name"] not in str(error.value), "messages never quote a name"


def test_invalid_utf8_duplicate_ids_and_existing_references(
    vault: Vault, tmp_path: Path, corpus_cases: list[dict]
) -> None:
    good = json.dumps(_good(corpus_cases), ensure_ascii=False)
    raw = tmp_path / "raw.jsonl"
    raw.write_bytes(good.encode() + b"\n" + b'{"id": "\xff\xfe"}\n')
    with pytest.raises(ImportRejectedError, match="UTF-8") as error:
        import_cases(vault, raw)
    assert error.value.line == 2
    with pytest.raises(ImportRejectedError, match="regel 1") as error:
        import_cases(vault, write_lines(tmp_path / "d.jsonl", [good, good]))
    assert error.value.line == 2 and "regel 1" in error.value.reason
    assert import_cases(vault, write_lines(tmp_path / "ok.jsonl", [good])) == 1
    before = table_counts(vault)
    with pytest.raises(ImportRejectedError, match="bestaat al"):
        import_cases(vault, write_lines(tmp_path / "again.jsonl", [good]))
    assert table_counts(vault) == before


def test_oversized_line_and_empty_file_are_refused(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError, match="langer dan"):
        import_cases(vault, write_lines(tmp_path / "big.jsonl", ['{"id": "' + "x" * 2_000_000 + '"}']))
    with pytest.raises(ImportRejectedError, match="geen casussen"):
        import_cases(vault, write_lines(tmp_path / "empty.jsonl", ["", "   "]))
    with pytest.raises(ImportRejectedError, match="kan niet worden gelezen"):
        import_cases(vault, tmp_path / "bestaat-niet.jsonl")


def test_deeply_nested_json_is_refused_not_crashing(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError):
        import_cases(vault, write_lines(tmp_path / "deep.jsonl", ["[" * 100_000 + "]" * 100_000]))


def test_rejected_import_leaves_the_file_unchanged_after_close(
    vault_path: Path, tmp_path: Path, corpus_cases: list[dict]
) -> None:
    from tests.conftest import PASSPHRASE, snapshot

    create_vault(vault_path, PASSPHRASE).close()
    before = snapshot(vault_path.parent)
    bad_line, _ = _mutations(corpus_cases)["rtl-override"]
    good = json.dumps(_good(corpus_cases), ensure_ascii=False)
    with Vault.open(vault_path, PASSPHRASE) as vault, pytest.raises(ImportRejectedError):
        import_cases(vault, write_lines(tmp_path / "in.jsonl", [good, bad_line]))
    assert snapshot(vault_path.parent) == before
