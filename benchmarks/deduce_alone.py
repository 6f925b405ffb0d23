"""deduce 3 on its own, for comparison: JSON Lines in (the corpus format), contract lines out.

Its standard configuration and lists; its lookup cache in the user cache directory (not in
site-packages). No registry: deduce knows no case's people, units or numbers.
"""

from __future__ import annotations

import json
import logging
import sys

import platformdirs

from casus.identify.wordlists import import_deduce

KINDS = {
    "persoon": "person", "patient": "person", "locatie": "location", "datum": "date",
    "telefoonnummer": "phone", "emailadres": "email", "bsn": "id", "id": "id", "url": "id",
    "ziekenhuis": "org", "zorginstelling": "org", "leeftijd": "id",
}  # fmt: skip


def _span(annotation: object) -> dict[str, object]:
    tag = annotation.tag  # type: ignore[attr-defined]
    return {
        "start": int(annotation.start_char),  # type: ignore[attr-defined]  # numpy integers
        "end": int(annotation.end_char),  # type: ignore[attr-defined]
        "kind": KINDS.get(tag, "id"),
        "ref": "x",
        "replacement": f"[{tag.upper()}]",
    }


def main() -> None:
    deduce = import_deduce()
    logging.disable(logging.CRITICAL)
    cache = platformdirs.user_cache_path("Casus", appauthor=False) / f"deduce-full-{deduce.__version__}"
    cache.mkdir(parents=True, exist_ok=True)
    instance = deduce.Deduce(cache_path=cache)
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        fields = {}
        for name in ("narrative", "question", "advice"):
            text = case.get(name) or ""
            document = instance.deidentify(text)
            fields[name] = {
                "text": document.deidentified_text,
                "spans": [_span(a) for a in sorted(document.annotations, key=lambda a: a.start_char)],
            }
        sys.stdout.write(json.dumps({"id": case["id"], "fields": fields}, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
