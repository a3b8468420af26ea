"""Dataset statistics: class counts, text lengths, a suggested max_seq_len, duplicates and warnings.

Duplicates come in two kinds: exact ones (same text, same label: the row adds nothing but weight)
and conflicting ones (same text, different labels: at most one of them is right). Both are named by
line, so the Data page can list them in Problems.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.messages import join, say

from .problems import Problem

SEQ_LEN_STEPS = (16, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 448, 512)
IMBALANCE_RATIO = 3.0  # largest / smallest class at which we warn
SMALL_CLASS = 10  # fewer examples than this in a class is worth a warning
LINES_KEPT = 100  # exact duplicates / conflicting texts whose lines are kept (the counts are exact)
LINES_IN_SUMMARY = 5  # line numbers quoted in a one-line warning
LINES_PER_CONFLICT = 10  # occurrences named for one conflicting text


@dataclass
class DatasetStats:
    """What the Data page shows and what the trainer presets start from."""

    num_examples: int
    class_counts: dict[str, int]  # label name -> count, in class-index order
    length: dict[str, int]  # characters: min, p50, p90, p95, p99, max
    mean_length: float
    suggested_max_seq_len: int
    duplicates: int  # texts seen before in the same file
    conflicting: int  # duplicated texts that carry different labels
    warnings: list[str] = field(default_factory=list)
    exact_duplicates: int = 0  # rows with the text and label of an earlier row
    # [line, line of its first occurrence] for the first LINES_KEPT exact duplicates
    exact_duplicate_lines: list[list[int]] = field(default_factory=list)
    conflicting_texts: int = 0  # distinct texts that carry more than one label
    # the first LINES_KEPT of them: {"text", "lines": [...], "labels": [label name per line]}
    conflicts: list[dict] = field(default_factory=list)
    has_lines: bool = False  # the lines above are file lines (else 1-based row numbers)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def percentile(sorted_values: Sequence[int], q: float) -> int:
    """Nearest-rank percentile (q in 0..100) of an ascending sequence."""
    if not sorted_values:
        return 0
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def suggest_max_seq_len(p95_chars: int) -> int:
    """p95 length (+2 for [CLS]/[SEP]) rounded up to the next common size, capped at 512."""
    need = p95_chars + 2
    return next((s for s in SEQ_LEN_STEPS if s >= need), SEQ_LEN_STEPS[-1])


def compute_stats(texts: Sequence[str], label_ids: Sequence[int], label_names: Sequence[str],
                  lines: Sequence[int] | None = None) -> DatasetStats:
    """Counts, length percentiles, suggested max_seq_len, duplicates and imbalance warnings.

    ``lines`` (the file line of each row) lets the duplicate warnings name lines instead of rows.
    """
    counts = Counter(label_ids)
    class_counts = {name: counts.get(i, 0) for i, name in enumerate(label_names)}
    lengths = sorted(map(len, texts))
    length = {"min": lengths[0] if lengths else 0, "p50": percentile(lengths, 50),
              "p90": percentile(lengths, 90), "p95": percentile(lengths, 95),
              "p99": percentile(lengths, 99), "max": lengths[-1] if lengths else 0}
    first_label: dict[str, int] = {}
    conflicting = 0
    for text, label in zip(texts, label_ids):
        if first_label.setdefault(text, label) != label:
            conflicting += 1
    duplicates = len(texts) - len(first_label)
    stats = DatasetStats(len(texts), class_counts, length, sum(lengths) / len(lengths) if lengths else 0.0,
                         suggest_max_seq_len(length["p95"]), duplicates, conflicting)
    _find_duplicates(stats, texts, label_ids, label_names, lines)
    stats.warnings = _warnings(stats)
    return stats


def _find_duplicates(stats: DatasetStats, texts: Sequence[str], label_ids: Sequence[int],
                     label_names: Sequence[str], lines: Sequence[int] | None) -> None:
    """Fill the exact-duplicate and conflict fields of ``stats`` (one pass over the rows)."""
    where = list(lines) if lines is not None else list(range(1, len(texts) + 1))
    stats.has_lines = lines is not None
    first_row: dict[tuple[str, int], int] = {}  # (text, label) -> its first row
    first_of_text: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}  # only texts seen more than once: most files have few
    for row, (text, label) in enumerate(zip(texts, label_ids)):
        seen = first_of_text.setdefault(text, row)
        if seen != row:
            repeated.setdefault(text, [seen]).append(row)
        first = first_row.setdefault((text, label), row)
        if first != row:
            stats.exact_duplicates += 1
            if len(stats.exact_duplicate_lines) < LINES_KEPT:
                stats.exact_duplicate_lines.append([where[row], where[first]])
    for text, rows in repeated.items():
        if len({label_ids[r] for r in rows}) < 2:
            continue
        stats.conflicting_texts += 1
        if len(stats.conflicts) < LINES_KEPT:
            shown = rows[:LINES_PER_CONFLICT]
            stats.conflicts.append({"text": text, "lines": [where[r] for r in shown],
                                    "labels": [_name(label_names, label_ids[r]) for r in shown]})
    stats.conflicts.sort(key=lambda c: c["lines"][0])


def _name(label_names: Sequence[str], label_id: int) -> str:
    return label_names[label_id] if 0 <= label_id < len(label_names) else str(label_id)


def _quoted_lines(lines: list[int], total: int, has_lines: bool) -> str:
    """"lines 4, 9, 12, …" (the first few), or "rows …" when the numbers are not file lines."""
    shown = ", ".join(str(n) for n in lines[:LINES_IN_SUMMARY])
    shown += ", …" if total > min(len(lines), LINES_IN_SUMMARY) else ""
    if has_lines:
        return (say("data.lines", "lines {numbers}", numbers=shown) if total > 1 else
                say("data.line", "line {numbers}", numbers=shown))
    return say("data.rows", "rows {numbers}", numbers=shown) if total > 1 else say("data.row", "row {numbers}",
                                                                                        numbers=shown)


def duplicate_problems(stats: DatasetStats, file: str) -> list[Problem]:
    """The duplicates as ``file:line`` warnings, in line order, for the Problems list."""
    hint = say("data.hint-delete-repeat", "delete the repeated line: it only gives this text more weight")
    out = [Problem(file, line, say("data.row-repeats", "repeats line {first} exactly (same text and label)",
                                   first=first), hint)
           for line, first in stats.exact_duplicate_lines]
    for c in stats.conflicts:
        occurrences = join((say("data.line-label", "line {line} {label!r}", line=n, label=lb)
                            for n, lb in zip(c["lines"], c["labels"])), ", ")
        out.append(Problem(file, c["lines"][0], say("data.row-conflict", "the same text has different labels: "
                                                    "{occurrences}", occurrences=occurrences),
                           say("data.hint-keep-right-label", "keep the right label and delete the other lines")))
    out.sort(key=lambda p: p.line or 0)
    if stats.exact_duplicates > len(stats.exact_duplicate_lines):
        out.append(Problem(file, None, say("data.more-duplicates", "… and {n:,} more repeated rows, not listed",
                                           n=stats.exact_duplicates - len(stats.exact_duplicate_lines))))
    if stats.conflicting_texts > len(stats.conflicts):
        out.append(Problem(file, None, say("data.more-conflicts", "… and {n:,} more texts with different labels, "
                                           "not listed", n=stats.conflicting_texts - len(stats.conflicts))))
    return out


def length_histogram(texts: Sequence[str], bins: int = 30) -> tuple[list[int], list[int]]:
    """Histogram of text lengths up to p99 (the last bin holds everything longer): (edges, counts)."""
    lengths = sorted(map(len, texts))
    if not lengths:
        return [0, 1], [0]
    top = max(percentile(lengths, 99), 1)
    width = max(1, math.ceil(top / bins))
    counts = [0] * bins
    for n in lengths:
        counts[min(n // width, bins - 1)] += 1
    return [i * width for i in range(bins + 1)], counts


def _warnings(s: DatasetStats) -> list[str]:
    out = []
    present = {k: v for k, v in s.class_counts.items() if v}
    if len(present) >= 2:
        big = max(present, key=present.get)
        small = min(present, key=present.get)
        ratio = present[big] / present[small]
        if ratio >= IMBALANCE_RATIO:
            out.append(say("data.warn-imbalance", "imbalanced classes: {big!r} has {big_count:,} examples, {small!r} "
                           "only {small_count:,} ({ratio:.0f}:1); macro-F1 is a fairer metric than accuracy",
                           big=big, big_count=present[big], small=small, small_count=present[small], ratio=ratio))
    for name, n in s.class_counts.items():
        if n == 0:
            out.append(say("data.warn-label-empty", "label {label!r} has no examples", label=name))
        elif n == 1:
            out.append(say("data.warn-label-one", "label {label!r} has only 1 example; the model will hardly learn it",
                           label=name))
        elif n < SMALL_CLASS:
            out.append(say("data.warn-label-few", "label {label!r} has only {count} examples; the model will hardly "
                           "learn it", label=name, count=n))
    if s.conflicting_texts:
        lines = [n for c in s.conflicts for n in c["lines"]]
        where = _quoted_lines(lines, len(lines) + (s.conflicting_texts > len(s.conflicts)), s.has_lines)
        out.append(say("data.warn-conflicts", "repeated texts carry different labels: {n:,} texts on {where}",
                       n=s.conflicting_texts, where=where) if s.conflicting_texts != 1 else
                   say("data.warn-conflict", "repeated texts carry different labels: 1 text on {where}", where=where))
    if s.exact_duplicates:
        where = _quoted_lines([pair[0] for pair in s.exact_duplicate_lines], s.exact_duplicates, s.has_lines)
        out.append(say("data.warn-duplicates", "{n:,} rows repeat an earlier row exactly (same text and label): "
                       "{where}", n=s.exact_duplicates, where=where))
    if s.length["max"] > 4 * s.suggested_max_seq_len and s.suggested_max_seq_len == SEQ_LEN_STEPS[-1]:
        out.append(say("data.warn-long-texts", "some texts are much longer than 512 characters; only their beginning "
                       "is used"))
    return out
