"""Pseudonymisation: every person and unit in a case replaced before the meeting sees it.

Detectors (registry, orgs, patterns, locations, deduce) propose spans; resolution makes
them disjoint; the replacer writes role pseudonyms, unit codes and generalisations.
"""

from casus.model.enums import UnitGeneralisation
from casus.pseudonymise.case_input import CaseInput, KnownUnit, RegisteredPerson
from casus.pseudonymise.engine import CaseResult, FieldResult, Pseudonymiser, ReplacedSpan
from casus.pseudonymise.replacement import UnitCodeBook
from casus.pseudonymise.spans import Span, SpanKind

__all__ = [
    "CaseInput",
    "CaseResult",
    "FieldResult",
    "KnownUnit",
    "Pseudonymiser",
    "RegisteredPerson",
    "ReplacedSpan",
    "Span",
    "SpanKind",
    "UnitCodeBook",
    "UnitGeneralisation",
]
