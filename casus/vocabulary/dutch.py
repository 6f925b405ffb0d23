"""Counts in Dutch: "1 casus", "2 casussen", never "1 casussen" or "bevinding(en)"."""

from __future__ import annotations

# The count words Casus uses: singular and plural.
WORDS = {
    "casus": "casussen",
    "open actie": "open acties",
    "bevinding": "bevindingen",
    "woord": "woorden",
    "vondst": "vondsten",
    "tekst": "teksten",
    "voorstel": "voorstellen",
    "vervanging": "vervangingen",
    "voorgestelde vervanging": "voorgestelde vervangingen",
    "herleidbaar gegeven": "herleidbare gegevens",
    "bestand": "bestanden",
    "punt": "punten",
    "groep": "groepen",
    "actie": "acties",
    "advieskaart": "advieskaarten",
    "eerdere cijferkaart": "eerdere cijferkaarten",
    "casuskaart": "casuskaarten",
    "afgesloten casus": "afgesloten casussen",
    "dag": "dagen",
}


def counted(number: int, singular: str) -> str:
    """`number` and the word in the form that number takes ("1 woord", "3 woorden")."""
    return f"{number} {singular if number == 1 else WORDS[singular]}"
