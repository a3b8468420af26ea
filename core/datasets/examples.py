"""From a table to labelled examples: choose the text and label columns, reject bad rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from core.messages import say

from .labels import LabelMap, infer_label_names, merge_spellings, normalize_label
from .problems import EMPTY_TEXT, EMPTY_TEXT_HINT, ROLES, DatasetError, Fix, Problem, field_count, too_long
from .reading import MAX_FIELD_CHARS, FileInfo, Table, read_table

TEXT_NAMES = ("text", "text_a", "sentence", "sentence1", "review", "content", "comment", "document",
              "query", "title", "headline", "文本", "评论", "内容", "句子", "正文", "标题")
LABEL_NAMES = ("label", "labels", "sentiment", "polarity", "class", "category", "target", "topic", "y",
               "tag", "标签", "类别", "情感", "分类", "主题", "极性")
MAX_TEXT_CHARS = MAX_FIELD_CHARS
MAX_LABELS = 200  # more distinct values than this is a text or id column, not labels
_INT = re.compile(r"[+-]?\d+")


@dataclass
class Examples:
    """The usable rows of one file: texts, class indices and the line each came from."""

    file: str
    info: FileInfo
    text_column: str
    label_column: str
    texts: list[str]
    label_ids: list[int]
    lines: list[int]
    label_names: list[str]
    problems: list[Problem] = field(default_factory=list)  # every rejected row, in line order
    rows_read: int = 0  # rows parsed, good or rejected (not counting the header)
    warnings: list[str] = field(default_factory=list)  # e.g. label spellings merged into one class

    def __len__(self) -> int:
        return len(self.texts)

    def class_counts(self) -> dict[str, int]:
        """Examples per label name, in class-index order (zeros included)."""
        counts = Counter(self.label_ids)
        return {name: counts.get(i, 0) for i, name in enumerate(self.label_names)}


def guess_columns(table: Table) -> tuple[str | None, str | None]:
    """Best (text, label) column names for a table, by name first, then by content."""
    cols = table.columns
    lower = [c.lower() for c in cols]
    text = next((cols[lower.index(n)] for n in TEXT_NAMES if n in lower), None)
    label = next((cols[lower.index(n)] for n in LABEL_NAMES if n in lower and cols[lower.index(n)] != text),
                 None)
    if text and label:
        return text, label
    sample = table.rows[:2000]
    mean_len: dict[str, float] = {}
    distinct: dict[str, int] = {}
    for j, col in enumerate(cols):
        values = [r[j].strip() for r in sample if j < len(r) and r[j] is not None and r[j].strip()]
        if not values:
            continue
        mean_len[col] = sum(map(len, values)) / len(values)
        distinct[col] = len(set(values))
    if text is None:
        # the longest non-numeric column; ids and scores are numbers
        candidates = [c for c in mean_len if c != label and not all(
            _INT.fullmatch(r[cols.index(c)].strip() or "0") for r in sample[:200]
            if cols.index(c) < len(r) and r[cols.index(c)] is not None)]
        # texts are mostly distinct and labels repeat: a short review must not lose to "positive"
        varied = [c for c in candidates if distinct[c] > len(sample) // 2]
        text = max(varied or candidates, key=lambda c: mean_len[c], default=None)
    if label is None:
        candidates = [c for c in distinct if c != text and distinct[c] >= 2]
        label = min(candidates, key=lambda c: (distinct[c], mean_len[c]), default=None)
    return text, label


def resolve_column(table: Table, column: str, role: str) -> int:
    """Index of a column given by header name / JSON key, or by its 0-based number; DatasetError if absent."""
    cols = table.columns
    if column in cols:
        return cols.index(column)
    if _INT.fullmatch(column.strip()) and table.info.format != "jsonl":
        j = int(column)
        if 0 <= j < len(cols):
            return j
    info = table.info
    shown = ", ".join(cols[:12]) + (", …" if len(cols) > 12 else "")
    setting = f"{role}_column"
    role_words = ROLES.get(role, role)
    if info.format == "jsonl":
        raise DatasetError(info.path, say("data.no-key", "no object has the key {column!r} for the {role}",
                                          column=column, role=role_words),
                           say("data.hint-keys-found", "keys found: {keys}", keys=shown or say("data.none", "none")),
                           fix=Fix(setting, say("data.fix-choose-key", "choose the {role} key", role=role_words),
                                   "KEY"))
    if not info.has_header:
        raise DatasetError(info.path, say("data.no-column-no-header",
                                          "no column {column!r} for the {role}: the file has no header row",
                                          column=column, role=role_words),
                           say("data.hint-numbered", "its columns are numbered {numbers}, or add a header line",
                               numbers=", ".join(cols[:12])), 1,
                           fix=Fix(setting, say("data.fix-column-number", "choose the {role} column by number",
                                                role=role_words), "0"))
    raise DatasetError(info.path, say("data.no-column", "no column {column!r} for the {role}", column=column,
                                      role=role_words),
                       say("data.hint-header-has", "the header has: {columns}", columns=shown), 1,
                       fix=Fix(setting, say("data.fix-column", "choose the {role} column", role=role_words), "NAME"))


def build_examples(table: Table, text_column: str | None = None, label_column: str | None = None,
                   labels: list[str] | None = None, labels_from: str = "") -> Examples:
    """Validate every row; ``labels`` fixes the label names (else inferred); None columns are guessed.

    ``labels_from`` names where fixed labels came from (e.g. the training file) for the messages.
    """
    info, name = table.info, table.info.path
    if not table.rows:
        if table.problems:
            first = table.problems[0]
            raise DatasetError(name, say("data.no-row-read", "no row could be read ({count} rejected)",
                                         count=len(table.problems)),
                               say("data.hint-first-problem", "first problem: line {line}: {message}",
                                   line=first.line, message=first.message))
        raise DatasetError(name, say("data.header-only", "the file has a header but no data rows"),
                           say("data.hint-add-examples", "add examples below the header"), 1)
    if text_column is None or label_column is None:
        guess_text, guess_label = guess_columns(table)
        text_column = text_column if text_column is not None else guess_text
        label_column = label_column if label_column is not None else guess_label
        if text_column is None or label_column is None:
            raise DatasetError(name, say("data.columns-unclear",
                                         "could not tell which column holds the text and which the label"),
                               say("data.hint-two-columns", "the file needs at least two columns"),
                               fix=Fix("delimiter", say("data.fix-delimiter",
                                                        "if it has them, name the character between them"), "';'"))
    ti = resolve_column(table, text_column, "text")
    li = resolve_column(table, label_column, "label")
    if ti == li:
        raise DatasetError(name, say("data.same-column", "the text and the label are the same column ({column!r})",
                                     column=text_column),
                           say("data.hint-two-different", "choose two different columns"))
    problems = list(table.problems)
    ncols = None if info.format == "jsonl" else len(info.columns)
    sep = "tab" if info.delimiter == "\t" else repr(info.delimiter)
    texts: list[str] = []
    raws: list[str] = []
    lines: list[int] = []
    norm: dict[str, str] = {}  # labels repeat: normalize each distinct value once
    jsonl = info.format == "jsonl"
    for row, line in zip(table.rows, table.lines):
        # trailing empty fields (a stray delimiter at the end of the line) are harmless
        if ncols is not None and len(row) != ncols and (
                len(row) < ncols or any(c.strip() for c in row[ncols:])):
            problems.append(_ragged(name, line, len(row), ncols, sep, info.format))
            continue
        text, label = row[ti], row[li]
        if text is None or label is None:
            key = text_column if text is None else label_column
            problems.append(Problem(name, line, say("data.row-no-key", "the object has no {key!r} key", key=key),
                                    say("data.hint-add-key-column",
                                        "add the key, or choose another key for this column")))
            continue
        text = text.strip()
        if not text:
            problems.append(Problem(name, line, EMPTY_TEXT, EMPTY_TEXT_HINT))
            continue
        if len(text) > MAX_TEXT_CHARS:
            problems.append(Problem(name, line, too_long(len(text)),
                                    say("data.hint-max-seq-len",
                                        "only the first max_seq_len tokens are used; shorten or split it")))
            continue
        label = norm.get(label) or norm.setdefault(label, normalize_label(label))
        if not label:
            problems.append(Problem(name, line, say("data.row-empty-label", "empty label"),
                                    say("data.hint-fill-label", "fill in the label or delete the line")))
            continue
        if jsonl and label[0] in "[{":
            problems.append(Problem(name, line, say("data.row-label-json", "the label is a JSON list or object"),
                                    say("data.hint-one-label",
                                        "give each text exactly one label (a name or a class index)")))
            continue
        texts.append(text)
        raws.append(label)
        lines.append(line)
    warnings: list[str] = []
    if labels:
        names = list(labels)
    else:
        canonical, merged = merge_spellings(raws)
        if merged:
            raws = [canonical[raw] for raw in raws]
            warnings = [say("data.file-warning", "{file}: {warning}", file=Path(name).name, warning=w) for w in merged]
        names = infer_label_names(raws)
        if len(names) > MAX_LABELS or (len(names) > 20 and len(names) > 0.5 * len(raws)):
            raise DatasetError(name, say("data.too-many-labels", "the label column {column!r} has {count:,} different "
                                         "values in {rows:,} rows: it does not look like labels", column=label_column,
                                         count=len(names), rows=len(raws)),
                               say("data.hint-labels-are", "the labels are the class of each text"),
                               fix=Fix("label_column",
                                       say("data.fix-label-column", "choose the column that holds them"), "NAME"))
    label_map = LabelMap(names)
    lookup = {raw: label_map.index(raw) for raw in set(raws)}  # few distinct labels: map each once
    if None in lookup.values():
        where = (say("data.label-source", " in {source}", source=labels_from) if labels_from
                 else say("data.label-list", " in the label list"))
        expected = say("data.hint-expected", "expected one of: {labels}", labels=_expected(names))
        keep = []
        for k, raw in enumerate(raws):
            if lookup[raw] is None:
                unknown = say("data.row-unknown-label", "unknown label {label!r} (not{where})", label=raw, where=where)
                problems.append(Problem(name, lines[k], unknown, expected))
            else:
                keep.append(k)
        texts, raws, lines = [texts[k] for k in keep], [raws[k] for k in keep], [lines[k] for k in keep]
    ids = [lookup[raw] for raw in raws]
    problems.sort(key=lambda p: p.line or 0)  # parse problems and row problems interleave
    if not ids:
        first = problems[0] if problems else None
        raise DatasetError(name, say("data.no-usable-rows", "no usable rows: all {count:,} rows were rejected",
                                     count=len(table.rows)),
                           say("data.hint-first-problem-fix", "first problem: line {line}: {message} — {hint}",
                               line=first.line, message=first.message, hint=first.hint) if first else "")
    return Examples(name, info, str(text_column), str(label_column), texts, ids, lines, names,
                    problems, len(table.rows) + len(table.problems), warnings)


def load_examples(path: str | Path, text_column: str | None = "text", label_column: str | None = "label",
                  labels: list[str] | None = None, format: str = "auto", encoding: str | None = None,
                  has_header: bool | None = None, labels_from: str = "") -> Examples:
    """Read and validate a file in one go (columns None: guessed)."""
    table = read_table(path, format=format, encoding=encoding, has_header=has_header)
    return build_examples(table, text_column, label_column, labels, labels_from)


def _expected(names: list[str]) -> str:
    shown = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
    if not all(_INT.fullmatch(n) for n in names):
        return say("data.expected-or-index", "{labels} (or the index 0..{last})", labels=shown, last=len(names) - 1)
    return shown


def _ragged(name: str, line: int, got: int, want: int, sep: str, fmt: str) -> Problem:
    if got < want:
        return Problem(name, line, field_count(got, want),
                       say("data.hint-missing-separator", "a missing {sep} between the text and the label?", sep=sep))
    if fmt == "tsv":
        hint = say("data.hint-tab-in-text", "the text probably contains a tab; remove it (or quote the whole field)")
    else:
        hint = say("data.hint-quote-separator", 'a {sep} inside the text must be quoted, e.g. "好吃{c}便宜"{c}正面',
                   sep=sep, c=sep.strip("'"))
    return Problem(name, line, field_count(got, want), hint)
