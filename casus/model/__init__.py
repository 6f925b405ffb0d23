"""The domain model: typed ORM entities and the enumerations of the glossary."""

from casus.model.entities import (
    Action,
    AgendaItem,
    AuditEvent,
    Base,
    Case,
    CaseGround,
    Intervention,
    Involvement,
    Meeting,
    MeetingAttendance,
    OrgUnit,
    Person,
    RepairAdvice,
    Review,
    ReviewSpan,
)

__all__ = [
    "Action",
    "AgendaItem",
    "AuditEvent",
    "Base",
    "Case",
    "CaseGround",
    "Intervention",
    "Involvement",
    "Meeting",
    "MeetingAttendance",
    "OrgUnit",
    "Person",
    "RepairAdvice",
    "Review",
    "ReviewSpan",
]
