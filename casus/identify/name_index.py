"""The index of a set of people's name forms, and what one word could be.

It is built from the parts casus.identify.names makes of each registered name (cores, first
names and their short forms, initials, particle runs, phonetic keys) and answers the
questions of one word: is it a name form, whose, and how sure (`candidates`). The gate keeps a
vault-wide index under one shared key (`shared_sections`, casus.identify.stored_index). How
runs of words in a text become a person is casus.identify.matcher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Self

from rapidfuzz.distance import OSA

from casus.identify.case_input import RegisteredPerson
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import fold
from casus.identify.lexicon import PARTICLES, TITLES, is_common_word, lowercase_name_possible
from casus.identify.names import (
    NameForms,
    given_cores,
    initials_and_acronyms,
    name_forms,
    phonetic_key,
    split_name,
    surname_forms,
)
from casus.identify.tokens import Token

# WEAK: a lower-case ordinary word that is also a name part ("visser", "de boer"): a name
# only beside another part of the same name, or in a line written wholly in lower case.
EXACT, AFFIX, NEAR, WEAK = 3, 2, 1, 0
_POSSESSIVE = ("s",)
_DIMINUTIVE = ("tje", "pje", "je", "ke")


@dataclass(frozen=True)
class Match:
    key: str
    quality: int
    possessive: bool = False


# From this length a word may be a name with a typo ("Kofi" as "Kfoi"), and from this length
# with two ("Wijnberg", "Wienbreg").
TYPOS_FROM = 4
TWO_TYPOS_FROM = 8

# "gehoord door koster", "gesprek met visser": a singular noun seldom follows these without an
# article, a name does.
_PERSON_PREPOSITIONS = frozenset({"door", "met", "tegen", "volgens", "aan", "voor", "van", "bij", "over"})


def _joined(words: tuple[str, ...]) -> str:
    return "\x1f".join(words)


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("\x1f")) if joined else ()


class NameIndex:
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
    ) -> Self:
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

    def initials_owners(self, folded: str) -> set[str]:
        """Who has these two initials ("ms" for Marco Storm)."""
        return self._initials.get(folded, set())

    def acronym_letters_owners(self, folded: str) -> set[str]:
        """Who is written as these letters, initials and surname together ("jdvb")."""
        return self._acronyms.get(folded, set())

    def letter_form_owners(self, form: str) -> set[str]:
        """Who is called by these letters once a case names them ("bj", "vw"; per case only)."""
        return self._letter_forms.get(form, set())

    @property
    def has_letter_forms(self) -> bool:
        return bool(self._letter_forms)

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
