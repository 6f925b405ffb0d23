"""Everything of a vault that may never leave it, compiled for the gate, and kept.

An export, meeting mode and every release need the vault-wide indices; building them means
reading and splitting every person's name (seconds at 50,000 cases). So the vault keeps them
(table `identifier_index`, migration 0005): the kept indices are used while the vault's
generation, which triggers raise on every change to a person or a case reference, is the
one they were built at, and while the code that builds them is the same (the fingerprint).
Units change the generation too, though they are read afresh: the held copy below has them.
Otherwise they are built from the rows and kept again, best effort: an index that cannot be
written (a full disk) costs the next export a rebuild, never an export.

Units are few and read afresh each time; so are the clusters that may be named.

Within one process the compiled indices are also held per open vault and generation, so a
meeting screen that checks every note asks the vault one number, not for its indices.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from casus.collector import collector_paused
from casus.errors import CasusError
from casus.identify import stored_index
from casus.identify.case_input import KnownUnit
from casus.identify.identifiers import IdentifierSet, KnownIdentifiers
from casus.model import Case, IdentifierIndex, OrgUnit, Person
from casus.vocabulary.enums import OrgUnitKind, Party

if TYPE_CHECKING:
    from casus.vault import Vault

_ROW = 1
# Per open vault: the generation and the indices compiled at it.
_held: weakref.WeakKeyDictionary[Vault, tuple[int, KnownIdentifiers]] = weakref.WeakKeyDictionary()
_held_lock = threading.Lock()


def vault_generation(vault: Vault) -> int:
    with vault.session() as session:
        return _generation(session)


def known_identifiers(vault: Vault) -> KnownIdentifiers:
    """The vault's compiled identifiers: held, kept or built, whichever is current."""
    with collector_paused():
        with vault.session() as session:
            generation = _generation(session)
            with _held_lock:
                held = _held.get(vault)
            if held is not None and held[0] == generation:
                return held[1]
            values = _units_and_clusters(session)
            known = _restored(values, _kept(session, generation))
            if known is None:
                _people_and_cases(session, values)
        if known is None:
            known = values.compile()
            _keep(vault, generation, known)
        with _held_lock:
            _held[vault] = (generation, known)
        return known


def _restored(values: IdentifierSet, stored: dict[str, list[str]] | None) -> KnownIdentifiers | None:
    if stored is None:
        return None
    try:
        return values.compile(stored)
    except (KeyError, ValueError):
        return None  # a damaged or foreign payload: build instead


def vault_identifiers(vault: Vault) -> IdentifierSet:
    """Every identifier of the vault as plain values, read from the rows (nothing kept)."""
    with vault.session() as session:
        values = _units_and_clusters(session)
        _people_and_cases(session, values)
    return values


def _generation(session: Session) -> int:
    return int(session.scalar(select(IdentifierIndex.generation).where(IdentifierIndex.id == _ROW)) or 0)


def _kept(session: Session, generation: int) -> dict[str, list[str]] | None:
    row = session.execute(
        select(IdentifierIndex.built_generation, IdentifierIndex.fingerprint, IdentifierIndex.payload).where(
            IdentifierIndex.id == _ROW
        )
    ).one_or_none()
    if row is None or row.built_generation != generation or row.fingerprint != stored_index.fingerprint():
        return None
    if row.payload is None:
        return None
    try:
        return stored_index.decode(row.payload)
    except stored_index.StoredIndexError:
        return None


def _keep(vault: Vault, generation: int, known: KnownIdentifiers) -> None:
    """Store the indices unless the vault changed meanwhile (then they are stale already)."""
    try:
        payload = stored_index.encode(known.sections())
    except stored_index.StoredIndexError:
        return
    try:
        with vault.session() as session:
            session.execute(
                update(IdentifierIndex)
                .where(IdentifierIndex.id == _ROW, IdentifierIndex.generation == generation)
                .values(built_generation=generation, fingerprint=stored_index.fingerprint(), payload=payload)
            )
    except (CasusError, SQLAlchemyError):
        # A full disk or a read-only copy: the indices were built and are used; only the
        # next export builds them again.
        return


def _units_and_clusters(session: Session) -> IdentifierSet:
    values = IdentifierSet()
    # Clusters are a permitted generalisation; a meeting party's own unit acts in every case
    # ("Bureau Integriteit", "P&O") and names nobody.
    for cluster in session.scalars(select(OrgUnit.name).where(OrgUnit.kind == OrgUnitKind.CLUSTER)):
        values.allow_phrase(cluster)
    for party_unit in session.scalars(select(OrgUnit).where(OrgUnit.meeting_party.is_not(None))):
        for name in (party_unit.name, *party_unit.abbreviations, *party_unit.alternative_names):
            values.allow_phrase(name)
    for party in Party:
        values.allow_phrase(party.label)
    units = select(OrgUnit).where(OrgUnit.kind != OrgUnitKind.CLUSTER, OrgUnit.meeting_party.is_(None))
    for unit in session.scalars(units):
        values.units.append(
            KnownUnit(
                str(unit.id), unit.kind, unit.name, tuple(unit.abbreviations), tuple(unit.alternative_names)
            )
        )
    return values


def _people_and_cases(session: Session, values: IdentifierSet) -> None:
    # Core, not the ORM: plain tuples, a third of the read at 150,000 rows.
    people = Person.__table__
    for name, email, phone, number in session.connection().execute(
        select(people.c.name, people.c.email, people.c.phone, people.c.employee_number)
    ):
        values.add_person(name, email, phone, number)
    cases = Case.__table__
    for reference, incident in session.connection().execute(select(cases.c.reference, cases.c.incident_date)):
        values.references.add(reference)
        if incident is not None:
            values.incident_dates.add(incident)
