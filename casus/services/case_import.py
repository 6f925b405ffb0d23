"""Storing an import: every parsed case in one transaction, or none.

The file is read and every line checked before this runs (casus.importing); here the units a
case names are found or made and the cases written. A case the vault refuses (a unit path that
cannot be made) rejects the whole file with its line number; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus.errors import ImportRejectedError, ValidationError
from casus.services.audit import record
from casus.services.cases import CaseWriter, CleanPerson
from casus.services.org_units import ensure_unit_path

if TYPE_CHECKING:
    from casus.vault import Vault


@dataclass(frozen=True)
class ParsedCase:
    line: int
    values: dict[str, Any]
    people: list[CleanPerson]
    org_unit: dict[str, str | None]


class CaseImportService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def store(self, cases: Sequence[ParsedCase]) -> int:
        with self.vault.session() as session:
            writer = CaseWriter(session, self.vault.actor)
            writer.prefetch([(case.values, case.people) for case in cases])
            for case in cases:
                try:
                    unit_id = ensure_unit_path(
                        session,
                        self.vault.actor,
                        case.org_unit["cluster"],
                        case.org_unit["directie"],
                        case.org_unit["abbreviation"],
                        case.org_unit["team"],
                    )
                    writer.add({**case.values, "org_unit_id": unit_id}, case.people)
                except ValidationError as error:
                    raise ImportRejectedError(case.line, str(error)) from None
            writer.finish()
            record(session, self.vault.actor, "import", "case", None, ["count"])
        return len(cases)
