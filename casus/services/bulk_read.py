"""Reading and building tens of thousands of rows at once: the case list at unlock.

Two costs dominated once the query itself was fast (50,000 cases):
- SQLAlchemy's result rows cost more than the query (0.13 s against 0.055 s), so the
  statement, still built and compiled by SQLAlchemy and run on the session's own connection
  and transaction, hands back the driver's tuples;
- the cyclic garbage collector ran over and over while the rows were made (they are tuples,
  strings and dates, which hold no cycles), doubling the time; it is paused while they are
  (casus.collector).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from casus.collector import collector_paused


def plain_rows(session: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    compiled = query.compile(dialect=session.get_bind().dialect)
    parameters = [compiled.params[name] for name in compiled.positiontup or ()]
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with collector_paused():
        rows: list[tuple[Any, ...]] = driver.execute(str(compiled), parameters).fetchall()
    return rows
