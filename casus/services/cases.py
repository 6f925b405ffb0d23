"""Cases and the people involved in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sqlalchemy import String, func, select, type_coerce, update
from sqlalchemy.orm import Session, selectinload

from casus import validation as v
from casus.collector import collector_paused
from casus.errors import NotFoundError, ValidationError
from casus.model import Case, CaseGround, Involvement, OrgUnit, Person, Review
from casus.services import release_rule
from casus.services.audit import apply_changes, record
from casus.services.bulk_read import plain_rows
from casus.services.case_values import CaseView, case_view
from casus.services.lookup import required
from casus.services.retention import retention_on_close
from casus.vocabulary.enums import (
    BehaviourCategory,
    CaseStatus,
    Channel,
    Ground,
    Handling,
    OrgUnitKind,
    Party,
    Role,
)

if TYPE_CHECKING:
    from casus.vault import Vault
    from casus.vault.erasure import BackupsErased

E = TypeVar("E", bound=Enum)

# Dutch names of the fields, for validation messages.
LABELS = {
    "reference": "Kenmerk",
    "channel": "Kanaal",
    "received": "Datum ontvangen",
    "incident_date": "Datum voorval",
    "anonymous": "Anonieme melding",
    "category": "Aard van het gedrag",
    "grounds": "Discriminatiegrond",
    "org_unit_id": "Organisatieonderdeel",
    "facts": "Feitenrelaas",
    "question": "Bespreekvraag",
    "prior_advice": "Eerder advies",
    "owner_party": "Casushouder",
    "handling": "Wijze van behandeling",
    "violation_established": "Integriteitsschending vastgesteld",
    "retention_date": "Bewaren tot",
    "receipt_told_on": "Ontvangst teruggekoppeld op",
    "outcome_told_on": "Uitkomst teruggekoppeld op",
    "status": "Status",
    "key": "Sleutel",
    "role": "Rol",
    "name": "Naam",
    "function": "Functie",
    "salary_scale": "Schaal",
    "email": "E-mailadres",
    "phone": "Telefoonnummer",
    "employee_number": "Personeelsnummer",
    "notes": "Notities",
}


@dataclass
class PersonDraft:
    """A person as entered for one case."""

    role: Role | str
    name: str
    key: str | None = None
    function: str | None = None
    salary_scale: int | str | None = None
    email: str | None = None
    phone: str | None = None
    employee_number: str | None = None
    notes: str = ""


@dataclass
class CaseDraft:
    channel: Channel | str
    received: dt.date | str
    category: BehaviourCategory | str
    grounds: Sequence[Ground | str] = ()
    reference: str | None = None
    anonymous: bool = False
    org_unit_id: int | None = None
    incident_date: dt.date | str | None = None
    facts: str = ""
    question: str = ""
    prior_advice: str = ""
    owner_party: Party | str | None = None
    handling: Handling | str | None = None
    violation_established: bool | None = None
    retention_date: dt.date | str | None = None
    people: list[PersonDraft] = field(default_factory=list)
    receipt_told_on: dt.date | str | None = None  # terugkoppeling: the melder told of receipt,
    outcome_told_on: dt.date | str | None = None  # and of the outcome
    status: CaseStatus | str | None = None  # None: as it is (a release goes through the review)


class CaseSummary(NamedTuple):
    """One row of the case list: no free text, no people. A tuple: made 50,000 times at unlock."""

    id: int
    reference: str
    received: dt.date
    channel: Channel
    category: BehaviourCategory
    status: CaseStatus
    org_unit: str | None


@dataclass(frozen=True)
class CleanPerson:
    key: str
    role: Role
    name: str
    function: str | None
    salary_scale: int | None
    email: str | None
    phone: str | None
    employee_number: str | None
    notes: str


def _label(name: str) -> str:
    return LABELS.get(name, name)


def clean_person(draft: PersonDraft, fallback_key: str) -> CleanPerson:
    key = v.optional_line(draft.key, "key", _label("key"), 20) or fallback_key
    return CleanPerson(
        key=key,
        role=v.clean_enum(Role, draft.role, "role", _label("role")),
        name=v.clean_text(
            draft.name,
            "name",
            _label("name"),
            max_length=v.NAME_MAX,
            required=True,
            multiline=False,
        ),
        function=v.optional_line(draft.function, "function", _label("function"), v.SHORT_TEXT_MAX),
        salary_scale=v.clean_scale(draft.salary_scale),
        email=v.clean_email(draft.email),
        phone=v.clean_phone(draft.phone),
        employee_number=v.clean_number(draft.employee_number, "employee_number", _label("employee_number")),
        notes=v.clean_text(draft.notes, "notes", _label("notes"), max_length=v.LONG_TEXT_MAX),
    )


def clean_case(draft: CaseDraft, today: dt.date | None = None) -> dict[str, Any]:
    """Validate every field of a draft; returns the column values (without people)."""
    grounds = [v.clean_enum(Ground, g, "grounds", _label("grounds")) for g in draft.grounds]
    received = v.clean_date(draft.received, "received", _label("received"), required=True, today=today)
    incident = v.clean_date(draft.incident_date, "incident_date", _label("incident_date"), today=today)
    if incident is not None and received is not None and incident > received:
        raise ValidationError(
            "incident_date",
            _label("incident_date"),
            "ligt na de datum waarop de melding binnenkwam",
        )
    return {
        "reference": v.optional_line(draft.reference, "reference", _label("reference"), v.REFERENCE_MAX),
        "channel": v.clean_enum(Channel, draft.channel, "channel", _label("channel")),
        "received": received,
        "incident_date": incident,
        "anonymous": v.clean_bool(draft.anonymous, "anonymous", _label("anonymous")),
        "category": v.clean_enum(BehaviourCategory, draft.category, "category", _label("category")),
        "grounds": list(dict.fromkeys(grounds)),
        "org_unit_id": draft.org_unit_id,
        "facts": v.clean_text(draft.facts, "facts", _label("facts"), max_length=v.LONG_TEXT_MAX),
        "question": v.clean_text(draft.question, "question", _label("question"), max_length=v.QUESTION_MAX),
        "prior_advice": v.clean_text(
            draft.prior_advice, "prior_advice", _label("prior_advice"), max_length=v.LONG_TEXT_MAX
        ),
        "owner_party": v.clean_optional_enum(Party, draft.owner_party, "owner_party", _label("owner_party")),
        "handling": v.clean_optional_enum(Handling, draft.handling, "handling", _label("handling")),
        "violation_established": draft.violation_established
        if draft.violation_established is None
        else v.clean_bool(
            draft.violation_established, "violation_established", _label("violation_established")
        ),
        "retention_date": v.clean_date(
            draft.retention_date, "retention_date", _label("retention_date"), allow_future=True
        ),
        **{
            name: _told(getattr(draft, name), name, received, today)
            for name in ("receipt_told_on", "outcome_told_on")
        },
    }


def _told(
    value: dt.date | str | None, name: str, received: dt.date | None, today: dt.date | None
) -> dt.date | None:
    told = v.clean_date(value, name, _label(name), today=today)
    if told is not None and received is not None and told < received:
        raise ValidationError(name, _label(name), "ligt voor de datum waarop de melding binnenkwam")
    return told


def clean_people(drafts: Sequence[PersonDraft]) -> list[CleanPerson]:
    people = [clean_person(d, f"p{i}") for i, d in enumerate(drafts, 1)]
    keys = [p.key for p in people]
    if len(set(keys)) != len(keys):
        raise ValidationError("key", _label("key"), "komt twee keer voor in dezelfde casus")
    return people


def _chunks(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


class CaseWriter:
    """Adds validated cases within the caller's transaction, one or thousands (an import).

    It remembers the people and references it added, so its look-ups run without autoflush:
    flushing a growing session before every query made large imports quadratic. `finish()`
    flushes once and writes the audit events.
    """

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self._by_number: dict[str, Person] = {}
        self._by_email: dict[str, Person] = {}
        # References in use: those this writer added, and (after prefetch) the vault's.
        self._taken: set[str] = set()
        self._added: list[tuple[Case, list[str]]] = []
        # After prefetch(), the caches are complete for the batch: no per-person queries.
        self._prefetched = False

    def prefetch(self, batch: Sequence[tuple[dict[str, Any], Sequence[CleanPerson]]]) -> None:
        """Load, in a few queries, the people and references a batch could collide with."""
        numbers = {p.employee_number for _, people in batch for p in people if p.employee_number}
        emails = {p.email for _, people in batch for p in people if p.email}
        references = {values["reference"] for values, _ in batch if values.get("reference")}
        with self.session.no_autoflush:
            for column, keys, cache in (
                (Person.employee_number, numbers, self._by_number),
                (Person.email, emails, self._by_email),
            ):
                for chunk in _chunks(sorted(keys)):
                    for person in self.session.scalars(select(Person).where(column.in_(chunk))):
                        cache[str(getattr(person, column.key))] = person
            for chunk in _chunks(sorted(references)):
                self._taken.update(
                    self.session.scalars(select(Case.reference).where(Case.reference.in_(chunk)))
                )
        self._prefetched = True

    def add(self, values: dict[str, Any], people: Sequence[CleanPerson]) -> Case:
        values = dict(values)
        grounds = values.pop("grounds")
        session = self.session
        with session.no_autoflush:
            if values["org_unit_id"] is not None and session.get(OrgUnit, values["org_unit_id"]) is None:
                raise ValidationError("org_unit_id", _label("org_unit_id"), "bestaat niet")
            reference = values.pop("reference") or self._next_reference(values["received"])
            in_vault = not self._prefetched and (
                session.scalar(select(Case.id).where(Case.reference == reference)) is not None
            )
            if reference in self._taken or in_vault:
                raise ValidationError("reference", _label("reference"), "bestaat al in deze kluis")
            self._taken.add(reference)
            case = Case(reference=reference, **values)
            case.grounds = [CaseGround(ground=g) for g in grounds]
            case.involvements = [self.involvement(person) for person in people]
        session.add(case)
        self._added.append((case, ["reference", *values, "grounds", "people"]))
        return case

    def add_all(self, batch: Sequence[tuple[dict[str, Any], Sequence[CleanPerson]]]) -> list[Case]:
        """A whole validated batch: prefetch, add, flush once."""
        self.prefetch(batch)
        for values, people in batch:
            self.add(values, people)
        return self.finish()

    def finish(self) -> list[Case]:
        self.session.flush()
        for case, changed in self._added:
            record(self.session, self.actor, "create", "case", case.id, changed)
        cases = [case for case, _ in self._added]
        self._added.clear()
        return cases

    def involvement(self, person: CleanPerson) -> Involvement:
        return Involvement(
            key=person.key,
            role=person.role,
            function=person.function,
            salary_scale=person.salary_scale,
            notes=person.notes,
            person=self._person(person),
        )

    def _person(self, person: CleanPerson) -> Person:
        """The same person across cases is matched on employee number or e-mail address only:
        a name alone is too weak a match to merge two people's records."""
        existing = self.lookup(person)
        if existing is None:
            existing = Person(name=person.name)
            self.session.add(existing)
        existing.name = person.name
        existing.email = person.email or existing.email
        existing.phone = person.phone or existing.phone
        existing.employee_number = person.employee_number or existing.employee_number
        if existing.employee_number:
            self._by_number[existing.employee_number] = existing
        if existing.email:
            self._by_email[existing.email] = existing
        return existing

    def lookup(self, person: CleanPerson) -> Person | None:
        """Employee number first, then e-mail; from memory, and from the vault unless the
        batch was prefetched (then memory already holds every match)."""
        for key, cache, column in (
            (person.employee_number, self._by_number, Person.employee_number),
            (person.email, self._by_email, Person.email),
        ):
            if not key:
                continue
            found = cache.get(key)
            if found is None and not self._prefetched:
                with self.session.no_autoflush:
                    found = self.session.scalars(select(Person).where(column == key)).first()
            if found is not None:
                return found
        return None

    def _next_reference(self, received: dt.date) -> str:
        prefix = f"C-{received.year}-"
        count = self.session.scalar(select(func.count()).where(Case.reference.like(prefix + "%"))) or 0
        while True:
            count += 1
            reference = f"{prefix}{count:04d}"
            if reference not in self._taken and (
                self.session.scalar(select(Case.id).where(Case.reference == reference)) is None
            ):
                return reference


