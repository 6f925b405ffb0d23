"""The domain model: typed ORM entities (the enumerations they use are casus.vocabulary).

The entities load on first use: the pseudonymiser and `casus pseudonymise` need only the
enumerations (casus.vocabulary.enums), and SQLAlchemy's import is a third of their cold start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casus.model.entities import (
        Action,
        AgendaItem,
        AuditEvent,
        Base,
        Case,
        CaseCard,
        CaseGround,
        Destruction,
        FiguresCard,
        FollowUp,
        IdentifierIndex,
        Intervention,
        Involvement,
        KnownParty,
        Meeting,
        MeetingAdvice,
        MeetingAttendance,
        MeetingUnitCode,
        NoNameWord,
        OrgUnit,
        OwnParty,
        Person,
        ReceivedCard,
        RepairAdvice,
        Review,
        ReviewSpan,
        VaultSetting,
    )

__all__ = [
    "Action",
    "AgendaItem",
    "AuditEvent",
    "Base",
    "Case",
    "CaseCard",
    "CaseGround",
    "Destruction",
    "FiguresCard",
    "FollowUp",
    "IdentifierIndex",
    "Intervention",
    "Involvement",
    "KnownParty",
    "Meeting",
    "MeetingAdvice",
    "MeetingAttendance",
    "MeetingUnitCode",
    "NoNameWord",
    "OrgUnit",
    "OwnParty",
    "Person",
    "ReceivedCard",
    "RepairAdvice",
    "Review",
    "ReviewSpan",
    "VaultSetting",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from casus.model import entities

        return getattr(entities, name)
    raise AttributeError(name)
