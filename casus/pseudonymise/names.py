"""Every form in which a registered person's name can appear in a text written about them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casus.pseudonymise.case_input import RegisteredPerson
from casus.pseudonymise.folding import fold
from casus.pseudonymise.lexicon import PARTICLES

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
    given: str | None
    cores: set[str] = field(default_factory=set)
    particle_runs: set[tuple[str, ...]] = field(default_factory=set)
    initials: str = ""
    acronyms: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)

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


def name_forms(person: RegisteredPerson) -> NameForms:
    words = tuple(_NAME_PART.findall(fold(person.name)))
    non_particles = [w for w in words if w not in PARTICLES]
    given = words[0] if words and words[0] not in PARTICLES and len(words) > 1 else None
    forms = NameForms(key=person.key, words=words, given=given)
    forms.cores = {w for w in non_particles if len(w) >= 2}
    # Runs of particles as written inside the name ("van der", "'t", "el"), and every
    # tail of them ("der" alone is how some write "Van der Steen" after "dhr.").
    run: list[str] = []
    for word in words[1:] if given else words:
        if word in PARTICLES:
            run.append(word)
            continue
        for begin in range(len(run)):
            forms.particle_runs.add(tuple(run[begin:]))
        run = []
    # The surname written as one word: "Elouali", "Vandersteen", "Alhamwi".
    surname_words = words[1:] if given else words
    if len(surname_words) > 1:
        forms.cores.add("".join(surname_words))
        tail = [w for w in surname_words if w not in PARTICLES]
        if len(tail) > 1:
            forms.cores.add("".join(tail))
    if given:
        forms.cores |= short_forms(given)
    if len(words) >= 2:
        # "JdVB" for Johannes de Vries-Bakker, "FZB" for Fatima Zahra Benali.
        forms.acronyms = {"".join(w[0] for w in words), "".join(w[0] for w in non_particles)}
        forms.acronyms = {a for a in forms.acronyms if len(a) >= 3}
    if non_particles:
        forms.initials = non_particles[0][0] + (non_particles[-1][0] if len(non_particles) > 1 else "")
    return forms