def _change_status(session: Session, case: Case, status: CaseStatus | str) -> bool:
    """A case's new status, by the rules every way of changing it shares; a case closed without
    a retention date gets the vault's period for its outcome. Whether it changed."""
    if case.status is CaseStatus.DESTROYED:
        raise ValidationError("status", _label("status"), "een vernietigde casus kan niet meer veranderen")
    new = v.clean_enum(CaseStatus, status, "status", _label("status"))
    if new is CaseStatus.DESTROYED:
        raise ValidationError("status", _label("status"), "vernietigen gaat met Casus vernietigen…")
    if new is case.status:
        return False
    release_rule.refuse_release_by_status(case, new)
    case.status = new
    if new is CaseStatus.CLOSED and case.retention_date is None:
        session.flush()
        case.retention_date = retention_on_close(session, case, dt.date.today())
    return True


def _people_changed(session: Session, case: Case) -> None:
    """Other people means other names to find: the review must be redone, the release goes."""
    session.execute(update(Review).where(Review.case_id == case.id).values(source_sha256=""))
    release_rule.withdraw(case)


@dataclass(frozen=True)
class PeopleChanges:
    """What the case editor did to a case's people, saved with the case's fields in one
    transaction: a refused value (a malformed e-mail address) leaves every person, and the
    case, as they were. `changed` maps an involvement to its new values."""

    changed: dict[int, PersonDraft] = field(default_factory=dict)
    removed: tuple[int, ...] = ()
    added: tuple[PersonDraft, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.added)


