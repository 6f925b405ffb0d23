"""A meeting's unit codes, kept in the vault from the first time the meeting shows them.

The letters come from the meeting's key (replacement.UnitCodeBook); which letter wins a
collision and which number a team gets depend on the order units are met. The meeting screen
renders its agenda when it opens and each case added later on its own, meeting mode and the
minutes render the whole agenda: without a record they could disagree ("directie U" on the
screen, "directie W" in the minutes). Every rendering therefore opens a book with the codes
already given and keeps the ones it adds, so a code, once shown, is the meeting's.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import select

from casus.model import Meeting, MeetingUnitCode
from casus.pseudonymise.replacement import UnitCode, UnitCodeBook
from casus.services.lookup import required

if TYPE_CHECKING:
    from casus.vault import Vault


class MeetingCodes:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def book(self, meeting_id: int) -> UnitCodeBook:
        """The meeting's book, opened with every code it has shown."""
        with self.vault.session() as session:
            meeting = required(session, Meeting, meeting_id)
            if meeting.code_key is None:  # a meeting from before the key existed
                meeting.code_key = secrets.token_bytes(32)
            kept = [UnitCode(row.unit_key, row.team_key, row.code) for row in meeting.unit_codes]
            return UnitCodeBook(meeting.code_key, kept)

    def keep(self, meeting_id: int, book: UnitCodeBook) -> None:
        """Store what `book` gave out. A code another book stored first stays: the first
        one shown is the meeting's."""
        given = book.given()
        if not given:
            return
        with self.vault.session() as session:
            rows = select(MeetingUnitCode.unit_key, MeetingUnitCode.team_key).where(
                MeetingUnitCode.meeting_id == meeting_id
            )
            stored = {(unit, team) for unit, team in session.execute(rows)}
            for code in given:
                if (code.unit, code.team) not in stored:
                    stored.add((code.unit, code.team))
                    session.add(MeetingUnitCode(meeting_id=meeting_id, unit_key=code.unit,
                                                team_key=code.team, code=code.code))  # fmt: skip

    @contextmanager
    def coding(self, meeting_id: int) -> Iterator[UnitCodeBook]:
        """A book for one rendering; what it gave out is kept when the rendering succeeds."""
        book = self.book(meeting_id)
        yield book
        self.keep(meeting_id, book)
