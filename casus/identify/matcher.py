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
from collections.abc import Sequence

from casus.identify.folding import FoldedText
from casus.identify.initials import initial_spans
from casus.identify.lexicon import PARTICLES, is_common_word, stop_words
from casus.identify.name_index import EXACT, NEAR, WEAK, Match, NameIndex
from casus.identify.spans import PRIORITY_REGISTRY, Span, SpanKind
from casus.identify.tokens import Token, tokenise

_QUOTES = "'‘’\"“”"
_LINKS = frozenset({"en", "of", "met"})


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


def _quoted(text: str, token: Token) -> bool:
    before, after = text[token.start - 1 : token.start], text[token.end : token.end + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


class NameMatcher(NameIndex):
    """The persons a text names: runs of one person's words, with their initials, particles,
    possessives and nicknames, one span per run (`find_names`)."""

    def _short_before(self, token: Token, following: Match | None) -> Match | None:
        """ "Gio" before Giovanni's surname: a first-name prefix next to the same person."""
        if following is None or not token.capitalised or len(token.folded) < 2:
            return None
        word = token.folded
        if any(g.startswith(word) and g != word for g in self._givens.get(following.key, ())):
            return Match(following.key, NEAR)
        return None

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
        """The candidates of every word, then what its neighbours and the text say of them."""
        lowercase = lowercase_lines(tokens)
        matches: dict[int, list[Match]] = {}
        for token in tokens:
            if options := self.candidates(tokens, token, lowercase):
                matches[token.index] = options
        self._particle_surnames(tokens, lowercase, matches)
        _weak_beside_clear(tokens, matches)
        self._short_first_names(text, tokens, matches)
        self._sentence_openings(tokens, matches)
        self._quoted_nicknames(text, tokens, matches)
        return matches

    def _particle_surnames(
        self, tokens: Sequence[Token], lowercase: set[int], matches: dict[int, list[Match]]
    ) -> None:
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

    def _short_first_names(self, text: str, tokens: Sequence[Token], matches: dict[int, list[Match]]) -> None:
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

    def _sentence_openings(self, tokens: Sequence[Token], matches: dict[int, list[Match]]) -> None:
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

    def _quoted_nicknames(self, text: str, tokens: Sequence[Token], matches: dict[int, list[Match]]) -> None:
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

    def find_names(self, folded: FoldedText, tokens: Sequence[Token] | None = None) -> list[Span]:
        """Person spans, one per run of one person's words, with their key as `ref`."""
        text = folded.original
        tokens = tokenise(folded) if tokens is None else tokens
        chosen = _choose(self._matches(text, tokens))
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
        return spans + initial_spans(self, folded)

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
        following = self._next_word(text, tokens, chosen, key, last)
        return following if following is not None else self._abbreviated(text, tokens, key, last)

    def _next_word(
        self, text: str, tokens: Sequence[Token], chosen: dict[int, Match], key: str, last: int
    ) -> int | None:
        """The person's next word, or their first name after a comma (see `_next_part`)."""
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
        return None

    def _abbreviated(self, text: str, tokens: Sequence[Token], key: str, last: int) -> int | None:
        """The surname's letters after a first name, or the first initial after a surname."""
        current = tokens[last]
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


def _weak_beside_clear(tokens: Sequence[Token], matches: dict[int, list[Match]]) -> None:
    # A lower-case word that is also a name part stands for the person beside a clear
    # mention: of the same person ("henk visser"), or of another written in lower case
    # too ("lisa en mees": this writer writes names so).
    for index in [i for i, options in matches.items() if all(m.quality == WEAK for m in options)]:
        keys = {m.key for m in matches[index]}
        beside = [n for n in _neighbours(tokens, index) if n in matches]
        if any(
            m.quality > WEAK and (m.key in keys or tokens[n].lowercase) for n in beside for m in matches[n]
        ):
            matches[index] = [Match(m.key, EXACT) for m in matches[index]]
        else:
            del matches[index]


def _choose(matches: dict[int, list[Match]]) -> dict[int, Match]:
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