def _apply_people(session: Session, actor: str, case: Case, changes: PeopleChanges) -> list[int]:
    """The ids of the added involvements, in order."""
    belongs = lambda row: row.case_id == case.id  # noqa: E731
    writer = CaseWriter(session, actor)
    for involvement_id in changes.removed:
        removed = required(session, Involvement, involvement_id, belongs=belongs)
        case.involvements.remove(removed)
        session.delete(removed)
        record(session, actor, "remove_person", "case", case.id, ["people"])
    for involvement_id, draft in changes.changed.items():
        involvement = required(session, Involvement, involvement_id, belongs=belongs)
        fields_changed = _edit_person(session, writer, involvement, draft)
        if fields_changed:
            record(session, actor, "update_person", "case", case.id, fields_changed)
    session.flush()
    taken = {i.key for i in case.involvements}
    added = []
    for draft in changes.added:
        fallback = next(f"p{n}" for n in range(1, len(taken) + 2) if f"p{n}" not in taken)
        person = clean_person(draft, fallback)
        if person.key in taken:
            raise ValidationError("key", _label("key"), "komt twee keer voor in dezelfde casus")
        taken.add(person.key)
        involvement = writer.involvement(person)
        case.involvements.append(involvement)
        session.flush()
        added.append(involvement.id)
        record(session, actor, "add_person", "case", case.id, [f.name for f in fields(PersonDraft)])
    if changes:
        _people_changed(session, case)
    return added


