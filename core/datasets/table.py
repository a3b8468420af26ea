"""The result of reading a file: how it was read (FileInfo) and its rows (Table)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from core.messages import say

from .problems import Problem

MAX_FIELD_CHARS = 131072  # the csv module's own field limit; we apply it to every format alike
EXCERPT_CHARS = 200
_UNWRITABLE = re.compile("[\x00\udc80-\udcff]")  # NULs and undecodable bytes (surrogate escapes)


@dataclass(frozen=True)
class FileInfo:
    """How a file is read: what sniffing found, or what the caller forced."""

    path: str
    format: str  # csv | tsv | jsonl | lines (one text per line, prediction inputs only)
    encoding: str  # utf-8 | utf-8-sig | gb18030 | utf-16 | whatever was given
    delimiter: str  # "," ";" "\t"; "" for jsonl
    quoting: bool  # quotes honoured (always for csv; for tsv only when the file uses them)
    has_header: bool  # jsonl: False (keys are the column names)
    columns: tuple[str, ...]
    size_bytes: int


@dataclass
class Table:
    """The parsed rows of a file: string cells (None: key missing in a JSONL object).

    ``lines[i]`` is the physical 1-based line where row ``i`` starts. Rows that could not be
    parsed at all are not in ``rows``; they are in ``problems``.
    """

    info: FileInfo
    rows: list[list[str | None]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False  # stopped at max_rows

    @property
    def columns(self) -> list[str]:
        return list(self.info.columns)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> list[str | None]:
        """Cells of row ``index`` (ragged rows keep their own length)."""
        return self.rows[index]

    def line(self, index: int) -> int:
        """Physical line where row ``index`` starts."""
        return self.lines[index]

    def index_of_line(self, line: int) -> int | None:
        """Row that starts at ``line``, else the nearest row after it (for 'jump to problem')."""
        i = bisect.bisect_left(self.lines, line)
        if i < len(self.lines):
            return i
        return len(self.lines) - 1 if self.lines else None


def too_long(name: str, line: int, length: int | None) -> Problem:
    """The problem of a line or field longer than MAX_FIELD_CHARS."""
    message = (say("data.row-line-too-long", "the line is too long ({chars:,} characters)", chars=length) if length
               else say("data.row-line-over-limit", "the line is too long (more than {chars:,} characters)",
                        chars=MAX_FIELD_CHARS))
    return Problem(name, line, message, say("data.hint-max-seq-len-this",
                                            "only the first max_seq_len tokens are used; shorten or split this text"))


def excerpt(line: str) -> str:
    """The start of a rejected line, safe to write anywhere (a CSV cell, a UTF-8 file, a table view)."""
    text = _UNWRITABLE.sub("\ufffd", line[:EXCERPT_CHARS].rstrip("\r\n"))
    return text + "…" if len(line.rstrip("\r\n")) > EXCERPT_CHARS else text
