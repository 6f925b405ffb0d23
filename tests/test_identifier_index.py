"""The vault keeps the gate's indices: used while current, rebuilt on any change, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text, update

from casus import identifier_index
from casus.disclosure import DisclosureGate
from casus.errors import DiskFullError
from casus.identify import stored_index
from casus.identify.identifiers import IdentifierSet
from casus.model import IdentifierIndex
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.org_units import OrgUnitDraft, OrgUnitService
from casus.vault import Vault
from casus.vocabulary.enums import FindingKind
from tests.conftest import PASSPHRASE


def _case(vault: Vault, name: str, reference: str) -> int:
    team = next(u for u in OrgUnitService(vault).list() if u.name == "Team Leerplicht")
    return CaseService(vault).create(
        CaseDraft(
            channel="internal_reporting_point", received="2025-03-10", incident_date="2025-03-03",
            category="racism", org_unit_id=team.id, reference=reference,
            facts="Er werd een opmerking gemaakt.", question="Hoe verder?",
            people=[PersonDraft(role="reporter", name=name, email="m.t@example.nl",
                                employee_number="7654321")],
        )
    )  # fmt: skip


def _names_found(vault: Vault, note: str) -> bool:
    return FindingKind.NAME in [f.kind for f in DisclosureGate.for_vault(vault).check({"Notitie": note})]


def _reopened(vault: Vault) -> Vault:
    """The same vault in a fresh state, as the next `casus export` process sees it."""
    path = vault.path
    vault.close()
    return Vault.open(path, PASSPHRASE)


def test_the_head_schema_has_every_trigger_that_raises_the_generation(vault: Vault) -> None:
    from importlib import import_module

    triggers = import_module("casus.migrations.versions.0005_identifier_index").TRIGGERS
    with vault.session() as session:
        present = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    assert set(triggers) <= present


def test_every_change_to_what_the_gate_knows_raises_the_generation(vault: Vault) -> None:
    generation = identifier_index.vault_generation
    before = generation(vault)
    case_id = _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    after_create = generation(vault)
    assert after_create > before
    cases = CaseService(vault)
    cases.add_person(case_id, PersonDraft(role="witness", name="Gerolt Fennema"))
    assert generation(vault) > after_create
    at = generation(vault)
    with vault.session() as session:  # a status change names nobody new
        session.execute(text("UPDATE case_file SET status = status"))
    assert generation(vault) == at
    with vault.session() as session:  # any writer, not only the services
        session.execute(text("UPDATE person SET name = 'Wieger Tuinstra' WHERE name = 'Gerolt Fennema'"))
    assert generation(vault) > at
    at = generation(vault)
    OrgUnitService(vault).create(OrgUnitDraft(kind="cluster", name="Stad en Haven"))
    assert generation(vault) > at


def test_a_fresh_process_uses_the_kept_indices_and_they_equal_a_build(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    built = identifier_index.known_identifiers(vault)
    vault = _reopened(vault)

    def no_rows(*_: object) -> None:
        raise AssertionError("the person rows were read although the kept indices are current")

    monkeypatch.setattr(identifier_index, "_people_and_cases", no_rows)
    kept = identifier_index.known_identifiers(vault)
    assert kept is not built
    assert kept.sections() == built.sections()
    assert _names_found(vault, "Volgens Tjallingii ging het anders.")
    vault.close()


def test_a_person_added_after_the_indices_were_kept_is_found(vault: Vault) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    assert not _names_found(vault, "Volgens Huisintveld ging het anders.")
    vault = _reopened(vault)
    with vault.session() as session:
        case_id = session.scalar(text("SELECT id FROM case_file"))
    CaseService(vault).add_person(case_id, PersonDraft(role="witness", name="Brechtje Huisintveld"))
    assert _names_found(vault, "Volgens Huisintveld ging het anders.")
    vault = _reopened(vault)
    assert _names_found(vault, "Volgens Huisintveld ging het anders.")
    vault.close()


def test_a_removed_or_renamed_person_is_no_longer_known(vault: Vault) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    assert _names_found(vault, "Volgens Tjallingii ging het anders.")
    with vault.session() as session:
        session.execute(text("UPDATE person SET name = 'Mirthe Oosterhuis'"))
    assert not _names_found(vault, "Volgens Tjallingii ging het anders.")
    assert _names_found(vault, "Volgens Oosterhuis ging het anders.")


@pytest.mark.parametrize("damage", ["garbage", "foreign code", "truncated"])
def test_a_damaged_or_foreign_index_is_rebuilt_not_trusted(vault: Vault, damage: str) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    identifier_index.known_identifiers(vault)
    with vault.session() as session:
        payload = session.scalar(text("SELECT payload FROM identifier_index"))
        values = {
            "garbage": {"payload": b"not an index"},
            "foreign code": {"fingerprint": "0" * 64},
            "truncated": {"payload": stored_index.encode({"names_exact": ["x"]})},
        }[damage]
        session.execute(update(IdentifierIndex).values(**values))
    assert payload
    vault = _reopened(vault)
    assert _names_found(vault, "Volgens Tjallingii ging het anders.")
    with vault.session() as session:  # and the rebuilt indices are kept again
        assert session.scalar(text("SELECT payload FROM identifier_index")) == payload
    vault.close()


def test_an_index_that_cannot_be_kept_costs_nothing_but_a_rebuild(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")

    def disk_full(*_: object) -> None:
        raise DiskFullError()

    monkeypatch.setattr(identifier_index, "update", disk_full)
    assert _names_found(vault, "Volgens Tjallingii ging het anders.")
    with vault.session() as session:
        assert session.scalar(text("SELECT payload FROM identifier_index")) is None


def test_the_kept_indices_are_not_readable_on_disk(vault: Vault, tmp_path: Path) -> None:
    _case(vault, "Mirthe Tjallingii", "BI-2025-101")
    identifier_index.known_identifiers(vault)
    path = vault.path
    vault.close()
    for file in path.parent.iterdir():
        if file.is_file():
            content = file.read_bytes()
            assert b"tjallingii" not in content.lower() and b"mirthe" not in content.lower()


_WORD = st.text(alphabet="abcdefghijklmnoprstuvwyzéëï", min_size=2, max_size=10)
_NAME = st.builds(
    lambda given, particle, surname: f"{given.title()} {particle}{surname.title()}",
    _WORD, st.sampled_from(["", "van ", "de ", "van der ", "el "]), _WORD,
)  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    people=st.lists(
        st.tuples(_NAME, st.none() | st.just("x.y@example.nl"), st.none() | st.just("06 1234 5678"),
                  st.none() | st.from_regex(r"[0-9]{5,8}", fullmatch=True)),
        min_size=1, max_size=8,
    ),
    references=st.sets(st.from_regex(r"[A-Z]{1,3}-20[0-9]{2}-[0-9]{3}", fullmatch=True), max_size=4),
    probe=_WORD,
)  # fmt: skip
def test_kept_indices_answer_as_the_built_ones(
    people: list[tuple[str, str | None, str | None, str | None]], references: set[str], probe: str
) -> None:
    values = IdentifierSet(references=references)
    for person in people:
        values.add_person(*person)
    built = values.compile()
    kept = values.compile(stored_index.decode(stored_index.encode(built.sections())))
    assert kept.sections() == built.sections()
    texts = {
        "a": f"Gisteren sprak {people[0][0]} met {probe.title()} over {probe}.",
        "b": " ".join(p[0].split()[-1] for p in people) + f" {probe.title()}s zei het.",
    }
    assert DisclosureGate(built).check(texts) == DisclosureGate(kept).check(texts)


def test_the_fingerprint_is_taken_from_the_compiled_code_where_no_source_file_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the PyInstaller bundle a module's `__file__` names no file on disk: the fingerprint
    hashes the compiled code instead of failing (FileNotFoundError was the bundle's answer)."""
    import casus.identify.matcher as matcher

    on_disk = stored_index.fingerprint()
    stored_index.fingerprint.cache_clear()
    monkeypatch.setattr(matcher, "__file__", "/nonexistent/_internal/casus/identify/matcher.pyc")
    try:
        frozen = stored_index.fingerprint()
    finally:
        stored_index.fingerprint.cache_clear()
    assert len(frozen) == 64 and frozen != on_disk


def test_the_kept_index_is_fingerprinted_by_every_module_that_builds_it() -> None:
    """A kept index is used only while the code that built it is unchanged: every module of
    the identifier engine that building the indices reaches is in the fingerprint (a module
    split in two must not leave half of the code unfingerprinted)."""
    import ast
    import importlib.util

    from casus.identify import stored_index

    def imported(module: str) -> set[str]:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("casus.identify."):
                found.add(node.module)
        return found

    reached, pending = set(), ["casus.identify.identifiers"]
    while pending:
        module = pending.pop()
        if module not in reached:
            reached.add(module)
            pending += imported(module)
    missing = reached - set(stored_index._BUILDERS)
    assert not missing, f"not in the index fingerprint: {sorted(missing)}"
