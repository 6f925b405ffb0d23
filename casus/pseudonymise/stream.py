"""`casus pseudonymise`: JSON Lines in, JSON Lines out, one deduce for the whole stream."""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from typing import TextIO

from casus.errors import CasusError
from casus.identify.catalogue import default_units
from casus.pseudonymise.contract import ContractError, case_from_line, own_unit, result_to_line
from casus.pseudonymise.engine import Pseudonymiser
from casus.pseudonymise.replacement import UnitCodeBook
from casus.vocabulary.enums import UnitGeneralisation


def pseudonymise_stream(
    source: TextIO,
    target: TextIO,
    generalisation: UnitGeneralisation = UnitGeneralisation.CODE,
    engine: Pseudonymiser | None = None,
    code_key: bytes | None = None,
) -> int:
    """Returns the number of cases written. A bad line stops the stream with its number.

    Unit codes use a fresh random key per run unless one is given: a code must mean
    nothing to whoever runs the same command on other texts.
    """
    engine = engine or Pseudonymiser(default_units())
    codes = UnitCodeBook(code_key or secrets.token_bytes(32))
    count = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            case, data = case_from_line(line)
            unit_id, added = own_unit(data, list(engine.units.values()))
        except ContractError as error:
            raise CasusError(f"Regel {number}: {error}.") from None
        engine.add_units(added)
        result = engine.pseudonymise(replace(case, unit_id=unit_id), codes, generalisation)
        target.write(json.dumps(result_to_line(result), ensure_ascii=False) + "\n")
        target.flush()
        count += 1
    return count
