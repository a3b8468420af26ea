"""The Data page's work off the GUI thread: read a file, analyse the chosen columns, list the samples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Analysis:
    """What the page shows once columns are chosen (computed off the GUI thread)."""

    examples: Any  # core.datasets Examples
    stats: Any  # DatasetStats
    edges: list[int]
    counts: list[int]
    problems: list[Any]  # Problem: the rejected rows, in line order
    warnings: list[Any] = field(default_factory=list)  # Problem: usable rows worth a look (duplicates)


def read_file(path: str) -> tuple[Any, str | None, str | None]:
    """Read the whole file and guess its text and label columns."""
    from core.datasets.examples import guess_columns
    from core.datasets.reading import read_table

    table = read_table(path)
    text, label = guess_columns(table)
    return table, text, label


def analyse(table: Any, text_column: str, label_column: str) -> Analysis:
    """Validate the rows for the chosen columns; stats, histogram and the duplicates by line."""
    from core.datasets.examples import build_examples
    from core.datasets.stats import compute_stats, duplicate_problems, length_histogram

    examples = build_examples(table, text_column, label_column)
    stats = compute_stats(examples.texts, examples.label_ids, examples.label_names, examples.lines)
    edges, counts = length_histogram(examples.texts)
    seen: set[tuple[Any, str]] = set()
    problems = []
    for p in sorted([*table.problems, *examples.problems], key=lambda p: p.line or 0):
        if (p.line, p.message) not in seen:
            seen.add((p.line, p.message))
            problems.append(p)
    return Analysis(examples, stats, edges, counts, problems, duplicate_problems(stats, examples.file))


def samples() -> list[Any]:
    """The sample datasets shipped with the app (empty when none are installed)."""
    try:
        from core.datasets import sample_datasets
    except ImportError:
        return []
    return list(sample_datasets())
