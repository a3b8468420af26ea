"""Prediction inputs: every data row of a file, in order, read by the same reader as training files.

A row that cannot be used (a stray quote, a missing text, too many fields) stays in the list with its
Problem, so a prediction output can hold exactly one row per input row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.messages import say

from .examples import _ragged, guess_columns, resolve_column
from .problems import EMPTY_TEXT, EMPTY_TEXT_HINT, DatasetError, Problem, too_long
from .reading import FileInfo, Table, read_table
from .table import MAX_FIELD_CHARS, excerpt


@dataclass
class PredictionInput:
    """One entry per data row (header and blank lines excluded): its line, its text, its problem (or None).

    For a problem row ``texts[i]`` is the start of the line as written, for the user to find it.
    """

    info: FileInfo
    text_column: str
    lines: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    problems: list[Problem | None] = field(default_factory=list)
    table: Table | None = field(default=None, repr=False)  # the rows as read, e.g. for the file's own labels

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def problem_rows(self) -> list[Problem]:
        """The rows that will not be predicted, in line order."""
        return [p for p in self.problems if p is not None]


def read_prediction_input(path: str | Path, text_column: str | None = None, label_column: str | None = None,
                          encoding: str | None = None, delimiter: str | None = None,
                          format: str = "auto") -> PredictionInput:
    """Read ``path`` like a training file (a .txt of sentences: one text per line); DatasetError if unusable."""
    table = read_table(path, format=format, encoding=encoding, delimiter=delimiter, text_lines=True)
    column = _text_column(table, text_column, label_column)
    out = PredictionInput(table.info, column, table=table)
    ti = _index(table, column)
    info, name = table.info, table.info.path
    ncols = None if info.format == "jsonl" else len(info.columns)
    sep = "tab" if info.delimiter == "\t" else repr(info.delimiter)
    joiner = info.delimiter or " "
    parse_problems = iter(table.problems)
    pending = next(parse_problems, None)
    for row, line in zip(table.rows, table.lines):
        while pending is not None and (pending.line or 0) < line:
            out.lines.append(pending.line or 0)
            out.texts.append(pending.excerpt)
            out.problems.append(pending)
            pending = next(parse_problems, None)
        text = row[ti] if ti < len(row) else None
        problem = None
        if ncols is not None and len(row) > ncols and any(c.strip() for c in row[ncols:]):
            problem = _ragged(name, line, len(row), ncols, sep, info.format)
        elif text is None:
            problem = (Problem(name, line, say("data.row-no-key", "the object has no {key!r} key", key=column),
                               say("data.hint-add-key", "add the key, or choose another key"))
                       if ncols is None else
                       Problem(name, line, _text_field(len(row), ti + 1),
                               say("data.hint-missing-before-text", "a missing {sep} before the text?", sep=sep)))
        elif not text.strip():
            problem = Problem(name, line, EMPTY_TEXT, EMPTY_TEXT_HINT)
        elif len(text) > MAX_FIELD_CHARS:
            problem = Problem(name, line, too_long(len(text)), say("data.hint-shorten", "shorten or split it"))
        out.lines.append(line)
        out.problems.append(problem)
        if problem is None:
            out.texts.append(text.strip())
        else:
            raw = joiner.join("" if c is None else c for c in row)
            out.problems[-1] = Problem(problem.file, problem.line, problem.message, problem.hint, excerpt(raw))
            out.texts.append(excerpt(raw))
    while pending is not None:
        out.lines.append(pending.line or 0)
        out.texts.append(pending.excerpt)
        out.problems.append(pending)
        pending = next(parse_problems, None)
    return out


def _text_column(table: Table, wanted: str | None, label_column: str | None) -> str:
    """The column named ``wanted`` (exactly, or ignoring case), else the guessed text column."""
    cols = table.columns
    if wanted is not None:
        by_case = {c.lower(): c for c in cols}
        if wanted not in cols and wanted.strip().lower() in by_case:
            return by_case[wanted.strip().lower()]
        resolve_column(table, wanted, "text")  # DatasetError naming the columns there are
        return wanted
    if len(cols) == 1:
        return cols[0]
    text, _label = guess_columns(table)
    if text is None or text == label_column:
        text = next((c for c in cols if c != label_column), None)
    if text is None:
        raise DatasetError(table.info.path, say("data.no-text-column", "no column to take the texts from"),
                           say("data.hint-text-column", "the file needs a text column"))
    return text


def _index(table: Table, column: str) -> int:
    if column in table.columns:
        return table.columns.index(column)
    return resolve_column(table, column, "text")


def _text_field(fields: int, text_field: int):
    if fields == 1:
        return say("data.row-one-field-text", "1 field, the text is field {n}", n=text_field)
    return say("data.row-fields-text", "{fields} fields, the text is field {n}", fields=fields, n=text_field)
