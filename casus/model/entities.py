"""The vault's tables as SQLAlchemy 2.x typed mappings (DESIGN.md, "Data model").

Enumerations are stored by their code value as short strings (not native enums), so that adding a
value is a code change plus, at most, a data migration. Datetimes are naive UTC. Every table is
created by Alembic migrations (casus/migrations), never by `create_all`, so that a vault made by
any released version upgrades along one tested path.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum as PyEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from casus.vocabulary.enums import (
    ActionStatus,
    BehaviourCategory,
    CaseStatus,
    Channel,
    Ground,
    Handling,
    InterventionStatus,
    InterventionType,
    OrgUnitKind,
    Party,
    RepairStatus,
    RepairType,
    ReviewDecision,
    Role,
    SpanKind,
    UnitGeneralisation,
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def enum_column(enum: type[PyEnum], length: int = 40) -> Enum:
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Channel: enum_column(Channel),
        Party: enum_column(Party),
        CaseStatus: enum_column(CaseStatus),
        BehaviourCategory: enum_column(BehaviourCategory),
        Ground: enum_column(Ground),
        Handling: enum_column(Handling),
        Role: enum_column(Role),
        OrgUnitKind: enum_column(OrgUnitKind),
        InterventionType: enum_column(InterventionType),
        InterventionStatus: enum_column(InterventionStatus),
        RepairType: enum_column(RepairType),
        RepairStatus: enum_column(RepairStatus),
        ActionStatus: enum_column(ActionStatus),
        ReviewDecision: enum_column(ReviewDecision),
        UnitGeneralisation: enum_column(UnitGeneralisation),
        list[str]: JSON,
        dt.date: Date,
        dt.datetime: DateTime,
    }


class OrgUnit(Base):
    """A cluster, directie (stadsdelen are directies), department or team."""

    __tablename__ = "org_unit"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_org_unit_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrgUnitKind]
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True)
    abbreviations: Mapped[list[str]] = mapped_column(default=list)
    alternative_names: Mapped[list[str]] = mapped_column(default=list)
    # Approximate; a small unit makes a case more traceable.
    headcount: Mapped[int | None]
    # The meeting party that sits in this unit: its cases are flagged before release.
    meeting_party: Mapped[Party | None]

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(back_populates="parent")


class Person(Base):
    """A person as registered; one person can be involved in several cases."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    employee_number: Mapped[str | None] = mapped_column(String(40), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    involvements: Mapped[list[Involvement]] = relationship(back_populates="person")


