"""Every form in which a registered person's name can appear in a text written about them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from casus.identify.case_input import RegisteredPerson
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import fold
from casus.identify.lexicon import PARTICLES

_NAME_PART = re.compile(r"[^\W_]+")


@dataclass
class NameForms:
    """The folded pieces of one person's name.

    `cores` are the name words that identify on their own (first name, surname, each part
    of a double name, the surname written as one word); particles ("van der", "el") only
    count next to a core. `aliases` grow while a case is read ("Olusegun ('Segun')").
    """

    key: str
    words: tuple[str, ...]
    givens: tuple[str, ...]  # the first name's words: ("bert", "jan") for Bert-Jan
    surname: tuple[str, ...]
    cores: set[str] = field(default_factory=set)
    particle_runs: set[tuple[str, ...]] = field(default_factory=set)
    initials: str = ""
    acronyms: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)

    @property
    def given(self) -> str | None:
        return self.givens[0] if self.givens else None

    @property
    def all_cores(self) -> set[str]:
        return self.cores | self.aliases


_VOWELS = "aeiouy"


def short_forms(given: str) -> set[str]:
    """Dutch short forms that double the first vowel of the first syllable: Ruben → Ruub,
    Peter → Peet, Sofie → Soof. (Prefixes, "Gio" for Giovanni, are matched elsewhere.)"""
    match = re.match(rf"^([^{_VOWELS}]+)([{_VOWELS}])([^{_VOWELS}])[{_VOWELS}]", given)
    if not match or len(given) < 5:
        return set()
    onset, vowel, consonant = match.groups()
    return {onset + vowel + vowel + consonant}


@lru_cache(maxsize=65536)
def given_cores(given: str) -> frozenset[str]:
    """What a first name is written as on its own: itself and its Dutch short forms."""
    if len(given) < 2:
        return frozenset()
    # A short form that is a word ("Maar" from Marieke) would mark the word wherever it stands.
    return frozenset({given} | {f for f in short_forms(given) if not is_dutch_word(f)})


@lru_cache(maxsize=65536)
def surname_forms(words: tuple[str, ...]) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The cores of a surname (each part of a double name; the whole written as one word:
    "Elouali", "Vandersteen", "Alhamwi") and its runs of particles ("van der", "'t", "el")
    with every tail of them ("der" alone is how some write "Van der Steen" after "dhr.")."""
    cores = {w for w in words if w not in PARTICLES and len(w) >= 2}
    runs: set[tuple[str, ...]] = set()
    run: list[str] = []
    for word in words:
        if word in PARTICLES:
            run.append(word)
            continue
        for begin in range(len(run)):
            runs.add(tuple(run[begin:]))
        run = []
    if len(words) > 1:
        cores.add("".join(words))
        tail = [w for w in words if w not in PARTICLES]
        if len(tail) > 1:
            cores.add("".join(tail))
    return frozenset(cores), frozenset(runs)


def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The folded words of a name, the words of its first name ("bert", "jan" for Bert-Jan;
    none for a surname alone) and the words of the rest."""
    parts = fold(name).split()
    words = tuple(_NAME_PART.findall(" ".join(parts)))
    if len(parts) < 2 or parts[0] in PARTICLES:
        return words, (), words
    givens = tuple(_NAME_PART.findall(parts[0]))
    return words, givens, words[len(givens) :]


_NO_ACRONYMS: frozenset[str] = frozenset()


def initials_and_acronyms(words: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """ "MS" for Marco Storm; "JdVB" for Johannes de Vries-Bakker, "FZB" for Fatima Zahra Benali."""
    cores = [w[0] for w in words if w not in PARTICLES]
    initials = (cores[0] + cores[-1] if len(cores) > 1 else cores[0]) if cores else ""
    if len(words) < 3:  # two words make two letters: an acronym needs three
        return initials, _NO_ACRONYMS
    every, of_cores = "".join(w[0] for w in words), "".join(cores)
    return initials, frozenset(a for a in (every, of_cores) if len(a) >= 3)


def name_forms(person: RegisteredPerson) -> NameForms:
    words, givens, surname = split_name(person.name)
    forms = NameForms(key=person.key, words=words, givens=givens, surname=surname)
    cores, runs = surname_forms(surname)
    forms.cores = set(cores).union(*(given_cores(g) for g in givens))
    forms.particle_runs = set(runs)
    forms.initials, acronyms = initials_and_acronyms(words)
    forms.acronyms = set(acronyms)
    return forms


_PHONETIC = (
    ("sch", "s"), ("tsj", "ts"), ("cz", "ts"), ("sj", "s"), ("sh", "s"), ("ck", "k"), ("ph", "f"),
    ("th", "t"), ("qu", "kw"), ("oe", "u"), ("ij", "ei"), ("y", "i"), ("j", "i"), ("w", "v"),
    ("x", "ks"), ("c", "k"), ("z", "s"), ("dt", "t"),
)  # fmt: skip


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """How a Dutch reader says a name: "Joesoef" and "Yusuf", "Kovaltsjik" and "Kowalczyk",
    "Mohammed" and "Mohamed" sound alike. Spellings apart, doubled letters once, a final d a t."""
    key = word
    for spelling, sound in _PHONETIC:
        key = key.replace(spelling, sound)
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:-1] + "t" if key.endswith("d") else key