_IDENTITY = ("name", "email", "phone", "employee_number")
_PART = ("role", "function", "salary_scale")


def _edit_person(
    session: Session, writer: CaseWriter, involvement: Involvement, draft: PersonDraft
) -> list[str]:
    """A person corrected in place. Their key in the case stays (so "Melder A" stays Melder
    A) and so do the notes the editor does not show. A changed name or contact detail is the
    person's own, in every case they are in: each of those cases must be reviewed again. A
    number or address that belongs to someone already registered links the case to them."""
    clean = clean_person(draft, involvement.key)
    changed = [name for name in _PART if getattr(involvement, name) != getattr(clean, name)]
    for name in changed:
        setattr(involvement, name, getattr(clean, name))
    person = involvement.person
    identity = [name for name in _IDENTITY if getattr(person, name) != getattr(clean, name)]
    if not identity:
        return changed
    match = writer.lookup(clean)
    if match is not None and match is not person:
        # The old record stays, as a removed person's does: its name, perhaps still in a
        # text, is one the gate keeps refusing.
        involvement.person = person = match
    for name in _IDENTITY:
        setattr(person, name, getattr(clean, name))
    for other in person.involvements:
        if other.case_id != involvement.case_id:
            _people_changed(session, other.case)
    return changed + identity


def _unit_labels(session: Session) -> dict[int, str]:
    """Every unit's label by id. A team's name alone is ambiguous ("Team Handhaving" is in
    every stadsdeel), so a team is shown with its directie: "Stadsdeel Oost › Team Handhaving"."""
    rows = session.execute(select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.parent_id))
    units = {unit_id: (name, kind, parent) for unit_id, name, kind, parent in rows}
    labels = {}
    for unit_id, (name, kind, parent) in units.items():
        above = units.get(parent) if parent is not None else None
        is_team = kind in (OrgUnitKind.TEAM, OrgUnitKind.DEPARTMENT)
        labels[unit_id] = f"{above[0]} › {name}" if is_team and above else name
    return labels


