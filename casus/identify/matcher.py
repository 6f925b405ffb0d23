"""One name matcher: every form in which a registered name appears, for one case or a vault.

The pseudonymiser builds one over a case's people (which person is this?); the disclosure
gate builds one over every person of the vault under a single key (is this anyone?). Both
ask the same questions of the same indices, so a form the pseudonymiser replaces is a form
the gate refuses, by construction.

It errs towards marking: a capitalised word that is a registered name, nearly one (a typo,
a missing letter), a possessive, diminutive or pet form of one, a short form of a first
name, or a nickname a text introduces, is marked. A lower-case word only where no ordinary
Dutch word can stand: "de kok" and "deze zomer" stay, "lisa en mees" do not.

Near misses are looked up among names of about the same length that share the first or
the last two letters (a typo seldom hits both ends), so a vault of 100,000 names costs a
few comparisons per word, not 100,000.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from casus.identify.case_input import RegisteredPerson
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold, join_spaced_letters
from casus.identify.lexicon import PARTICLES, TITLES, is_common_word, lowercase_name_possible, stop_words
from casus.identify.names import (
    NameForms,
    given_cores,
    initials_and_acronyms,
    name_forms,
    phonetic_key,
    split_name,
    surname_forms,
)
from casus.identify.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.identify.tokens import Token, tokenise

# WEAK: a lower-case ordinary word that is also a name part ("visser", "de boer"): a name
# only beside another part of the same name, or in a line written wholly in lower case.
EXACT, AFFIX, NEAR, WEAK = 3, 2, 1, 0
_POSSESSIVE = ("s",)
_DIMINUTIVE = ("tje", "pje", "je", "ke")
_INITIALS = re.compile(r"(?<![^\W\d_])([A-ZÀ-Ý])\.\s?([A-ZÀ-Ý])\.(?![^\W\d_])")
_ACRONYM = re.compile(r"(?<![\w.])(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{2,5}(?![\w])")
_QUOTES = "'‘’\"“”"
# Two to four letters with a capital, as initials are written alone: "BJ", "E-J", "vW", "vdB".
_LETTERS = re.compile(r"(?<![\w.\-])(?=[a-z\-]*[A-Z])[A-Za-z](?:-?[A-Za-z]){1,3}(?![\w\-])")


@dataclass(frozen=True)
class Match:
    key: str
    quality: int
    possessive: bool = False


# From this length a word may be a name with a typo ("Kofi" as "Kfoi"), and from this length
# with two ("Wijnberg", "Wienbreg").
TYPOS_FROM = 4
TWO_TYPOS_FROM = 8


_LINKS = frozenset({"en", "of", "met"})
# "gehoord door koster", "gesprek met visser": a singular noun seldom follows these without an
# article, a name does.
_PERSON_PREPOSITIONS = frozenset({"door", "met", "tegen", "volgens", "aan", "voor", "van", "bij", "over"})


def _neighbours(tokens: Sequence[Token], index: int) -> list[int]:
    """The words either side, across the particles of a name ("eva de boer") and the words
    that join two names ("lisa en mees")."""
    found = []
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(tokens) and (
            tokens[other].folded in PARTICLES or tokens[other].folded in _LINKS
        ):
            other += step
        if 0 <= other < len(tokens):
            found.append(other)
    return found


def lowercase_lines(tokens: Sequence[Token]) -> set[int]:
    """The lines of a writer who does not capitalise (a chat export, a quick note): there
    capitals tell nothing, and a name is whatever the registry knows.

    A line counts when no word inside a sentence is capitalised and the writer shows the
    habit: the line, or a sentence in it, opens in lower case, or two sentences of the text
    do. A sentence that merely holds no name ("Het team is wit.") does not count."""
    lines: dict[int, list[Token]] = defaultdict(list)
    for token in tokens:
        lines[token.line].append(token)
    lowercase_openings = sum(1 for t in tokens if t.sentence_start and t.lowercase and len(t.folded) > 1)
    found = set()
    for number, line in lines.items():
        if len(line) < 3 or any(t.capitalised and not t.sentence_start for t in line[1:]):
            continue
        if lowercase_openings >= 2 or any(t.sentence_start and t.lowercase for t in line):
            found.add(number)
    return found


def _joined(words: tuple[str, ...]) -> str:
    return "\x1f".join(words)


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("\x1f")) if joined else ()


def _quoted(text: str, token: Token) -> bool:
    before, after = text[token.start - 1 : token.start], text[token.end : token.end + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


class NameMatcher:
    """The name forms of a set of people, indexed. Matches carry the person's key, or
    `shared_key` for all (the gate asks whether a text names anyone, not whom). The gate is
    stricter with typos (`two_typos_from`): a secretary's slip must not get a name out; but
    across thousands of names, a four-letter word one letter off some name is nearly always
    another word ("Koti" in "Keti Koti"), so there a typo needs five letters (`typos_from`)."""

    def __init__(
        self,
        persons: Iterable[RegisteredPerson],
        shared_key: str | None = None,
        typos_from: int = TYPOS_FROM,
        two_typos_from: int = TWO_TYPOS_FROM,
    ) -> None:
        self.typos_from = typos_from
        self.two_typos_from = two_typos_from
        self.forms: dict[str, NameForms] = {}
        self.role_words: dict[str, str] = {}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._near: dict[tuple[int, str], set[str]] = defaultdict(set)
        self._given_affixes: dict[str, set[str]] = defaultdict(set)
        self._given_starts: dict[str, set[str]] = defaultdict(set)
        self._initials: dict[str, set[str]] = defaultdict(set)
        self._acronyms: dict[str, set[str]] = defaultdict(set)
        self._acronym_starts: dict[str, set[str]] = defaultdict(set)
        self._particle_runs: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self._first_initials: dict[str, set[str]] = defaultdict(set)
        self._givens: dict[str, set[str]] = defaultdict(set)
        self._letter_forms: dict[str, set[str]] = defaultdict(set)
        self._aliases: set[str] = set()
        self._phonetic: dict[str, set[str]] = defaultdict(set)
        self.shared_key = shared_key
        self._name_words: dict[str, set[str]] = defaultdict(set)
        self._surname_initials: dict[str, set[str]] = defaultdict(set)
        self._surnames: set[tuple[str, tuple[str, ...]]] = set()
        for person in persons:
            if shared_key is None:
                forms = name_forms(person)
                self.forms[person.key] = forms
                self.role_words[person.key] = fold(person.role.label)
                self._index(person.key, forms.words, forms.givens, forms.surname)
            else:
                self._index(shared_key, *split_name(person.name))

    # -- building --------------------------------------------------------------------------

    def _index(
        self, key: str, words: tuple[str, ...], givens: tuple[str, ...], surname: tuple[str, ...]
    ) -> None:
        """Index one name from its parts (casus.identify.names, the same parts `name_forms`
        is made of); parts a vault repeats ("de Vries", "Mohamed") are indexed once."""
        if (key, surname) not in self._surnames:
            self._surnames.add((key, surname))
            self._name_words[key].update(surname)
            if surname:
                # "vdl" and "l" for van der Linden, as a chat writes "Bram vd L." or "Bram L."
                cores_only = [w for w in surname if w not in PARTICLES]
                self._surname_initials[key].add("".join(w[0] for w in surname))
                if cores_only:
                    self._surname_initials[key].add(cores_only[-1][0])
            cores, runs = surname_forms(surname)
            for core in cores:
                self._add_core(key, core)
            self._particle_runs[key] |= runs
        initials, acronyms = initials_and_acronyms(words)
        if initials:
            self._first_initials[key].add(initials[:1])
            if len(initials) == 2:
                self._initials[initials].add(key)
        for acronym in acronyms:
            self._acronyms[acronym].add(key)
            for size in range(2, min(len(acronym), 4) + 1):
                self._acronym_starts[acronym[:size]].add(key)
        for given in givens:
            if given in self._givens[key]:
                continue
            self._givens[key].add(given)
            for core in given_cores(given):
                self._add_core(key, core)
            self._given_starts[given[:3]].add(key)
            # Short forms of a first name: "Segun" for Olusegun, "Fred" for Frederique.
            for size in range(4, len(given) - 1):
                self._given_affixes[given[:size]].add(key)
                self._given_affixes[given[-size:]].add(key)
        # What a person is called by letters alone once known: "BJ" for Bert-Jan Hofstede,
        # "vW" for Van Wijk, "PP" for Pieter Post (per case only: see `_letter_forms`).
        if self.shared_key is None:
            letters = {"".join(w[0] for w in givens), "".join(w[0] for w in surname)}
            if givens and surname:
                cores_only = [w for w in surname if w not in PARTICLES]
                if cores_only:
                    letters.add(givens[0][0] + cores_only[-1][0])
            for form in letters:
                if len(form) >= 2:
                    self._letter_forms[form].add(key)

    def _add_core(self, key: str, core: str) -> None:
        owners = self._exact[core]
        if key in owners:
            return  # a vault repeats name words: index each once
        owners.add(key)
        if len(core) >= 4:
            self._phonetic[phonetic_key(core)].add(key)
        if len(core) >= 3:
            self._near[(len(core), core[0])].add(core)
            self._near[(len(core), core[-2:])].add(core)

    # -- keeping (casus.identify.stored_index) ---------------------------------------------

    _SHARED_SETS = (
        "_exact", "_given_affixes", "_given_starts", "_initials", "_acronyms", "_acronym_starts",
        "_phonetic",
    )  # fmt: skip
    _OWN_SETS = ("_first_initials", "_givens", "_name_words", "_surname_initials")

    def shared_sections(self) -> dict[str, list[str]]:
        """A vault-wide matcher as named lists of strings. Every owner set of a shared matcher
        is the one key, so the indices are their keys alone."""
        if self.shared_key is None:
            raise ValueError("only a matcher under one shared key is kept")
        key = self.shared_key
        sections = {name: sorted(getattr(self, name)) for name in self._SHARED_SETS}
        sections |= {name: sorted(getattr(self, name).get(key, ())) for name in self._OWN_SETS}
        sections["_particle_runs"] = sorted(_joined(run) for run in self._particle_runs.get(key, ()))
        sections["_surnames"] = sorted(_joined(surname) for _, surname in self._surnames)
        sections["_aliases"] = sorted(self._aliases)
        return sections

    @classmethod
    def from_shared_sections(
        cls,
        sections: dict[str, list[str]],
        shared_key: str,
        typos_from: int = TYPOS_FROM,
        two_typos_from: int = TWO_TYPOS_FROM,
    ) -> NameMatcher:
        """The matcher `shared_sections` wrote. The owner sets are one set object: a shared
        matcher only ever adds its one key, which every set already holds."""
        matcher = cls((), shared_key, typos_from, two_typos_from)
        owners = {shared_key}
        for name in cls._SHARED_SETS:
            getattr(matcher, name).update(dict.fromkeys(sections[name], owners))
        for name in cls._OWN_SETS:
            getattr(matcher, name)[shared_key] = set(sections[name])
        matcher._particle_runs[shared_key] = {_split(run) for run in sections["_particle_runs"]}
        matcher._surnames = {(shared_key, _split(surname)) for surname in sections["_surnames"]}
        matcher._aliases = set(sections["_aliases"])
        for core in matcher._exact:
            if len(core) >= 3:
                matcher._near[(len(core), core[0])].add(core)
                matcher._near[(len(core), core[-2:])].add(core)
        return matcher

    def add_alias(self, key: str, alias: str) -> None:
        """A nickname a text introduced ("Olusegun Adeyemi ('Segun')")."""
        if self.shared_key is not None:
            key = self.shared_key
        self._aliases.add(alias)
        if key in self.forms:
            self.forms[key].aliases.add(alias)
        self._add_core(key, alias)

    # -- looking up ------------------------------------------------------------------------

    def acronym_owners(self, folded: str) -> set[str]:
        """Who is written as these letters ("tvds" for Tomas van der Steeg, "nb")."""
        return self._acronyms.get(folded, set()) | self._initials.get(folded, set())

    def given_starting(self, word: str) -> set[str]:
        """Who has a first name that starts with `word` (two letters or more): "Mo", "Bea",
        "Wes" for Mohamed, Beatriz, Wesley."""
        return {
            k for k, givens in self._givens.items() for g in givens if len(word) >= 2 and g.startswith(word)
        }

    def owners(self, word: str) -> set[str]:
        return self._exact.get(word, set())

    def knows(self, word: str) -> bool:
        return word in self._exact

    def _near_cores(self, word: str) -> set[str]:
        """Names two edits away at most differ in length by two and keep one end."""
        found: set[str] = set()
        for size in range(len(word) - 2, len(word) + 3):
            found |= self._near.get((size, word[0]), set())
            found |= self._near.get((size, word[-2:]), set())
        return found

    def candidates(
        self, tokens: Sequence[Token], token: Token, lowercase_lines: Collection[int] = ()
    ) -> list[Match]:
        word = token.folded
        if word in PARTICLES or word in TITLES or len(word) < 2:
            return []
        # A nickname the text itself gave is a name in lower case too ("ibo"), unless a word.
        alias = word in self._aliases and not is_dutch_word(word)
        if token.lowercase and not alias and not lowercase_name_possible(tokens, token):
            return []
        ordinary = is_dutch_word(word)
        after_preposition = token.index >= 1 and tokens[token.index - 1].folded in _PERSON_PREPOSITIONS
        if token.lowercase and ordinary and token.line not in lowercase_lines and not after_preposition:
            return [Match(key, WEAK) for key in sorted(self.owners(word))]
        found = [Match(key, EXACT) for key in self.owners(word)]
        if found:
            return found
        for suffix in _POSSESSIVE:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 3:
                found += [Match(key, AFFIX, possessive=True) for key in self.owners(stem)]
        for suffix in _DIMINUTIVE:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 3:
                found += [Match(key, AFFIX) for key in self.owners(stem)]
        # A typo or a short form is looked for only where no ordinary word stands: "Mens",
        # "Maar" and "Ramadan" are one letter from some name in a vault of thousands.
        if found or not token.capitalised or is_common_word(word) or ordinary:
            return found
        keys: set[str] = set()
        initial = self._initial_before(tokens, token)
        if len(word) >= 3:
            for core in self._near_cores(word):
                distance = OSA.distance(word, core, score_cutoff=2)
                if distance > 2:
                    continue
                owners = self.owners(core)
                if initial and len(core) >= 3 and distance <= 1:
                    # "M. Lao" for Mei Lan Lau: short names only after the person's own initial.
                    keys |= {k for k in owners if initial in self._first_initials.get(k, ())}
                if (
                    len(word) >= self.typos_from
                    and len(core) >= 4
                    and distance <= (2 if len(core) >= self.two_typos_from else 1)
                ):
                    keys |= owners
        if len(word) >= 4:
            keys |= self._given_affixes.get(word, set())
            keys |= self._phonetic.get(phonetic_key(word), set())  # "Joesoef" for Yusuf
        if not keys and self.shared_key is None and len(word) >= 5:
            # A pet form that keeps the first four letters: "Bartek" for Bartłomiej, "Joostie".
            keys = {
                k for k, givens in self._givens.items()
                for g in givens
                if len(g) >= 4 and word.startswith(g[:4]) and len(word) <= len(g) + 2
            }  # fmt: skip
        return [Match(key, NEAR) for key in sorted(keys)]

    def _cores_starting(self, word: str) -> set[str]:
        """Who has a name (three letters or more) that `word` starts with."""
        return {key for size in range(3, len(word)) for key in self._exact.get(word[:size], set())}

    @staticmethod
    def _initial_before(tokens: Sequence[Token], token: Token) -> str | None:
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
        word = token.folded
        if any(g.startswith(word) and g != word for g in self._givens.get(following.key, ())):
            return Match(following.key, NEAR)
        return None

    def _choose(self, matches: dict[int, list[Match]]) -> dict[int, Match]:
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

    def _extend(self, text: str, tokens: Sequence[Token], key: str, first: int) -> int:
        """Where a run of one person's words begins, over their particles and initials."""
        begin = first
        particles: list[str] = []
        runs = self._particle_runs.get(key, set())
        while begin - 1 >= 0:
            previous = tokens[begin - 1]
            between = text[previous.end : tokens[begin].start]
            if previous.folded in PARTICLES and between.strip(" '’-") == "" and len(between) <= 2:
                candidate = [previous.folded, *particles]
                if tuple(candidate) in runs:
                    particles = candidate
                    begin -= 1
                    continue
            break
        # Particles abbreviated: "A. v.d. Broek", "J. v. Dam".
        letters = ""
        cursor = begin
        while cursor - 1 >= 0:
            previous = tokens[cursor - 1]
            if (
                len(previous.folded) != 1
                or previous.capitalised
                or text[previous.end : previous.end + 1] != "."
            ):
                break
            letters = previous.folded + letters
            cursor -= 1
            if any("".join(w[0] for w in run) == letters for run in runs):
                begin = cursor
        # An initial (or several) right before the name: "R. Kerk", "J.P. de Vries".
        while begin - 1 >= 0:
            previous = tokens[begin - 1]
            between = text[previous.end : tokens[begin].start]
            if len(previous.folded) == 1 and previous.capitalised and between.strip() == ".":
                begin -= 1
                continue
            break
        # "Leidinggevende Kofi" becomes "Leidinggevende C", not "Leidinggevende Leidinggevende C".
        role_word = self.role_words.get(key)
        if begin >= 1 and role_word:
            previous = tokens[begin - 1]
            if previous.folded == role_word and text[previous.end : tokens[begin].start] == " ":
                begin -= 1
        return begin

    def _matches(self, text: str, tokens: Sequence[Token]) -> dict[int, list[Match]]:
        matches: dict[int, list[Match]] = {}
        lowercase = lowercase_lines(tokens)
        for token in tokens:
            options = self.candidates(tokens, token, lowercase)
            if options:
                matches[token.index] = options
        # "volgens melder stuurt de wit dossiers": in a lower-case line, a person's own
        # particles before their surname make it the surname, ordinary word or not.
        for token in tokens:
            if token.line not in lowercase or token.index in matches or token.index == 0:
                continue
            run: list[str] = []
            before = token.index - 1
            while before >= 0 and tokens[before].folded in PARTICLES and len(run) < 3:
                run.insert(0, tokens[before].folded)
                before -= 1
            if run:
                keys = {k for k in self.owners(token.folded) if tuple(run) in self._particle_runs.get(k, ())}
                if keys:
                    matches[token.index] = [Match(k, EXACT) for k in sorted(keys)]
        # A lower-case word that is also a name part stands for the person beside a clear
        # mention: of the same person ("henk visser"), or of another written in lower case
        # too ("lisa en mees": this writer writes names so).
        for index in [i for i, options in matches.items() if all(m.quality == WEAK for m in options)]:
            keys = {m.key for m in matches[index]}
            beside = [n for n in _neighbours(tokens, index) if n in matches]
            if any(
                m.quality > WEAK and (m.key in keys or tokens[n].lowercase)
                for n in beside
                for m in matches[n]
            ):
                matches[index] = [Match(m.key, EXACT) for m in matches[index]]
            else:
                del matches[index]
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
        # A short near miss that opens a sentence ("Valt" near Valk), or a function word that
        # is also a name ("Kan P&O ..." beside a Roel Kan), is a word, unless the person's
        # other name stands right beside it.
        opening = [i for i in matches if tokens[i].sentence_start]
        function_words = stop_words()
        # A word the text also uses as a name mid-sentence is a name at a sentence start too.
        named_inside = {tokens[i].folded for i in matches if not tokens[i].sentence_start}
        for index in opening:
            options = matches[index]
            best = max(m.quality for m in options)
            word = tokens[index].folded
            if word in self._aliases or (word in named_inside and word not in function_words):
                continue  # a name the text gave ("(Ge)", "Kazik") opens a sentence as a name
            if (best == NEAR and len(word) < 6) or word in function_words:
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
            if len(word) >= 3 and self.shared_key is None and (starts := self._cores_starting(word)):
                owners = starts  # "noemt haar 'Lantaarn'" for Lan: a mocking name made of hers
            elif len(word) >= 3 and not is_common_word(word):
                owners = self._given_starts.get(word[:3], set())
            elif 2 <= len(word) <= 4 and text[token.start : token.end].isupper():
                owners = self._acronym_starts.get(word, set())
            else:
                owners = set()
            if len(owners) == 1:
                matches[token.index] = [Match(next(iter(owners)), NEAR)]
        return matches

    def find_names(self, folded: FoldedText, tokens: Sequence[Token] | None = None) -> list[Span]:
        """Person spans, one per run of one person's words, with their key as `ref`."""
        text = folded.original
        tokens = tokenise(folded) if tokens is None else tokens
        chosen = self._choose(self._matches(text, tokens))
        spans: list[Span] = []
        ordered = sorted(chosen)
        index = 0
        while index < len(ordered):
            first = last = ordered[index]
            key = chosen[first].key
            while (following := self._next_part(text, tokens, chosen, key, last)) is not None:
                last = following
            begin = self._extend(text, tokens, key, first)
            start, end = tokens[begin].start, tokens[last].end
            if text[end : end + 1] == "." and len(tokens[last].folded) == 1 and tokens[last].capitalised:
                end += 1  # "Stefan R.", "Kok B.": the initial's full stop
            possessive = chosen[last].possessive if last in chosen else False
            if text[end : end + 2] in ("'s", "’s"):
                end, possessive = end + 2, True
            elif text[end - 1 : end] in "sxz" and re.match(r"['’](?=\s)", text[end : end + 2]):
                end, possessive = end + 1, True  # "Spaans' opmerkingen"
            spans.append(
                Span(start, end, SpanKind.PERSON, key, PRIORITY_REGISTRY, "registry",
                     "possessive" if possessive else "")
            )  # fmt: skip
            index = bisect.bisect_right(ordered, last)  # `last` may be a word no match chose
        return (
            spans + self._initials_and_acronyms(text) + self._spelled_initials(folded) + self._letters(text)
        )

    def _spelled_initials(self, folded: FoldedText) -> list[Span]:
        """ "s.b.a." or "T.v.d.S.": a person's initials written with dots or spaces, unless the
        letters are an ordinary abbreviation ("d.w.z.", "o.a.")."""
        joined = join_spaced_letters(folded)
        if joined is None:
            return []
        spans = []
        for token in tokenise(joined):
            surface = folded.original[token.start : token.end]
            if token.end - token.start > len(token.folded) and len(token.folded) >= 2:
                owners = self.acronym_owners(token.folded)
                if len(owners) == 1 and not is_dutch_word(surface):
                    end = token.end + (folded.original[token.end : token.end + 1] == ".")
                    spans.append(Span(token.start, end, SpanKind.PERSON, next(iter(owners)),
                                      PRIORITY_REGISTRY, "registry"))  # fmt: skip
        return spans

    def _letters(self, text: str) -> list[Span]:
        """ "BJ" for Bert-Jan Hofstede, "E-J" for Erik-Jan, "vW" for Van Wijk, once the case
        names them: per case only (across a vault every two capitals are someone's)."""
        if not self._letter_forms:
            return []
        spans = []
        for match in _LETTERS.finditer(text):
            surface = match.group()
            owners = self._letter_forms.get(fold(surface.replace("-", "")), set())
            if len(owners) == 1 and not is_dutch_word(surface.replace("-", "")):
                spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                                  PRIORITY_REGISTRY, "registry"))  # fmt: skip
        return spans

    def _next_part(
        self, text: str, tokens: Sequence[Token], chosen: dict[int, Match], key: str, last: int
    ) -> int | None:
        """The next token that continues the name ending at `last`, or None.

        - the person's next word, across a space or hyphen and across particles and the
          person's own short name words ("Pieter van der Berg", "Yvonne Tjon A Fong");
        - the person's surname after their own particles even where it is an ordinary word
          ("hans de wit");
        - the first name after the surname and a comma ("Jansen, Pieter", "Lie, Iris");
        - after a first name, the surname abbreviated as chats write it ("Bram vd L.",
          "Marco dG", "Romy vdB", "Sanne K");
        - after a surname, the first name's initial ("Kok B.").
        """
        if last + 1 >= len(tokens):
            return None
        current = tokens[last]
        own_words = self._name_words.get(key, set())
        following = last + 1
        skipped: list[str] = []
        while following < len(tokens) and (
            tokens[following].folded in PARTICLES
            or (
                tokens[following].folded in own_words
                and following not in chosen
                and len(tokens[following].folded) <= 2
            )
        ):
            skipped.append(tokens[following].folded)
            following += 1
        if following < len(tokens):
            between = text[current.end : tokens[following].start]
            clean = "\n" not in between and not any(c in between for c in '.,;:()!?"“”')
            if clean and following in chosen and chosen[following].key == key:
                return following
            if (
                clean
                and skipped
                and tuple(s for s in skipped if s in PARTICLES) in self._particle_runs.get(key, set())
                and key in self.owners(tokens[following].folded)
            ):
                return following
            if (
                between in (", ", ",")
                and following in chosen
                and chosen[following].key == key
                and tokens[following].folded in self._givens.get(key, set())
                and current.folded not in self._givens.get(key, set())
            ):
                return following
        nxt = tokens[last + 1]
        gap = text[current.end : nxt.start]
        if gap not in (" ", ". ", "."):
            return None
        surname_initials = self._surname_initials.get(key, set())
        if current.folded in self._givens.get(key, set()) and gap == " ":
            # "Bram vd L.": up to two short tokens whose letters are the surname's initials.
            letters = ""
            for candidate in tokens[last + 1 : last + 3]:
                piece = text[candidate.start : candidate.end]
                if len(piece) > 3 or not piece.isalpha():
                    break
                if candidate.index > last + 1 and text[
                    tokens[candidate.index - 1].end : candidate.start
                ] not in (" ", ". ", "."):
                    break
                letters += candidate.folded
                if letters in surname_initials:
                    return candidate.index
        elif (
            gap == " "
            and len(nxt.folded) == 1
            and nxt.capitalised
            and text[nxt.end : nxt.end + 1] == "."
            and any(g[0] == nxt.folded for g in self._givens.get(key, set()))
            and current.folded not in self._givens.get(key, set())
        ):
            return nxt.index  # "Kok B."
        return None

    def _initials_and_acronyms(self, text: str) -> list[Span]:
        """ "M.S." for Marco Storm, "JdVB" for Johannes de Vries-Bakker, when no other person
        has those initials."""
        spans = []
        for match in _INITIALS.finditer(text):
            owners = self._initials.get(fold(match.group(1) + match.group(2)), set())
            if len(owners) == 1:
                spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                                  PRIORITY_REGISTRY, "registry"))  # fmt: skip
        for match in _ACRONYM.finditer(text):
            owners = self._acronyms.get(fold(match.group()), set())
            if len(owners) == 1:
                spans.append(Span(match.start(), match.end(), SpanKind.PERSON, next(iter(owners)),
                                  PRIORITY_REGISTRY, "registry"))  # fmt: skip
        return spans
