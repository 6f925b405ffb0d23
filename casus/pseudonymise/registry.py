"""Detector for the case's own registry: its people in every form, and their contact details.

Names are found by the identifier engine's matcher (casus.identify.matcher), the same one the
disclosure gate uses; this detector adds what only a case knows: the nicknames and former
names its own texts introduce, and its people's e-mail, phone and employee number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casus.identify.case_input import RegisteredPerson
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import is_common_word
from casus.identify.matcher import NameMatcher
from casus.identify.numbers import digits_key, phone_key
from casus.identify.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.identify.tokens import Token, tokenise
from casus.model.enums import Role

_PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|00)?[\d(][\d\s().\-/]{6,}\d(?!\d)")
_APPOSITION = re.compile(
    r"""^\s*\((?:[^()\n]{0,40}?(?:hierna:?\s*|['‘’"“”]))?([A-ZÀ-Ý][\w.]*?)[.]?['‘’"“”]?(?:\s[^()\n]{0,30})?\)"""
)


_FORMER_NAME = re.compile(
    r"(?i:\b(?:haar|zijn|hun|mijn|de|het)\s+(?:oude|vorige|eerdere|voormalige|oorspronkelijke|dode|"
    r"geboorte|oude\s+voor)\s*naam)[,:]?\s*(?:\(|['‘’\"“”])?([A-ZÀ-Ý][\w\-]+)"
)


class RegistryDetector:
    """Finds the registered people of one case in its texts."""

    name = "registry"

    def __init__(self, persons: Sequence[RegisteredPerson]) -> None:
        self.persons = {p.key: p for p in persons}
        self.names = NameMatcher(persons)
        self.forms = self.names.forms

    def find_names(self, folded: FoldedText, tokens: list[Token] | None = None) -> list[Span]:
        return self.names.find_names(folded, tokens)

    def learn_aliases(self, texts: Sequence[str], spans_per_text: Sequence[Sequence[Span]]) -> bool:
        """Nicknames a text introduces right after a name: "Olusegun Adeyemi ('Segun')",
        "Małgorzata Dąbrowska (door collega's 'Gosia' genoemd)", "(hierna: M.S.)"."""
        learnt = self._learn_former_names(texts)
        for text, spans in zip(texts, spans_per_text, strict=True):
            for span in spans:
                if span.kind is not SpanKind.PERSON or span.ref not in self.forms:
                    continue
                match = _APPOSITION.match(text[span.end : span.end + 80])
                if not match:
                    continue
                alias = fold(match.group(1)).replace(".", "")
                initials = (
                    alias == self.forms[span.ref].initials and match.group(1).replace(".", "").isupper()
                )
                if (
                    (len(alias) >= 3 or initials)
                    and not is_common_word(alias)
                    and not self.names.knows(alias)
                ):
                    self.names.add_alias(span.ref, alias)
                    learnt = True
        return learnt

    def _learn_former_names(self, texts: Sequence[str]) -> bool:
        """ "haar oude naam, 'Kevin'": a former name (a deadname) identifies as surely as
        the name in use. It belongs to the reporter, whose case this is."""
        reporters = [key for key, person in self.persons.items() if person.role is Role.REPORTER]
        if len(reporters) != 1:
            return False
        learnt = False
        for text in texts:
            for match in _FORMER_NAME.finditer(text):
                alias = fold(match.group(1))
                if len(alias) >= 2 and not is_common_word(alias) and not self.names.knows(alias):
                    self.names.add_alias(reporters[0], alias)
                    learnt = True
        return learnt

    # -- contact details and numbers -----------------------------------------------------------

    def find_contact_details(self, text: str) -> list[Span]:
        spans: list[Span] = []
        lowered = text.casefold()
        for key, person in self.persons.items():
            if person.email:
                needle = person.email.casefold()
                for found in re.finditer(r"(?<![\w.+-])" + re.escape(needle) + r"(?![\w-])", lowered):
                    spans.append(
                        Span(found.start(), found.end(), SpanKind.EMAIL, key, PRIORITY_REGISTRY, self.name)
                    )
            if person.employee_number and digits_key(person.employee_number):
                number = re.escape(person.employee_number.strip())
                # Not inside a longer number ("020-1234567" holds no employee number 1234567).
                for found in re.finditer(r"(?<![\w\-/.])" + number + r"(?![\w\-/]|[.,]\d)", text):
                    spans.append(
                        Span(
                            found.start(),
                            found.end(),
                            SpanKind.ID,
                            key,
                            PRIORITY_REGISTRY,
                            self.name,
                            "employee",
                        )
                    )
        phones = {
            phone_key(p.phone): key
            for key, p in self.persons.items()
            if p.phone and len(phone_key(p.phone)) >= 6
        }
        if phones:
            for found in _PHONE_LIKE.finditer(text):
                raw = found.group().rstrip(" -./(")
                owner = phones.get(phone_key(raw))
                if owner:
                    spans.append(
                        Span(
                            found.start(),
                            found.start() + len(raw),
                            SpanKind.PHONE,
                            owner,
                            PRIORITY_REGISTRY,
                            self.name,
                        )
                    )
        return spans

    def owner_of_account(self, surface: str) -> str | None:
        """The person an e-mail address, handle or URL is named after ("@denniskok_88")."""
        folded = fold(surface)
        for key, person in self.persons.items():
            if person.email and person.email.casefold() == surface.casefold():
                return key
            if person.phone and phone_key(person.phone) == phone_key(surface):
                return key
        best, best_score = None, 0
        for key, forms in self.forms.items():
            hits = [core for core in forms.all_cores if len(core) >= 4 and core in folded]
            score = sum(len(core) for core in hits)
            if score > best_score:
                best, best_score = key, score
        return best

    def detect(self, text: str) -> list[Span]:
        folded = FoldedText.of(text)
        return self.find_names(folded, tokenise(folded)) + self.find_contact_details(text)
