"""Label values -> class indices: names or integers, and the order of inferred label names."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from core.messages import say

_INT = re.compile(r"[+-]?\d+")
_INT_FLOAT = re.compile(r"([+-]?\d+)\.0+")

# Polarity rank of well-known sentiment names (lower-cased): negative first, then neutral, positive.
POLARITY = {
    **dict.fromkeys(("负面", "负向", "消极", "差评", "负", "negative", "neg", "bad"), 0),
    **dict.fromkeys(("中性", "中立", "中评", "neutral", "neu"), 1),
    **dict.fromkeys(("正面", "正向", "积极", "好评", "正", "positive", "pos", "good"), 2),
}


def normalize_label(raw: str) -> str:
    """Strip spaces and write integral floats ("1.0") as integers ("1")."""
    value = raw.strip()
    m = _INT_FLOAT.fullmatch(value)
    return m.group(1) if m else value


def label_key(value: str) -> str:
    """What two spellings of one label share: "Positive", "positive", "po sitive", "ｐｏｓｉｔｉｖｅ"."""
    return "".join(unicodedata.normalize("NFKC", value).casefold().split())


def merge_spellings(values: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Map each spelling to the most common spelling of its label; a warning for each label merged.

    Labels differing only in case, width or spacing are one class: a file mixing "Positive" and
    "positive" means one thing, not two classes of the same examples.
    """
    counts = Counter(values)
    groups: dict[str, list[str]] = {}
    for value in sorted(counts, key=lambda v: (-counts[v], v)):  # most common spelling first
        groups.setdefault(label_key(value), []).append(value)
    canonical, warnings = {}, []
    for spellings in groups.values():
        for value in spellings:
            canonical[value] = spellings[0]
        if len(spellings) > 1:
            shown = ", ".join(f"{v!r} ({counts[v]:,})" for v in spellings)
            warnings.append(say("data.warn-spellings-merged", "labels {spellings} differ only in case or spacing: "
                                "one class {label!r}", spellings=shown, label=spellings[0]))
    return canonical, warnings


def infer_label_names(values: Iterable[str]) -> list[str]:
    """Label names in class-index order: integers numerically, sentiment names negative first, else sorted."""
    names = sorted(set(values))
    if names and all(_INT.fullmatch(v) for v in names):
        return sorted(names, key=int)
    ranks = [POLARITY.get(v.lower()) for v in names]
    if names and None not in ranks and len(set(ranks)) == len(names):
        return [n for _, n in sorted(zip(ranks, names))]
    return names


class LabelMap:
    """Maps a label cell to a class index: by name, case-insensitively, or as an index into the names."""

    def __init__(self, names: list[str]):
        self.names = list(names)
        self._exact = {n: i for i, n in enumerate(self.names)}
        self._folded = {label_key(n): i for i, n in enumerate(self.names)}
        if len(self._folded) != len(self.names):
            self._folded = {}  # "Pos" and "pos" both named: only exact matches are safe
        # integers index the names, unless the names are integers themselves ("1".."5" stars)
        self._by_index = not all(_INT.fullmatch(n) for n in self.names)
        # sentiment names in another vocabulary ("正面" for "positive") map by polarity
        ranks = [POLARITY.get(n.lower()) for n in self.names]
        self._by_polarity = ({r: i for i, r in enumerate(ranks)}
                             if None not in ranks and len(set(ranks)) == len(ranks) else {})

    def index(self, value: str) -> int | None:
        """Class index of a normalized label value, or None when it is not a known label."""
        i = self._exact.get(value)
        if i is None:
            i = self._folded.get(label_key(value))
        if i is None and self._by_index and _INT.fullmatch(value):
            n = int(value)
            if 0 <= n < len(self.names):
                i = n
        if i is None and self._by_polarity:
            i = self._by_polarity.get(POLARITY.get(value.lower(), -1))
        return i
