"""Detector for the case's own registry: its people in every form, and their contact details.

This detector decides most of what the meeting sees, so it errs towards marking: any
capitalised word that is a registered name, nearly one (a typo, a missing letter), a
possessive or diminutive of one, or a nickname the text itself introduces, is marked.
A lower-case word is marked only when it is not an ordinary Dutch word in that place:
"de kok" and "deze zomer" stay, "lisa en mees" do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from casus.model.enums import Role
from casus.pseudonymise.case_input import RegisteredPerson
from casus.pseudonymise.folding import FoldedText, fold
from casus.pseudonymise.lexicon import PARTICLES, TITLES, is_common_word, lowercase_name_possible
from casus.pseudonymise.names import NameForms, name_forms
from casus.pseudonymise.numbers import digits_key, phone_key
from casus.pseudonymise.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.pseudonymise.tokens import Token, tokenise

EXACT, AFFIX, NEAR = 3, 2, 1
_POSSESSIVE = ("s",)
_DIMINUTIVE = ("tje", "pje", "je", "ke")
_INITIALS = re.compile(r"(?<![^\W\d_])([A-ZÀ-Ý])\.\s?([A-ZÀ-Ý])\.(?![^\W\d_])")
_ACRONYM = re.compile(r"(?<![\w.])(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{2,5}(?![\w])")
_QUOTES = "'‘’\"“”"
_PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|00)?[\d(][\d\s().\-/]{6,}\d(?!\d)")
_APPOSITION = re.compile(
    r"""^\s*\((?:[^()\n]{0,40}?(?:hierna:?\s*|['‘’"“”]))?([A-ZÀ-Ý][\w.]*?)[.]?['‘’"“”]?(?:\s[^()\n]{0,30})?\)"""
)


_FORMER_NAME = re.compile(
    r"(?i:\b(?:haar|zijn|hun|mijn|de|het)\s+(?:oude|vorige|eerdere|voormalige|oorspronkelijke|dode|"
    r"geboorte|oude\s+voor)\s*naam)[,:]?\s*(?:\(|['‘’\"“”])?([A-ZÀ-Ý][\w\-]+)"
)


@dataclass(frozen=True)
class Match:
    key: str
    quality: int
    possessive: bool = False


def _quoted(text: str, token: Token) -> bool:
    before, after = text[token.start - 1 : token.start], text[token.end : token.end + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _max_typos(core: str) -> int:
    return 1 if len(core) < 8 else 2


class RegistryDetector:
    """Finds the registered people of one case in its texts."""

    name = "registry"

    def __init__(self, persons: Sequence[RegisteredPerson]) -> None:
        self.persons = {p.key: p for p in persons}
        self.forms: dict[str, NameForms] = {p.key: name_forms(p) for p in persons}

    # -- names -------------------------------------------------------------------------------

    def _owners(self, word: str) -> list[str]:
        return [key for key, forms in self.forms.items() if word in forms.all_cores]

    def _candidates(self, tokens: list[Token], token: Token) -> list[Match]:
        word = token.folded
        if word in PARTICLES or word in TITLES or len(word) < 2:
            return []
        if token.lowercase and not lowercase_name_possible(tokens, token):
            return []
        found = [Match(key, EXACT) for key in self._owners(word)]
        if found:
            return found
        for suffix in _POSSESSIVE:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 3:
                found += [Match(key, AFFIX, possessive=True) for key in self._owners(stem)]
        for suffix in _DIMINUTIVE:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 3:
                found += [Match(key, AFFIX) for key in self._owners(stem)]
        if found or not token.capitalised or is_common_word(word):
            return found
        initial = self._initial_before(tokens, token)
        for key, forms in self.forms.items():
            if (
                initial
                and forms.initials[:1] == initial
                and len(word) >= 3
                and any(
                    len(core) >= 3 and OSA.distance(word, core, score_cutoff=1) <= 1
                    for core in forms.all_cores
                )
            ):
                # "M. Lao" for Mei Lan Lau: short names only after the person's own initial.
                found.append(Match(key, NEAR))
            elif len(word) >= 4 and any(
                len(core) >= 4 and OSA.distance(word, core, score_cutoff=_max_typos(core)) <= _max_typos(core)
                for core in forms.all_cores
            ):
                found.append(Match(key, NEAR))
            elif (
                forms.given
                and len(forms.given) - len(word) >= 2
                and len(word) >= 4
                and (forms.given.startswith(word) or forms.given.endswith(word))
            ):
                # Short forms of a first name: "Segun" for Olusegun, "Fred" for Frederique.
                found.append(Match(key, NEAR))
        return found

    @staticmethod
    def _initial_before(tokens: list[Token], token: Token) -> str | None:
        if token.index < 1:
            return None
        previous = tokens[token.index - 1]
        if len(previous.folded) == 1 and previous.capitalised and previous.end < token.start:
            return previous.folded
        return None

    def _short_before(self, token: Token, following: Match | None) -> Match | None:
        """ "Gio" before Giovanni's surname: a first-name prefix next to the same person."""
        if following is None or not token.capitalised or len(token.folded) < 2:
            return None
        forms = self.forms[following.key]
        if forms.given and forms.given.startswith(token.folded) and forms.given != token.folded:
            return Match(following.key, NEAR)
        return None

    def _choose(self, matches: dict[int, list[Match]], tokens: list[Token]) -> dict[int, Match]:
        """One person per token: the best match, and among equals the person the
        neighbouring words or the nearest clear mention point to."""
        chosen: dict[int, Match] = {}
        for index, options in matches.items():
            best = max(m.quality for m in options)
            top = [m for m in options if m.quality == best]
            if len({m.key for m in top}) == 1:
                chosen[index] = top[0]
        for index, options in matches.items():
            if index in chosen:
                continue
            best = max(m.quality for m in options)
            top = [m for m in options if m.quality == best]
            keys = [m.key for m in top]
            pick = None
            for neighbour in (index - 1, index + 1, index - 2, index + 2):
                if neighbour in chosen and chosen[neighbour].key in keys:
                    pick = chosen[neighbour].key
                    break
            if pick is None:
                earlier = [chosen[i].key for i in sorted(chosen) if i < index and chosen[i].key in keys]
                pick = earlier[-1] if earlier else keys[0]
            chosen[index] = next(m for m in top if m.key == pick)
        return chosen

    def _extend(
        self, text: str, tokens: list[Token], chosen: dict[int, Match], first: int, last: int
    ) -> tuple[int, int]:
        """Grow a run of one person's words over their particles and initials."""
        key = chosen[first].key
        forms = self.forms[key]
        begin = first
        particles: list[str] = []
        while begin - 1 >= 0:
            previous = tokens[begin - 1]
            between = text[previous.end : tokens[begin].start]
            if previous.folded in PARTICLES and between.strip(" '’-") == "" and len(between) <= 2:
                candidate = [previous.folded, *particles]
                if tuple(candidate) in forms.particle_runs:
                    particles = candidate
                    begin -= 1
                    continue
            break
        # An initial (or several) right before the name: "R. Kerk", "J.P. de Vries".
        while begin - 1 >= 0:
            previous = tokens[begin - 1]
            between = text[previous.end : tokens[begin].start]
            if len(previous.folded) == 1 and previous.capitalised and between.strip() == ".":
                begin -= 1
                continue
            break
        # "Leidinggevende Kofi" becomes "Leidinggevende C", not "Leidinggevende Leidinggevende C".
        if begin >= 1 and key in self.persons:
            previous = tokens[begin - 1]
            role_word = fold(self.persons[key].role.label)
            if previous.folded == role_word and text[previous.end : tokens[begin].start] == " ":
                begin -= 1
        return begin, last

    def find_names(self, folded: FoldedText, tokens: list[Token]) -> list[Span]:
        text = folded.original
        matches: dict[int, list[Match]] = {}
        for token in tokens:
            options = self._candidates(tokens, token)
            if options:
                matches[token.index] = options
        # A short first name before a matched word of the same person ("Gio Sijntje").
        for token in tokens:
            if token.index in matches or token.index + 1 >= len(tokens):
                continue
            nxt = matches.get(token.index + 1)
            between = text[token.end : tokens[token.index + 1].start]
            if nxt and between.strip() == "":
                short = self._short_before(token, max(nxt, key=lambda m: m.quality))
                if short:
                    matches[token.index] = [short]
        # A short near miss that opens a sentence ("Valt" near Valk) is a word, unless the
        # person's other name stands right beside it.
        opening = [i for i in matches if tokens[i].sentence_start and len(tokens[i].folded) < 6]
        for index in opening:
            options = matches[index]
            if max(m.quality for m in options) == NEAR:
                keys = {m.key for m in options}
                neighbours = [n for n in (index - 1, index + 1) if n in matches and n != index]
                if not any(m.key in keys and m.quality > NEAR for n in neighbours for m in matches[n]):
                    del matches[index]
        # A quoted nickname that starts like a first name ("noemt haar 'Fatoe'" for Fatima),
        # or quoted initials ("'JW'" for Jan-Willem Jansen).
        for token in tokens:
            if token.index in matches or not token.capitalised or not _quoted(text, token):
                continue
            word = token.folded
            if len(word) >= 3 and not is_common_word(word):
                owners = [k for k, f in self.forms.items() if f.given and f.given[:3] == word[:3]]
            elif 2 <= len(word) <= 4 and text[token.start : token.end].isupper():
                owners = [k for k, f in self.forms.items() if any(a.startswith(word) for a in f.acronyms)]
            else:
                owners = []
            if len(owners) == 1:
                matches[token.index] = [Match(owners[0], NEAR)]
        chosen = self._choose(matches, tokens)
        spans: list[Span] = []
        index = 0
        ordered = sorted(chosen)
        while index < len(ordered):
            first = last = ordered[index]
            key = chosen[first].key
            # Join the person's next word when only a space, hyphen or particles stand between.
            while True:
                following = last + 1
                while following < len(tokens) and tokens[following].folded in PARTICLES:
                    following += 1
                if following in chosen and chosen[following].key == key:
                    between = text[tokens[last].end : tokens[following].start]
                    if "\n" not in between and not any(c in between for c in '.,;:()!?"“”'):
                        last = following
                        continue
                break
            begin, end_index = self._extend(text, tokens, chosen, first, last)
            start, end = tokens[begin].start, tokens[end_index].end
            possessive = chosen[last].possessive
            if text[end : end + 2] in ("'s", "’s"):
                end, possessive = end + 2, True
            elif text[end - 1 : end] in "sxz" and re.match(r"['’](?=\s)", text[end : end + 2]):
                end, possessive = end + 1, True  # "Spaans' opmerkingen"
            spans.append(
                Span(
                    start,
                    end,
                    SpanKind.PERSON,
                    key,
                    PRIORITY_REGISTRY,
                    self.name,
                    "possessive" if possessive else "",
                )
            )
            index = ordered.index(last) + 1
        spans += self._initials(text)
        return spans

    def _initials(self, text: str) -> list[Span]:
        """ "M.S." for Marco Storm, when no other person of the case has those initials."""
        by_initials: dict[str, list[str]] = {}
        for key, forms in self.forms.items():
            if len(forms.initials) == 2:
                by_initials.setdefault(forms.initials, []).append(key)
        spans = []
        for match in _INITIALS.finditer(text):
            owners = by_initials.get(fold(match.group(1) + match.group(2)), [])
            if len(owners) == 1:
                spans.append(
                    Span(match.start(), match.end(), SpanKind.PERSON, owners[0], PRIORITY_REGISTRY, self.name)
                )
        for match in _ACRONYM.finditer(text):
            owners = [key for key, forms in self.forms.items() if fold(match.group()) in forms.acronyms]
            if len(owners) == 1:
                spans.append(
                    Span(match.start(), match.end(), SpanKind.PERSON, owners[0], PRIORITY_REGISTRY, self.name)
                )
        return spans

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
                if (len(alias) >= 3 or initials) and not is_common_word(alias) and not self._owners(alias):
                    self.forms[span.ref].aliases.add(alias)
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
                if len(alias) >= 2 and not is_common_word(alias) and not self._owners(alias):
                    self.forms[reporters[0]].aliases.add(alias)
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
