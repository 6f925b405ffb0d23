"""What the engine needs to know about a case: its people, its unit and its texts.

Plain frozen data, built from the vault (services.review) or from a JSON line
(`casus pseudonymise`), so that the engine itself never touches a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.vocabulary.enums import OrgUnitKind, Party, Role

TEXT_FIELDS = ("narrative", "question", "advice")


@dataclass(frozen=True)
class RegisteredPerson:
    key: str
    role: Role
    name: str
    email: str | None = None
    phone: str | None = None
    employee_number: str | None = None
    function: str | None = None
    salary_scale: int | None = None


@dataclass(frozen=True)
class KnownUnit:
    """One organisation unit as the detector and the generaliser see it.

    `cluster` and `directie` name the unit's ancestors (None for a cluster itself), so
    that a team can be generalised to its directie's code or its cluster.
    """

    id: str
    kind: OrgUnitKind
    name: str
    abbreviations: tuple[str, ...] = ()
    alternative_names: tuple[str, ...] = ()
    directie_id: str | None = None
    cluster_name: str | None = None
    headcount: int | None = None
    meeting_party: Party | None = None


@dataclass(frozen=True)
class CaseInput:
    """One case to pseudonymise. `texts` maps a field name to its text (may be empty)."""

    case_id: str
    persons: tuple[RegisteredPerson, ...]
    texts: dict[str, str]
    unit_id: str | None = None
    owner_party: Party | None = None
    extra: dict[str, str] = field(default_factory=dict)
