"""Dataset statistics: class counts, text lengths, a suggested max_seq_len, and warnings."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

SEQ_LEN_STEPS = (16, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 448, 512)
IMBALANCE_RATIO = 3.0  # largest / smallest class at which we warn
SMALL_CLASS = 10  # fewer examples than this in a class is worth a warning


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


def compute_stats(texts: Sequence[str], label_ids: Sequence[int], label_names: Sequence[str]) -> DatasetStats:
    """Counts, length percentiles, suggested max_seq_len, duplicates and imbalance warnings."""
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
    stats.warnings = _warnings(stats)
    return stats


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
            out.append(f"imbalanced classes: {big!r} has {present[big]:,} examples, {small!r} only "
                       f"{present[small]:,} ({ratio:.0f}:1); macro-F1 is a fairer metric than accuracy")
    for name, n in s.class_counts.items():
        if n == 0:
            out.append(f"label {name!r} has no examples")
        elif n < SMALL_CLASS:
            out.append(f"label {name!r} has only {n} example{'s' if n != 1 else ''}; the model will "
                       "hardly learn it")
    if s.conflicting:
        out.append(f"{s.conflicting:,} repeated texts carry a different label than their first occurrence")
    if s.length["max"] > 4 * s.suggested_max_seq_len and s.suggested_max_seq_len == SEQ_LEN_STEPS[-1]:
        out.append("some texts are much longer than 512 characters; only their beginning is used")
    return out
