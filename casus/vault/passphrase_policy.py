"""Passphrase policy after NIST SP 800-63B rev. 4 for a single-factor secret.

What NIST asks and what we do:
- at least 15 characters (a single factor), and we accept at least 64 (we allow 1,024);
- no composition rules (no "one digit, one capital"): they make secrets harder to remember and
  barely harder to guess;
- compare against values that are commonly used, expected or compromised, and against words of
  the context (the service's name and its domain). We use zxcvbn (Dropbox's estimator, with its
  lists of common passwords, names and words, repeats, sequences and keyboard patterns) and feed
  it the context words below, so "Casus2026Casus2026" is refused although it is long;
- tell the user why, in plain language (Dutch here).

A passphrase must be estimated at 10^12 guesses or more. With Argon2id at 256 MiB per guess,
that is well beyond what anyone will spend on a copied file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from zxcvbn import zxcvbn

from casus.errors import WeakPassphraseError

MIN_LENGTH = 15
MAX_LENGTH = 1024
MIN_GUESSES_LOG10 = 12.0
# zxcvbn's cost grows with length; beyond this prefix the estimate no longer changes the verdict.
_ESTIMATE_PREFIX = 100

# Words of the context: what an attacker who knows where the file comes from tries first.
CONTEXT_WORDS = (
    "casus",
    "casuistiek",
    "casuïstiekoverleg",
    "kluis",
    "wachtwoord",
    "wachtwoordzin",
    "geheim",
    "welkom",
    "gemeente",
    "melding",
    "melder",
    "discriminatie",
    "racisme",
    "integriteit",
    "inclusie",
    "diversiteit",
    "personeel",
    "organisatie",
    "vertrouwelijk",
    "overleg",
    "notulen",
    "bureau",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "denhaag",
    "havenstad",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "zomer",
    "winter",
    "voorjaar",
    "najaar",
)

# zxcvbn's warnings are English; these are what the person sees instead.
_WARNINGS_NL = {
    "Straight rows of keys are easy to guess.": (
        "Rijen naast elkaar liggende toetsen zijn makkelijk te raden."
    ),
    "Short keyboard patterns are easy to guess.": "Toetsenbordpatronen zijn makkelijk te raden.",
    'Repeats like "aaa" are easy to guess.': "Herhalingen zoals ‘aaa’ zijn makkelijk te raden.",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': (
        "Een herhaald stuk tekst is nauwelijks moeilijker te raden dan dat stuk alleen."
    ),
    "Sequences like abc or 6543 are easy to guess.": "Reeksen zoals abc of 6543 zijn makkelijk te raden.",
    "Recent years are easy to guess.": "Recente jaartallen zijn makkelijk te raden.",
    "Dates are often easy to guess.": "Datums zijn vaak makkelijk te raden.",
    "This is a top-10 common password.": "Dit is een van de meest gebruikte wachtwoorden.",
    "This is a top-100 common password.": "Dit is een veelgebruikt wachtwoord.",
    "This is a very common password.": "Dit is een veelgebruikt wachtwoord.",
    "This is similar to a commonly used password.": "Dit lijkt op een veelgebruikt wachtwoord.",
    "A word by itself is easy to guess.": "Een los woord is makkelijk te raden.",
    "Names and surnames by themselves are easy to guess.": "Namen zijn makkelijk te raden.",
    "Common names and surnames are easy to guess.": "Veelvoorkomende namen zijn makkelijk te raden.",
}

_GENERIC_WEAK_NL = (
    "Deze wachtwoordzin is te makkelijk te raden. Kies bijvoorbeeld vier of vijf losse woorden "
    "die niet bij elkaar horen, met spaties ertussen."
)


@dataclass(frozen=True)
class PassphraseAssessment:
    """Live feedback for a passphrase field: whether it is acceptable and why not."""

    acceptable: bool
    reasons: tuple[str, ...]
    # 0 (very weak) to 4 (strong), for a strength bar.
    score: int


def assess_passphrase(passphrase: str) -> PassphraseAssessment:
    normalised = unicodedata.normalize("NFKC", passphrase)
    length = len(normalised)
    reasons: list[str] = []
    if length < MIN_LENGTH:
        reasons.append(
            f"Gebruik minstens {MIN_LENGTH} tekens (nu {length}). Een zin van een paar "
            "losse woorden is lang genoeg en goed te onthouden."
        )
    if length > MAX_LENGTH:
        reasons.append(f"Gebruik hoogstens {MAX_LENGTH} tekens.")
    if not normalised.strip():
        return PassphraseAssessment(False, tuple(reasons) or ("Vul een wachtwoordzin in.",), 0)

    estimate = zxcvbn(normalised[:_ESTIMATE_PREFIX], user_inputs=list(CONTEXT_WORDS))
    guessable = float(estimate["guesses_log10"]) < MIN_GUESSES_LOG10
    if guessable:
        warning = str(estimate["feedback"].get("warning") or "")
        reasons.append(_WARNINGS_NL.get(warning, _GENERIC_WEAK_NL))
        if warning in _WARNINGS_NL:
            reasons.append(_GENERIC_WEAK_NL)
    score = int(estimate["score"])
    if reasons:
        score = min(score, 2)
    return PassphraseAssessment(not reasons, tuple(reasons), score)


def require_acceptable_passphrase(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    if not assessment.acceptable:
        raise WeakPassphraseError(list(assessment.reasons))