def _by_value(kind: type[E]) -> dict[str, E]:
    return {member.value: member for member in kind}


class CaseService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def create(self, draft: CaseDraft) -> int:
        values = clean_case(draft)
        people = clean_people(draft.people)
        with self.vault.session() as session:
            writer = CaseWriter(session, self.vault.actor)
            writer.add(values, people)
            return writer.finish()[0].id

    def create_all(self, drafts: Iterable[CaseDraft]) -> int:
        """Many cases in one transaction (all or none); returns how many."""
        batch = [(clean_case(draft), clean_people(draft.people)) for draft in drafts]
        with self.vault.session() as session:
            CaseWriter(session, self.vault.actor).add_all(batch)
        return len(batch)

    def get(self, case_id: int) -> CaseView:
        """The case with its people, grounds, interventions and advice, as values."""
        with self.vault.session() as session:
            case = session.scalars(
                select(Case)
                .where(Case.id == case_id)
                .options(
                    selectinload(Case.grounds),
                    selectinload(Case.involvements).selectinload(Involvement.person),
                    selectinload(Case.interventions),
                    selectinload(Case.repair_advice),
                )
            ).first()
            if case is None:
                raise NotFoundError()
            return case_view(case)

    def summaries(self, status: CaseStatus | None = None) -> list[CaseSummary]:
        """Newest first. The window lists 50,000 cases at unlock, and ORM rows, joins and
        per-value type processing took a second of that; so the columns come from the case
        list's covering index (migration 0008) as the driver's tuples, the few units' labels
        are looked up apart, and enumerations and dates are made from their stored text."""
        cases = Case.__table__.c
        query = select(
            cases.id,
            cases.reference,
            type_coerce(cases.received, String),
            type_coerce(cases.channel, String),
            type_coerce(cases.category, String),
            type_coerce(cases.status, String),
            cases.org_unit_id,
        ).order_by(cases.received.desc(), cases.id.desc())
        if status is not None:
            query = query.where(cases.status == status.value)
        channels, categories = _by_value(Channel), _by_value(BehaviourCategory)
        statuses, from_text = _by_value(CaseStatus), dt.date.fromisoformat
        with self.vault.session() as session, collector_paused():
            units = _unit_labels(session)
            return [
                CaseSummary(case_id, reference, from_text(received), channels[channel], categories[category],
                            statuses[case_status], units.get(unit))
                for case_id, reference, received, channel, category, case_status, unit
                in plain_rows(session, query)
            ]  # fmt: skip

    def find(self, reference: str) -> int:
        """The internal id of the case with this reference (NotFoundError when there is none)."""
        with self.vault.session() as session:
            case_id = session.scalar(select(Case.id).where(Case.reference == reference.strip()))
        if case_id is None:
            raise NotFoundError()
        return case_id

    def count(self) -> int:
        with self.vault.session() as session:
            return session.scalar(select(func.count()).select_from(Case)) or 0

    def update(self, case_id: int, draft: CaseDraft, people: PeopleChanges | None = None) -> list[int]:
        """Replace the case's report fields and make the editor's `people` changes (not
        `draft.people`), all or nothing; withdraws a release when the content the meeting
        would see changed. Returns the ids of the involvements added."""
        values = clean_case(draft)
        grounds = values.pop("grounds")
        reference = values.pop("reference")
        with self.vault.session() as session:
            case = required(session, Case, case_id)
            if values["org_unit_id"] is not None and session.get(OrgUnit, values["org_unit_id"]) is None:
                raise ValidationError("org_unit_id", _label("org_unit_id"), "bestaat niet")
            changed = apply_changes(case, values)
            if sorted(grounds) != sorted(case.ground_values):
                case.grounds = [CaseGround(ground=g) for g in grounds]
                changed.append("grounds")
            if reference and reference != case.reference:
                if session.scalar(select(Case.id).where(Case.reference == reference)) is not None:
                    raise ValidationError("reference", _label("reference"), "bestaat al in deze kluis")
                case.reference = reference
                changed.append("reference")
            if release_rule.withdraw_if_changed(case, changed):
                changed.append("status")
            if draft.status is not None and _change_status(session, case, draft.status):
                changed.append("status")
            if changed:
                record(session, self.vault.actor, "update", "case", case_id, changed)
            return _apply_people(session, self.vault.actor, case, people) if people else []

    def set_status(self, case_id: int, status: CaseStatus) -> None:
        with self.vault.session() as session:
            case = required(session, Case, case_id)
            if _change_status(session, case, status):
                record(session, self.vault.actor, "status", "case", case_id, ["status"])

    def add_person(self, case_id: int, draft: PersonDraft) -> int:
        return self.change_people(case_id, PeopleChanges(added=(draft,)))[0]

    def update_person(self, case_id: int, involvement_id: int, draft: PersonDraft) -> None:
        self.change_people(case_id, PeopleChanges(changed={involvement_id: draft}))

    def remove_person(self, case_id: int, involvement_id: int) -> None:
        self.change_people(case_id, PeopleChanges(removed=(involvement_id,)))

    def change_people(self, case_id: int, changes: PeopleChanges) -> list[int]:
        with self.vault.session() as session:
            case = required(session, Case, case_id)
            return _apply_people(session, self.vault.actor, case, changes)

    def destroy(self, case_id: int, passphrase: str) -> BackupsErased:
        """Destroys a case for good at the end of its retention period: its content goes from
        the vault and from every backup (casus.vault.erasure); what the figures of earlier
        periods count stays. Asks for the passphrase; a destroyed case cannot be destroyed
        twice, nor changed after."""
        with self.vault.session() as session:
            case = required(session, Case, case_id)
            if case.status is CaseStatus.DESTROYED:
                raise ValidationError("status", "Status", "deze casus is al vernietigd")
        return self.vault.erase_case(case_id, passphrase)
