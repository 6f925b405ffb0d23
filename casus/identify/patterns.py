"""Pattern detector: what has a shape rather than a name.

E-mail addresses, Dutch phone numbers in every common notation (and "toestel 1234"),
postcodes, IBANs, case, report and dossier numbers, licence plates, URLs with a path,
social-media handles, long numbers, and dates in Dutch notation. Each match carries in
`detail` what the replacement needs (a date's month and year, a number's sort).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casus.identify.folding import FoldedText
from casus.identify.numbers import phone_key, spoken_digits
from casus.identify.spans import PRIORITY_PATTERN, Span, SpanKind

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WRITTEN = re.compile(
    rf"(?<![\w])(?P<day>[0-3]?\d)(?:e|ste|de)?\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>(?:19|20)\d\d|'\d\d))?(?![\w])",
    re.IGNORECASE,
)
_DATE_NUMERIC = re.compile(
    r"(?<![\w.\-/])(?P<day>[0-3]?\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d|\d\d)(?![\w\-/]|\.\d)"
)
_DATE_ISO = re.compile(r"(?<![\w\-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w\-])")
# "op 21-9", "sinds 3/6": a day and month without a year, only after a word that dates it.
_DATE_DAY_MONTH = re.compile(
    r"(?i:\b(?:op|sinds|vanaf|tot|per|d\.d\.|datum|voor|na|rond|omstreeks|van)\s+)"
    r"(?P<day>[0-3]?\d)(?P<sep>[-/])(?P<month>[01]?\d)(?![\w\-/]|[.,]\d)"
)

# The local part may hold an apostrophe ("j.o'neill@..."), as addresses do.
_EMAIL = re.compile(r"(?<![\w.+\-])\w[\w.+\-']*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\w\-])")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')]+|(?<![\w@.\-])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:nl|com|org|net|eu|be|nu|info|io|me)/[^\s<>\"')]+"
)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{6,18}\d(?![\d])")
_EXTENSION = re.compile(
    r"(?i)\b(?:toestel(?:nummer)?|tst\.?|doorkiesnummer|doorkies|intern nummer)\s*:?\s*\d{3,5}\b"
)
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?[A-Z]{2}(?![\w])")
_IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}(?![\w])|(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?(?![\w])"
)
_CASE_NUMBER = re.compile(r"(?<![\w\-])[A-Z]{1,5}-\d{2,4}-\d{2,7}(?![\w\-])")
_PLATE = re.compile(r"(?<![\w\-])[A-Z0-9]{1,3}-[A-Z0-9]{1,3}-[A-Z0-9]{1,3}(?![\w\-])")
_NUMBER_AFTER_WORD = re.compile(
    r"(?i)\b(?:zaak|melding|meldings|dossier|aangifte|registratie|referentie|klant|cliënt|client|"
    r"personeels|medewerkers|werknemers|bsn|burgerservice|kenteken|kvk|polis|factuur|ticket|incident)"
    r"(?:nummer|nr\.?|no\.?)?\s*:?\s*(?P<number>[A-Z0-9][A-Z0-9\-/.]*\d[A-Z0-9]*)"
)
_PERS_NR = re.compile(r"(?i)\bpers(?:oneels)?\.?\s?nr\.?\s*:?\s*(?P<number>\d[\d\-]*\d)")
_LONG_NUMBER = re.compile(r"(?<![\w\-/.,])\d{7,}(?![\w\-/]|[.,]\d)")


# "ma 15 apr.", "vr 15-3": abbreviated only right before a date.
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|(?:ma|di|wo|do|vr|za|zo)\.?)"
_ON = re.compile(rf"(?i)(?<![\w])(?:op\s+(?:{_WEEKDAY}\s+)?|{_WEEKDAY}\s+)$")
# "12/3", "(13-3)", "- di 5/3": a day and a month with nothing else to date them, where they
# stand alone: after a weekday, in parentheses, opening a line or a list item, or ending one.
# ("3/4 van de medewerkers" stands inside a sentence and stays.)
_DATE_BARE = re.compile(
    rf"(?i:(?P<lead>(?:^|\n)[ \t]*(?:[-•*][ \t]*)?|\(|{_WEEKDAY}\s+))"
    r"(?P<day>[0-3]?\d)(?P<sep>[-/])(?P<month>[01]?\d)(?![\w\-/]|[.,]\d)(?!\s+(?:van|deel|procent)\b)"
)
_DATE_BARE_END = re.compile(
    r"(?<![\w\-/.])(?P<day>[0-3]?\d)(?P<sep>[-/])(?P<month>[01]?\d)(?=[ \t]*(?:\n|$))"
)
_ORDINALS = (
    "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|"
    "veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|eenentwintigste|"
    "tweeëntwintigste|drieëntwintigste|vierentwintigste|vijfentwintigste|zesentwintigste|"
    "zevenentwintigste|achtentwintigste|negenentwintigste|dertigste|eenendertigste"
)
# "dinsdag de negende": a weekday and a day written as a word.
_DATE_ORDINAL = re.compile(
    r"(?i)(?<![\w])(?:op\s+)?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+(?:de\s+)?"
    rf"(?:{_ORDINALS})(?![\w])"
)


def _valid_day_month(day: str, month: int) -> bool:
    return 1 <= int(day) <= 31 and 1 <= month <= 12


def _year(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.lstrip("'")
    return raw if len(raw) == 4 else ("20" + raw if int(raw) < 70 else "19" + raw)


def _date(match: re.Match[str], month: int) -> Span | None:
    if not _valid_day_month(match.group("day"), month):
        return None
    year = _year(match.groupdict().get("year"))
    start, end = match.span("day")[0], match.end()
    # "op 3 januari 2023" reads "in januari 2023" once the day is gone: take "op" along.
    before = _ON.search(match.string, max(0, start - 14), start)
    if before:
        start = before.start()
    return Span(
        start, end, SpanKind.DATE, priority=PRIORITY_PATTERN, detector="pattern", detail=f"{month}/{year}"
    )


def dates(text: str) -> Iterator[Span]:
    for match in _DATE_WRITTEN.finditer(text):
        span = _date(match, MONTHS[match.group("month").lower()])
        if span:
            yield span
    for pattern in (_DATE_NUMERIC, _DATE_ISO, _DATE_DAY_MONTH, _DATE_BARE, _DATE_BARE_END):
        for match in pattern.finditer(text):
            span = _date(match, int(match.group("month")))
            if span:
                yield span
    for match in _DATE_ORDINAL.finditer(text):
        yield Span(*match.span(), SpanKind.DATE, priority=PRIORITY_PATTERN, detector="pattern", detail="/")


def _is_phone(raw: str) -> bool:
    if raw.count("(") != raw.count(")") or "--" in raw or "  " in raw.replace(" - ", " "):
        return False
    if re.search(r"\d[./]\d{1,2}[./]\d", raw):  # a date or a version number
        return False
    national = phone_key(raw)
    if national.startswith("+"):
        return 10 <= len(national) <= 16
    if national.startswith(("0800", "0900", "0906", "0909")):
        return 8 <= len(national) <= 11
    return national.startswith("0") and not national.startswith("00") and len(national) == 10


def phones(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        raw = match.group().rstrip(" -./(")
        if raw.startswith("(") and ")" not in raw:
            raw = raw[1:]
        if _is_phone(raw):
            start = match.start() + match.group().index(raw)
            yield Span(start, start + len(raw), SpanKind.PHONE, priority=PRIORITY_PATTERN, detector="pattern")
    folded = FoldedText.of(text)
    for start, end, digits in spoken_digits(folded.folded):
        if _is_phone(digits):
            yield Span(*folded.original_span(start, end), SpanKind.PHONE, priority=PRIORITY_PATTERN,
                       detector="pattern", detail="spoken")  # fmt: skip
    for match in _EXTENSION.finditer(text):
        yield Span(
            *match.span(), SpanKind.PHONE, priority=PRIORITY_PATTERN, detector="pattern", detail="extension"
        )


def _plate(raw: str) -> bool:
    groups = raw.split("-")
    compact = "".join(groups)
    has_letters = any(g.isalpha() for g in groups)
    has_digits = any(g.isdigit() for g in groups)
    mixed_group = any(not g.isalpha() and not g.isdigit() for g in groups)
    return len(compact) == 6 and has_letters and has_digits and not mixed_group


# "PV2211-2024556677", "INC-88213", "dn-2024-0388", "2024-INK-0457", "BVH 2024-0345671",
# "I2402-0031": groups of letters and digits joined by "-" or "/" (or a space after a capital
# prefix), holding letters and at least four digits, one group of three or more.
_GROUPED = re.compile(
    # (a digit ahead: a word without one is no reference, and most words have none)
    r"(?<![\w#\-/.])(?=(?:[A-Z]{2,5}\s)?[A-Za-z0-9\-/]*\d)"
    r"(?:[A-Z]{2,5}\s(?=\d))?[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+){0,4}(?![\w\-/])"
)
_TICKET = re.compile(r"(?<![\w&])#\d{4,}(?![\w\-])")


def _references(text: str) -> Iterator[tuple[int, int]]:
    for match in _GROUPED.finditer(text):
        groups = re.split(r"[-/\s]", match.group())
        digits = sum(c.isdigit() for c in match.group())
        letters = any(c.isalpha() for c in match.group())
        # A reference's letters are a code ("PV", "INK", "dn"), not words: not a file name
        # such as "notulen-casuistiekoverleg-2025-05".
        wordy = any(g.isalpha() and len(g) > 5 for g in groups)
        if (
            letters
            and not wordy
            and digits >= 4
            and any(sum(c.isdigit() for c in g) >= 3 for g in groups)
            and (
                len(groups) > 2
                or (len(groups) == 2 and " " not in match.group())  # "BVH 2024-03", not "ISO 27001"
                or (len(groups) == 1 and groups[0][:1].isalpha() and groups[0][-1:].isdigit())
            )
        ):
            yield match.span()


def numbers(text: str) -> Iterator[Span]:
    def number(start: int, end: int, detail: str) -> Span:
        return Span(start, end, SpanKind.ID, priority=PRIORITY_PATTERN, detector="pattern", detail=detail)

    for match in _CASE_NUMBER.finditer(text):
        yield number(*match.span(), "case")
    for start, end in _references(text):
        yield number(start, end, "case")
    for match in _TICKET.finditer(text):
        yield number(*match.span(), "case")
    for match in _PLATE.finditer(text):
        if _plate(match.group()):
            yield number(*match.span(), "plate")
    for match in _IBAN.finditer(text):
        yield number(*match.span(), "iban")
    for pattern in (_NUMBER_AFTER_WORD, _PERS_NR):
        for match in pattern.finditer(text):
            raw = match.group("number").rstrip(".-/")
            start = match.start("number")
            yield number(start, start + len(raw), "number")
    for match in _LONG_NUMBER.finditer(text):
        yield number(*match.span(), "number")


def accounts(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span(*match.span(), SpanKind.EMAIL, priority=PRIORITY_PATTERN, detector="pattern")
    for match in _HANDLE.finditer(text):
        yield Span(*match.span(), SpanKind.ID, priority=PRIORITY_PATTERN, detector="pattern", detail="handle")
    for match in _URL.finditer(text):
        raw = match.group().rstrip(".,;:!?")
        yield Span(match.start(), match.start() + len(raw), SpanKind.ID, priority=PRIORITY_PATTERN,
                   detector="pattern", detail="url")  # fmt: skip


def postcodes(text: str) -> Iterator[Span]:
    for match in _POSTCODE.finditer(text):
        yield Span(
            *match.span(), SpanKind.LOCATION, priority=PRIORITY_PATTERN, detector="pattern", detail="postcode"
        )


class PatternDetector:
    name = "pattern"

    def detect(self, text: str) -> list[Span]:
        return [*dates(text), *phones(text), *numbers(text), *accounts(text), *postcodes(text)]


_SPELLED_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|apenstaartje)\s*[)\]}]\s*|\s+(?:at|apenstaartje)\s+)"
_SPELLED_DOT = r"(?:\s*[(\[{]\s*(?:dot|punt)\s*[)\]}]\s*|\s+(?:dot|punt)\s+|\s?\.\s?)"
_SPELLED_EMAIL = re.compile(
    rf"(?i)(?<![\w.+\-])[\w.+\-]+{_SPELLED_AT}[a-z0-9\-]+(?:{_SPELLED_DOT}[a-z0-9\-]+)*{_SPELLED_DOT}"
    r"(?:nl|com|org|net|eu|be|de|info|nu|io)(?![\w])"
)


def spelled_out_emails(text: str) -> Iterator[Span]:
    """ "naam at hotmail dot com", "j.jansen (at) gemeente (punt) nl": an address written out
    so that a filter would not see it; a reader still does."""
    for match in _SPELLED_EMAIL.finditer(text):
        yield Span(*match.span(), SpanKind.EMAIL, priority=PRIORITY_PATTERN, detector="pattern")


# Digits as someone typing around a filter writes them: groups apart ("06 - 12 34 56 78"),
# a letter O for a zero or an l for a one ("O6-l2345678"), split by up to three separators,
# with a letter before or after ("P0048213", "0048213a"). An "o" or "l" counts as a digit
# only where it stands among digits, not as the end of a word ("protocol 1234567").
_DIGIT_OR_LOOKALIKE = r"(?:\d|(?<![^\W\d_])[ol](?=[\d\s.\-/()])|(?<=\d)[ol](?![^\W\d_]))"
_DIGIT_RUN = re.compile(
    rf"(?<!\d)\+?{_DIGIT_OR_LOOKALIKE}(?:{_DIGIT_OR_LOOKALIKE}|[\s.\-/()]{{1,3}}(?={_DIGIT_OR_LOOKALIKE}))*(?!\d)"
)


def digit_runs(folded: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of every run of digits in a folded text, letters O and l read as
    0 and 1 where they stand among digits; only runs with at least four real digits."""
    for match in _DIGIT_RUN.finditer(folded):
        raw = match.group().rstrip(" .-/(")
        if sum(c.isdigit() for c in raw) < 4:
            continue
        digits = "".join("0" if c == "o" else "1" if c == "l" else c for c in raw if c in "+0123456789ol")
        yield match.start(), match.start() + len(raw), digits


def is_email(text: str) -> bool:
    """The same shape the detectors find in running text, for a whole value (validation)."""
    return bool(_EMAIL.fullmatch(text))
