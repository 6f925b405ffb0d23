"""Detector for the case's own registry: its people in every form, and their contact details.

Names are found by the identifier engine's matcher (casus.identify.matcher), the same one the
disclosure gate uses; this detector adds what only a case knows: the nicknames and former
names its own texts introduce, and its people's e-mail, phone and employee number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casus.identify.case_input import RegisteredPerson
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import is_common_word
from casus.identify.matcher import NameMatcher
from casus.identify.numbers import is_extension, number_key, phone_key, spoken_digits
from casus.identify.patterns import digit_runs
from casus.identify.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.identify.tokens import Token, tokenise
from casus.vocabulary.enums import Role

_APPOSITION = re.compile(
    r"""^\s*\((?:[^()\n]{0,40}?(?:hierna:?\s*|['‘’"“”]))?([A-ZÀ-Ý][\w.]*?)[.]?['‘’"“”]?(?:\s[^()\n]{0,30})?\)"""
)


# "collega ibo (ibrahim tahiri)": the word before a parenthesis that opens with the full name.
_NICKNAME_BEFORE = re.compile(r"(?<![\w'])([^\W\d_]{2,12})\s\($")
# "roepnaam Kasia", "noemen haar 'Bee'", "bekend als Tjeerd": a name given by a phrase.
_NAMING_PHRASE = re.compile(
    r"(?i:\b(?:roepnaam|bijnaam|koosnaam|(?:noem|noemt|noemen|noemde|noemden)\s+(?:haar|hem|hen|mij|me|zich)"
    r"|bekend\s+als|alias|genaamd|heet)\s*[:,]?\s*['‘’\"“”]?)([A-ZÀ-Ý][\w\-]*)"
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
                forms = self.forms[span.ref]
                initials = alias == forms.initials and match.group(1).replace(".", "").isupper()
                # "Geertje Hazenberg (Gé)": two letters will do where they start the first name.
                short = len(alias) == 2 and any(g.startswith(alias) for g in forms.givens)
                if short or ((len(alias) >= 3 or initials) and not is_common_word(alias)):
                    learnt |= self._learn(span.ref, alias)
            learnt |= self._learn_from_phrases(text, spans)
        return learnt

    def _learn(self, key: str, alias: str) -> bool:
        if self.names.knows(alias):
            return False
        self.names.add_alias(key, alias)
        return True

    def _learn_from_phrases(self, text: str, spans: Sequence[Span]) -> bool:
        """ "collega ibo (ibrahim tahiri)": a nickname right before the full name; "Melder,
        roepnaam Kasia", "collega's noemen haar Bee": a name a phrase gives someone, who is
        the person named last before it (or the reporter, when none is)."""
        people = sorted((s for s in spans if s.kind is SpanKind.PERSON and s.ref in self.forms),
                        key=lambda s: s.start)  # fmt: skip
        learnt = False
        for span in people:
            before = _NICKNAME_BEFORE.search(text, max(0, span.start - 30), span.start)
            if before and not is_dutch_word(before.group(1)) and not is_common_word(fold(before.group(1))):
                learnt |= self._learn(span.ref, fold(before.group(1)))
        reporters = [k for k, p in self.persons.items() if p.role is Role.REPORTER]
        for match in _NAMING_PHRASE.finditer(text):
            word = match.group(1)
            if is_common_word(fold(word)) or len(word) < 2:
                continue
            if any(s.start <= match.start(1) < s.end for s in people):
                continue  # "noemen hem Bramje": already a form of someone's name
            # Whose name: the one it starts like ("Kazik" for Kazimierz), else the person
            # named last before the phrase, else the reporter.
            alike = {k for k, f in self.forms.items() for g in f.givens if g[:3] == fold(word)[:3]}
            earlier = [s for s in people if s.end <= match.start() and match.start() - s.end < 200]
            key = (
                next(iter(alike)) if len(alike) == 1
                else earlier[-1].ref if earlier
                else reporters[0] if len(reporters) == 1
                else None
            )  # fmt: skip
            if key is not None:
                learnt |= self._learn(key, fold(word))
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
            if person.employee_number and len(number_key(person.employee_number)) < 5:
                # A short number or one with letters as written; longer ones in `_numbers`.
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
        for key, person in self.persons.items():
            if person.phone and is_extension(person.phone):
                # An internal extension ("4471") wherever it stands as a number of its own.
                for found in re.finditer(
                    rf"(?<![\d\-/.,]){re.escape(person.phone.strip())}(?![\d\-/]|[.,]\d)", text
                ):
                    spans.append(Span(found.start(), found.end(), SpanKind.PHONE, key, PRIORITY_REGISTRY,
                                      self.name, "extension"))  # fmt: skip
        spans += self._numbers(text)
        return spans

    def _numbers(self, text: str) -> list[Span]:
        """Phones and employee numbers however they are written: groups apart, a letter O for
        a zero, a prefix or suffix, leading zeros dropped, or read out in words (the engine's
        digit runs, the same the gate reads)."""
        phones = {
            phone_key(p.phone): k for k, p in self.persons.items() if p.phone and len(phone_key(p.phone)) >= 6
        }
        numbers = {
            number_key(p.employee_number): k
            for k, p in self.persons.items()
            if p.employee_number and len(number_key(p.employee_number)) >= 5
        }
        if not phones and not numbers:
            return []
        folded = FoldedText.of(text)
        spans = []
        for start, end, digits in [*digit_runs(folded.folded), *spoken_digits(folded.folded)]:
            original = folded.original_span(start, end)
            if (owner := phones.get(phone_key(digits))) is not None:
                spans.append(Span(*original, SpanKind.PHONE, owner, PRIORITY_REGISTRY, self.name))
            elif (owner := numbers.get(number_key(digits))) is not None:
                spans.append(Span(*original, SpanKind.ID, owner, PRIORITY_REGISTRY, self.name, "employee"))
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