class Case(Base):
    """A report (melding) and everything recorded about it."""

    __tablename__ = "case_file"
    # The case list reads this index alone, newest first (migration 0008).
    __table_args__ = (
        Index(
            "ix_case_file_list", "received", "id", "reference", "channel", "category", "status", "org_unit_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Internal only: never shown to the meeting or exported.
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    channel: Mapped[Channel]
    received: Mapped[dt.date]
    incident_date: Mapped[dt.date | None]
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[BehaviourCategory]
    status: Mapped[CaseStatus] = mapped_column(default=CaseStatus.NEW, index=True)
    org_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    facts: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    prior_advice: Mapped[str] = mapped_column(Text, default="")
    owner_party: Mapped[Party | None]
    handling: Mapped[Handling | None]
    violation_established: Mapped[bool | None]
    retention_date: Mapped[dt.date | None] = mapped_column(index=True)
    # Terugkoppeling: when the melder was told the report was received, and of its outcome.
    receipt_told_on: Mapped[dt.date | None]
    outcome_told_on: Mapped[dt.date | None]
    # How the meeting sees the unit; the case owner chooses it when preparing the release.
    unit_generalisation: Mapped[UnitGeneralisation] = mapped_column(
        default=UnitGeneralisation.CODE, server_default=UnitGeneralisation.CODE.value
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    org_unit: Mapped[OrgUnit | None] = relationship()
    grounds: Mapped[list[CaseGround]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseGround.ground"
    )
    involvements: Mapped[list[Involvement]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Involvement.id"
    )
    interventions: Mapped[list[Intervention]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Intervention.id"
    )
    repair_advice: Mapped[list[RepairAdvice]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="RepairAdvice.id"
    )

    @property
    def ground_values(self) -> list[Ground]:
        return [g.ground for g in self.grounds]


class CaseGround(Base):
    __tablename__ = "case_ground"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    ground: Mapped[Ground] = mapped_column(primary_key=True)

    case: Mapped[Case] = relationship(back_populates="grounds")


class Involvement(Base):
    """A person's part in one case (betrokkene): role, function, scale at the time."""

    __tablename__ = "involvement"
    __table_args__ = (UniqueConstraint("case_id", "key", name="uq_involvement_case_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    # Short key within the case ("p1"), stable across edits; the pseudonymiser resolves to it.
    key: Mapped[str] = mapped_column(String(20))
    role: Mapped[Role]
    function: Mapped[str | None] = mapped_column(String(200))
    salary_scale: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="involvements")
    person: Mapped[Person] = relationship(back_populates="involvements")


class Intervention(Base):
    """A measure the employer took (maatregel)."""

    __tablename__ = "intervention"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    type: Mapped[InterventionType]
    decided_on: Mapped[dt.date | None]
    deciding_role: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[InterventionStatus] = mapped_column(default=InterventionStatus.PLANNED)
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="interventions")


class RepairAdvice(Base):
    """Heling-en-herstel advice."""

    __tablename__ = "repair_advice"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    type: Mapped[RepairType]
    addressed_to: Mapped[Role]
    rationale: Mapped[str] = mapped_column(Text, default="")
    follow_up_date: Mapped[dt.date | None]
    status: Mapped[RepairStatus] = mapped_column(default=RepairStatus.ISSUED)

    case: Mapped[Case] = relationship(back_populates="repair_advice")


class Meeting(Base):
    """One casuïstiekoverleg."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(unique=True)
    learning_points: Mapped[str] = mapped_column(Text, default="")
    # The key of this meeting's unit codes (HMAC): never shown, never exported.
    code_key: Mapped[bytes | None] = mapped_column(LargeBinary)

    attendance: Mapped[list[MeetingAttendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        foreign_keys="Action.meeting_id",
        order_by="Action.id",
    )
    no_name_words: Mapped[list[NoNameWord]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    unit_codes: Mapped[list[MeetingUnitCode]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class NoNameWord(Base):
    """A word the secretary marked "geen naam" in this meeting's notes: the second line no
    longer asks about it there. Registered and pattern-shaped identifiers refuse regardless."""

    __tablename__ = "meeting_no_name_word"
    __table_args__ = (UniqueConstraint("meeting_id", "word", name="uq_no_name_meeting_word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    word: Mapped[str] = mapped_column(String(200))  # folded (casus.identify.folding.fold)

    meeting: Mapped[Meeting] = relationship(back_populates="no_name_words")


class MeetingUnitCode(Base):
    """A unit's code in one meeting, kept from the first time the meeting shows it.

    A code is drawn from the meeting's key, but which letter a unit gets when two collide and
    which number a team gets depend on the order units are first met: kept here, the meeting
    screen, meeting mode and the minutes show "directie K" and "team K2" alike, whatever order
    they render in and whenever a case joins the agenda. `team_key` is empty for the
    directie's own letter(s); for a team, `code` is its number within the directie.
    """

    __tablename__ = "meeting_unit_code"
    __table_args__ = (UniqueConstraint("meeting_id", "unit_key", "team_key", name="uq_meeting_unit_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    # An org unit's id, or "?" and the folded name of a unit no one registered.
    unit_key: Mapped[str] = mapped_column(String(300))
    team_key: Mapped[str] = mapped_column(String(300), default="")
    code: Mapped[str] = mapped_column(String(8))

    meeting: Mapped[Meeting] = relationship(back_populates="unit_codes")


class MeetingAttendance(Base):
    """A party present (organisations, never names)."""

    __tablename__ = "meeting_attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    party: Mapped[Party] = mapped_column(primary_key=True)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class AgendaItem(Base):
    """A case on the agenda: one of the vault's own released cases, or a case card another
    party brought (issue 14); exactly one of the two."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "case_id", name="uq_agenda_meeting_case"),
        UniqueConstraint("meeting_id", "received_card_id", name="uq_agenda_meeting_card"),
        CheckConstraint("(case_id IS NULL) <> (received_card_id IS NULL)", name="ck_agenda_case_or_card"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id", ondelete="RESTRICT"), index=True)
    received_card_id: Mapped[int | None] = mapped_column(
        ForeignKey("received_card.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int]
    discussion: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    agreements: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    case: Mapped[Case | None] = relationship()
    received_card: Mapped[ReceivedCard | None] = relationship()


class Action(Base):
    """An agreed action on the action list; open ones carry over to the next meeting."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(Text)
    owner_party: Mapped[Party]
    due_date: Mapped[dt.date | None]
    status: Mapped[ActionStatus] = mapped_column(default=ActionStatus.OPEN)
    carried_over_from_id: Mapped[int | None] = mapped_column(ForeignKey("action.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="actions", foreign_keys=[meeting_id])


class Review(Base):
    """The reviewed pseudonymisation of one text field of a case, tied to a hash of the text.

    When the text changes, its hash no longer matches and the release is withdrawn.
    """

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("case_id", "field", name="uq_review_case_field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    source_sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    spans: Mapped[list[ReviewSpan]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewSpan.start"
    )


class ReviewSpan(Base):
    __tablename__ = "review_span"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    kind: Mapped[SpanKind] = mapped_column(enum_column(SpanKind, length=20))
    ref: Mapped[str] = mapped_column(String(20))
    decision: Mapped[ReviewDecision]
    # What the replacement needs (a date's month and year, a unit's id, a number's sort);
    # never text from the case.
    detail: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # The Woo ground the owner chose for this span (casus.vocabulary.woo); None: by its kind.
    woo_ground: Mapped[str | None] = mapped_column(String(12))

    review: Mapped[Review] = relationship(back_populates="spans")


class AuditEvent(Base):
    """Who did what, when: inside the vault only, never exported.

    `fields` names what changed, not the values, so the log itself adds no copy of an identity.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(index=True)
    fields: Mapped[list[str]] = mapped_column(default=list)


class IdentifierIndex(Base):
    """The vault-wide gate's indices (casus.identify.stored_index), kept so that an export
    need not rebuild them from every person row.

    One row. Triggers (migration 0005) raise `generation` on every change to a person or a
    case's reference or incident date; `payload` holds the indices built at
    `built_generation` by the code named by `fingerprint`, valid while both still match.
    """

    __tablename__ = "identifier_index"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(default=0)
    built_generation: Mapped[int | None]
    fingerprint: Mapped[str] = mapped_column(String(64), default="", server_default="")
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)


class OwnParty(Base):
    """The party this vault belongs to and its own keys (one row). The private keys are kept
    here only, under the vault's encryption; a key card carries the public halves."""

    __tablename__ = "own_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[Party | None]  # one of the four meeting parties, or None for another organisation
    age_identity: Mapped[str] = mapped_column(Text)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class KnownParty(Base):
    """Another party's key card, registered once its fingerprint was confirmed. A revoked or
    replaced card stays, with the moment it stopped counting, so that what it signed before
    can still be told apart."""

    __tablename__ = "known_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    registered_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[dt.datetime | None]


class CaseCard(Base):
    """A case card this vault made: the card id stands for the case here only (a card never
    carries the case's reference), so advice that comes back finds its case."""

    __tablename__ = "case_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[str] = mapped_column(String(40), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    to_party: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # The advice card that came back for it (its id, so the same card is not read twice).
    advice_id: Mapped[str | None] = mapped_column(String(40), unique=True)


class ReceivedCard(Base):
    """A case card another party brought to this vault's meeting: the meeting view only, as
    its owner's gate passed it and this vault's gate checked it again. The card id is all
    this vault knows of the case; the owner alone knows which case it stands for."""

    __tablename__ = "received_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[str] = mapped_column(String(40), unique=True)
    from_party: Mapped[str] = mapped_column(String(200))
    # The key that signed it: advice goes back to the party whose card this was.
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the card's signed JSON payload
    received_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    advised_at: Mapped[dt.datetime | None]  # when its advice card was made


class MeetingAdvice(Base):
    """What the meeting said of one of this vault's cases, from an advice card: the owner's
    record that the case was discussed, and on which date."""

    __tablename__ = "meeting_advice"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    from_party: Mapped[str] = mapped_column(String(200))
    discussed_on: Mapped[dt.date]
    discussion: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    agreements: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="advice", cascade="all, delete-orphan", order_by="FollowUp.id"
    )


class FollowUp(Base):
    """An action the meeting agreed on a case, as the case's owner follows it up."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    advice_id: Mapped[int] = mapped_column(ForeignKey("meeting_advice.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[dt.date | None]
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    advice: Mapped[MeetingAdvice] = relationship(back_populates="follow_ups")


class FiguresCard(Base):
    """Another party's report figures for a period, from a figures card: counts only, combined
    with this vault's own when the report is made and suppressed once, on the sum."""

    __tablename__ = "figures_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[str] = mapped_column(String(40), unique=True)
    from_party: Mapped[str] = mapped_column(String(200), index=True)
    first_day: Mapped[dt.date]
    last_day: Mapped[dt.date]
    figures: Mapped[bytes] = mapped_column(LargeBinary)  # the card's signed JSON payload
    received_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class VaultSetting(Base):
    """A setting of this vault that its owner chooses (retention periods, feedback terms):
    by name, a whole number; the defaults live in the service that reads them."""

    __tablename__ = "vault_setting"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int]


class Destruction(Base):
    """That a case was destroyed, and when: the case's internal id only, so a restore of an
    older backup can destroy it again. No reference, no content."""

    __tablename__ = "destruction"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(index=True)  # no foreign key: the ledger outlives the row
    destroyed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
