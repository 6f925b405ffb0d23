"""Pseudonymisation: every person and unit in a case replaced before the meeting sees it.

Detectors (registry, orgs, patterns, locations, deduce) propose spans; resolution makes
them disjoint; the replacer writes role pseudonyms, unit codes and generalisations.
"""

from casus.identify.case_input import CaseInput, KnownUnit, RegisteredPerson
from casus.identify.spans import Span, SpanKind
from casus.pseudonymise.engine import CaseResult, FieldResult, Pseudonymiser, ReplacedSpan
from casus.pseudonymise.replacement import UnitCodeBook
from casus.vocabulary.enums import UnitGeneralisation

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
