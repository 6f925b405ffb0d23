"""Rapportage meldingen en maatregelen: counts per period, channel, behaviour, ground,
established violations, interventions and heling-en-herstel advice; a breakdown by cluster
only when no cell of it is small. Only counts leave: the figures are grouped counts from the
database (casus.services.report_figures), and no text of any case is read. The PDF layout,
with small cells suppressed and a chart beside each table, is casus.outputs.report_pdf.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from casus import validation as v
from casus.errors import ValidationError
from casus.outputs.suppression import DEFAULT_THRESHOLD
from casus.services.feedback import FeedbackKind, FeedbackState
from casus.services.figures_cards import FiguresCardService, FiguresSource
from casus.services.report_figures import ReportFigures
from casus.vocabulary.enums import (
    BehaviourCategory,
    Channel,
    Ground,
    InterventionStatus,
    InterventionType,
    RepairStatus,
    RepairType,
)

if TYPE_CHECKING:
    from casus.vault import Vault

Key = TypeVar("Key")
TITLE = "Rapportage meldingen en maatregelen"
FOOTER = "Geaggregeerde aantallen · aantallen onder 5 zijn afgeschermd"
CHANNEL_GROUPS = ("Intern", "Extern")


def channel_group(channel: Channel) -> str:
    return "Extern" if channel.is_external else "Intern"


@dataclass(frozen=True)
class CountTable:
    title: str
    row_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def texts(self) -> list[str]:
        return [self.title, self.row_label, *self.rows, *self.columns]


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    tables: tuple[CountTable, ...]
    unit_table: CountTable | None
    # Whose figures it combines, each with its period; empty for the vault's own alone.
    sources: tuple[FiguresSource, ...] = ()

    @property
    def sources_text(self) -> str:
        return "; ".join(source.text for source in self.sources)


def _quarter(date: dt.date) -> str:
    return f"{date.year} K{(date.month - 1) // 3 + 1}"


def _table(
    title: str,
    row_label: str,
    pairs: Counter[tuple[str, str]],
    rows: list[str],
    columns: list[str],
    keep_empty_rows: bool = False,
) -> CountTable:
    counts = [tuple(pairs[(row, column)] for column in columns) for row in rows]
    kept = [(row, c) for row, c in zip(rows, counts, strict=True) if keep_empty_rows or any(c)]
    return CountTable(title, row_label, tuple(r for r, _ in kept), tuple(columns), tuple(c for _, c in kept))


def build_report(vault: Vault, start: dt.date | str, end: dt.date | str) -> Report:
    first = v.clean_date(start, "from", "Van", required=True, allow_future=True)
    last = v.clean_date(end, "to", "Tot en met", required=True, allow_future=True)
    assert first is not None and last is not None
    if last < first:
        raise ValidationError("to", "Tot en met", "ligt voor de begindatum")
    figures, sources = FiguresCardService(vault).for_report(first, last)
    report = report_of(first, last, figures)
    return replace(report, sources=sources) if len(sources) > 1 else report


def report_of(first: dt.date, last: dt.date, figures: ReportFigures) -> Report:
    """The tables of the report from its figures; a breakdown by cluster only when no cell of
    it is small."""
    groups = list(CHANNEL_GROUPS)
    established = {True: "Ja", False: "Nee", None: "Onbekend"}
    by_quarter = _grouped(figures.by_quarter, lambda quarter: quarter)
    tables = (
        _table("Meldingen per kwartaal", "Kwartaal", by_quarter, sorted({q for q, _ in by_quarter}), groups),
        _table(
            "Aard van het gedrag",
            "Aard",
            _grouped(figures.by_category, lambda category: category.label),
            [c.label for c in BehaviourCategory],
            groups,
        ),
        _table(
            "Discriminatiegronden",
            "Grond",
            _grouped(figures.by_ground, lambda ground: ground.label),
            [g.label for g in Ground],
            groups,
        ),
        _table(
            "Integriteitsschending vastgesteld",
            "Vastgesteld",
            _grouped(figures.by_established, lambda value: established[value]),
            list(established.values()),
            groups,
        ),
        _table(
            "Interventies",
            "Interventie",
            Counter({(t.label, s.label): n for (t, s), n in figures.by_intervention.items()}),
            [t.label for t in InterventionType],
            [s.label for s in InterventionStatus],
        ),
        _table(
            "Adviezen heling en herstel",
            "Advies",
            Counter({(t.label, s.label): n for (t, s), n in figures.by_advice.items()}),
            [t.label for t in RepairType],
            [s.label for s in RepairStatus],
        ),
        _table(
            "Terugkoppeling aan de melder",
            "Terugkoppeling",
            figures.by_feedback,
            [kind.value.capitalize() for kind in FeedbackKind],
            [state.value for state in FeedbackState],
        ),
    )
    by_cluster = _grouped(figures.by_cluster, lambda cluster: cluster)
    clusters = sorted({name for name, _ in by_cluster})
    unit_table = _table("Meldingen per cluster", "Cluster", by_cluster, clusters, groups)
    small = any(0 < value < DEFAULT_THRESHOLD for row in unit_table.counts for value in row)
    return Report(first, last, tables, None if small or not unit_table.rows else unit_table)


def _grouped(counts: Counter[tuple[Key, Channel]], label: Callable[[Key], str]) -> Counter[tuple[str, str]]:
    """Counts by (row label, "Intern" or "Extern")."""
    grouped: Counter[tuple[str, str]] = Counter()
    for (key, channel), count in counts.items():
        grouped[(label(key), channel_group(channel))] += count
    return grouped


def default_file_name(start: dt.date, end: dt.date) -> str:
    """Says what it is and the period it covers, nothing more."""
    return f"rapportage-meldingen-en-maatregelen-{start:%Y-%m-%d}-tot-{end:%Y-%m-%d}.pdf"
