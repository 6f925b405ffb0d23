"""The one way a service looks a row up by its key: found, or NotFoundError.

NotFoundError names no value (a key may be all an attacker lacks to learn a row exists), and a
row that exists but is not the caller's (an involvement of another case, a destroyed case) is
not found either: `belongs` says which rows count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from casus.errors import NotFoundError

Row = TypeVar("Row")


def required(
    session: Session, model: type[Row], key: int, belongs: Callable[[Row], bool] | None = None
) -> Row:
    row = session.get(model, key)
    if row is None or (belongs is not None and not belongs(row)):
        raise NotFoundError()
    return row
