"""Reading a CSV / TSV / JSONL file into a table of string cells, each row with its physical line.

Everything a user can get wrong about the file as a whole (missing, binary, wrong encoding, empty,
duplicate header names) raises DatasetError; a row that cannot be parsed becomes a Problem and the
rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

from core.messages import say

from .decoding import check_not_binary, decode, format_from_extension, read_bytes, tainted_lines
from .jsonl import read_jsonl
from .problems import DatasetError, Problem
from .table import MAX_FIELD_CHARS, FileInfo, Table, excerpt, too_long

FORMATS = ("csv", "tsv", "jsonl")
__all__ = ["DELIMITER_NAMES", "FORMATS", "MAX_FIELD_CHARS", "FileInfo", "Table", "parse_delimiter", "read_table",
           "sniff"]
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}

# Names that mark the first row as a header (lower-cased).
HEADER_WORDS = {
    "text", "texts", "label", "labels", "sentence", "sentence1", "text_a", "review", "reviews",
    "content", "comment", "comments", "title", "headline", "category", "class", "sentiment",
    "polarity", "target", "y", "id", "qid", "query", "tag", "score", "rating", "topic", "document",
    "文本", "标签", "评论", "内容", "句子", "类别", "情感", "分类", "标题", "正文", "评分", "主题", "编号",
}

_CJK_HEADER_WORDS = [w for w in HEADER_WORDS if not w.isascii()]
_NUM = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


# --------------------------------------------------------------------------------------------
# public entry points


def sniff(path: str | Path, format: str = "auto", encoding: str | None = None,
          has_header: bool | None = None, delimiter: str | None = None) -> FileInfo:
    """Detect format, encoding, delimiter, header and column names from the start of a file."""
    return read_table(path, format=format, encoding=encoding, has_header=has_header, max_rows=50,
                      delimiter=delimiter).info


def parse_delimiter(value: str | None) -> str | None:
    """A delimiter as a user writes it ("tab", "\\t", ";", "comma", ...) -> the character; ValueError if bad."""
    if value is None or value == "":
        return None
    char = DELIMITER_NAMES.get(value.strip().lower(), value)
    if len(char) != 1 or char.isalnum() or char in "\"\r\n ":
        raise ValueError(say("data.bad-delimiter", "{value!r} is not a delimiter: use one character such as , ; | "
                             "or the word tab", value=value))
    return char


def read_table(path: str | Path, format: str = "auto", encoding: str | None = None,
               has_header: bool | None = None, max_rows: int | None = None, delimiter: str | None = None,
               text_lines: bool = False) -> Table:
    """Read a whole file (or its first ``max_rows`` rows) into a Table; raise DatasetError if unusable.

    ``delimiter`` forces the character between fields. ``text_lines``: a file whose format is not named
    by its extension and that is not delimited is read as one text per line (prediction inputs).
    """
    name = str(path)
    try:
        delimiter = parse_delimiter(delimiter)
    except ValueError as exc:
        raise DatasetError(name, exc.args[0], say("data.hint-leave-out", "or leave it out to detect it")) from None
    data = read_bytes(Path(path), name, format)
    fmt_hint = format_from_extension(Path(path), name, format)
    check_not_binary(data, name)
    text, enc, bad_lines = decode(data, name, encoding)
    if text.startswith("\ufeff"):  # BOM left over when the caller named plain utf-8
        text = text[1:]
    if not text.strip():
        raise DatasetError(name, say("data.empty-file", "the file is empty") if not text else
                           say("data.blank-file", "the file has only blank lines"),
                           say("data.hint-one-example-per-line",
                               "choose a file with one example per line (a text and a label)"))
    tainted = tainted_lines(text, bad_lines)
    fmt = fmt_hint or _format_from_content(text)
    if fmt == "jsonl":
        return read_jsonl(text, name, enc, len(data), tainted, max_rows)
    if delimiter is not None:
        fmt = "tsv" if delimiter == "\t" else "csv"
    elif fmt_hint is None and text_lines and not _looks_delimited(text):
        return _read_lines(text, name, enc, len(data), tainted, max_rows)
    elif format == "csv":
        delimiter = ","
    return _read_delimited(text, name, enc, len(data), fmt, delimiter, has_header, tainted, max_rows)


# --------------------------------------------------------------------------------------------
# file, format, encoding


def _format_from_content(text: str) -> str:
    sample = [ln for ln in text[:65536].split("\n")[:50] if ln.strip()]
    if sample and sample[0].lstrip().startswith("{"):
        return "jsonl"
    body = sample[:-1] if len(sample) > 1 else sample  # the last sampled line may be cut
    if body and sum("\t" in ln for ln in body) >= 0.9 * len(body):
        return "tsv"
    return "csv"


def _looks_delimited(text: str) -> bool:
    """Most lines carry the sniffed delimiter: a table, not sentences that happen to hold a comma."""
    sample = [ln for ln in text[:65536].split("\n")[:200] if ln.strip()]
    body = sample[:-1] if len(sample) > 1 else sample
    delimiter = _sniff_delimiter(body, "csv")
    return bool(body) and sum(delimiter in ln for ln in body) >= 0.9 * len(body)


def _read_lines(text: str, name: str, enc: str, size: int, tainted: dict[int, Problem],
                max_rows: int | None) -> Table:
    """One text per non-blank line, nothing parsed: quotes and commas are part of the text."""
    rows: list[list[str | None]] = []
    starts: list[int] = []
    problems: list[Problem] = []
    for i, ln in enumerate(io.StringIO(text, newline=""), 1):
        ln = ln.rstrip("\r\n")
        if not ln.strip():
            continue
        if max_rows is not None and len(rows) >= max_rows:
            break
        problem = tainted.get(i) or (too_long(name, i, len(ln)) if len(ln) > MAX_FIELD_CHARS else None)
        if problem is not None:
            problems.append(Problem(name, i, problem.message, problem.hint, excerpt(ln)))
            continue
        rows.append([ln])
        starts.append(i)
    info = FileInfo(name, "lines", enc, "", False, False, ("text",), size)
    return Table(info, rows, starts, problems, max_rows is not None and len(rows) >= max_rows)


# --------------------------------------------------------------------------------------------
# delimited files


def _read_delimited(text: str, name: str, enc: str, size: int, fmt: str, forced: str | None,
                    has_header: bool | None, tainted: dict[int, Problem], max_rows: int | None) -> Table:
    lines = list(io.StringIO(text, newline=""))
    sample = [ln for ln in lines[:200] if ln.strip()]
    delimiter = forced or _sniff_delimiter(sample, fmt)
    if delimiter == "\t":
        fmt = "tsv"
    quoting = fmt == "csv" or _tsv_uses_quotes(sample)
    records = (_quoted_records if quoting else _plain_records)(lines, delimiter, name)
    problems: list[Problem] = []
    rows: list[list[str | None]] = []
    starts: list[int] = []
    want = None if max_rows is None else max_rows + 2  # + a possible header + one to see truncation
    for start, end, cells, problem in records:
        if problem is None and tainted:
            problem = next((tainted[ln] for ln in range(start, end + 1) if ln in tainted), None)
            if problem is not None:
                problem = Problem(name, start, problem.message, problem.hint)
        if problem is not None:
            problems.append(replace(problem, excerpt=excerpt(lines[start - 1])))
            continue
        rows.append(cells)
        starts.append(start)
        if want is not None and len(rows) >= want:
            break
    header = None
    if rows:
        use = _looks_like_header(rows[0], rows[1:51]) if has_header is None else has_header
        if use:
            header, rows, starts = rows[0], rows[1:], starts[1:]
    truncated = max_rows is not None and len(rows) > max_rows
    if truncated:
        rows, starts = rows[:max_rows], starts[:max_rows]
    if header is not None:
        columns = _header_names(header, name)
    else:
        width = max((len(r) for r in rows[:1000]), default=0)
        columns = [str(i) for i in range(width)]
    info = FileInfo(name, fmt, enc, delimiter, quoting, header is not None, tuple(columns), size)
    return Table(info, rows, starts, problems, truncated)


def _sniff_delimiter(sample: list[str], fmt: str) -> str:
    if fmt == "tsv":
        return "\t"
    body = sample[:-1] if len(sample) > 1 else sample
    if not body:
        return ","
    if sum("\t" in ln for ln in body) >= 0.9 * len(body) and not all("," in ln for ln in body):
        return "\t"  # a ".csv" that is really tab-separated (common export)
    semi = [ln for ln in body if ";" in ln]  # not all: a quoted text may run over a line end
    if len(semi) >= 0.75 * len(body) and (not any("," in ln for ln in body)
                                         or (_steady(semi, ";") and not _steady(body, ","))):
        return ";"  # commas inside the texts of a semicolon file vary from line to line; the delimiter does not
    return ","


def _steady(lines: list[str], char: str) -> bool:
    return len({ln.count(char) for ln in lines}) == 1


def _tsv_uses_quotes(sample: list[str]) -> bool:
    """Most TSV files carry quotes as plain characters; honour quoting only when fields are quoted."""
    for ln in sample:
        for cell in ln.rstrip("\r\n").split("\t"):
            if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"':
                return True
    return False


def _plain_records(lines: list[str], delimiter: str, name: str):
    for i, ln in enumerate(lines, 1):
        ln = ln.rstrip("\r\n")
        if not ln.strip():
            continue
        if len(ln) > MAX_FIELD_CHARS:
            yield i, i, [], too_long(name, i, len(ln))
            continue
        yield i, i, ln.split(delimiter), None


def _quoted_records(lines: list[str], delimiter: str, name: str):
    """csv.reader records with the line each starts on; a stray quote never merges rows.

    A quoted field may span lines in a file that has such rows: at least one whose line-spanning
    fields hold no delimiter (a stray quote between two rows always swallows one). Elsewhere a field
    spanning lines that would be rows of their own is a problem row, and reading goes on with the
    next line, so the rows it swallowed are read.
    """
    may_span = any(ln.count('"') & 1 for ln in lines)  # a field spanning lines opens on a line with an odd count
    multiline = may_span and any(clean for *_, clean in _parse_quoted(lines, delimiter, name, False))
    for start, end, cells, problem, _clean in _parse_quoted(lines, delimiter, name, multiline):
        yield start, end, cells, problem


def _parse_quoted(lines: list[str], delimiter: str, name: str, multiline: bool):
    """(start, end, cells, problem, clean multi-line record?); after a problem, restart on the next line."""
    pos = 0  # 0-based index of the next line to read
    width = 0  # field count of the first record (the header, or the first row)
    while pos < len(lines):
        it = iter(lines)
        it.__setstate__(pos)  # O(1) restart inside the same list
        reader = csv.reader(it, delimiter=delimiter, strict=True)
        done = 0  # lines consumed by this reader so far
        try:
            for cells in reader:
                start, end = pos + done + 1, pos + reader.line_num
                done = reader.line_num
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # blank line
                width = width or len(cells)
                if end == start:
                    yield start, end, cells, None, False
                    continue
                fits = len(cells) == width and not any(c.count("\n") >= 20 for c in cells)
                clean = fits and width >= 2 and not any(delimiter in c for c in cells if "\n" in c)
                if fits and ((multiline and clean) or not _rows_inside(lines, start, end, delimiter, width)):
                    yield start, end, cells, None, clean  # a field with line breaks, not rows run together
                    continue
                yield start, start, [], _unclosed(name, start, end), clean
                pos = start
                break
            else:
                return
        except csv.Error as exc:
            start = pos + done + 1
            msg = str(exc)
            if "field larger than field limit" in msg:
                problem = too_long(name, start, None)
            elif "unexpected end of data" in msg:
                problem = _unclosed(name, start, None)
            elif pos + reader.line_num > start:  # the quoted field ran over line ends: a stray quote
                problem = _unclosed(name, start, pos + reader.line_num)
            else:
                problem = Problem(name, start, say("data.row-broken-quoting", "broken quoting ({error})", error=msg),
                                  say("data.hint-double-quote", 'a quote inside a quoted field must be doubled ("")'))
            yield start, start, [], problem, False
            pos = start


def _rows_inside(lines: list[str], start: int, end: int, delimiter: str, width: int) -> bool:
    """Whether most lines after ``start`` up to ``end`` would be whole rows on their own (a stray quote)."""
    rest = lines[start:end]
    return sum(len(ln.rstrip("\r\n").split(delimiter)) == width for ln in rest) * 2 >= len(rest)


def _unclosed(name: str, start: int, end: int | None) -> Problem:
    """A stray quote: the field it opens runs on to line ``end`` (None: to the end of the file)."""
    message = (say("data.row-quote-closes-later", "a quote opened here closes on line {end}", end=end) if end
               else say("data.row-quote-never-closed", "a quote opened here is never closed"))
    return Problem(name, start, message, say("data.hint-stray-quote", 'the other rows are one line each: remove the '
                                             'stray " or double it ("") inside a quoted field'))


def _looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    names = [c.strip().lower() for c in first]
    if any(n in HEADER_WORDS for n in names):
        return True
    if all(len(n) <= 20 and _names_something(n) for n in names):
        return True  # every cell names something: "评论内容", "情感倾向", "Review Text"
    if not rest:
        return False
    if any(len(n) > 30 or any(p in n for p in "，。！？!?") for n in names):
        return False  # a sentence: the first row is data (a rare label there must not make it a header)
    for j, name in enumerate(names):
        values = [r[j].strip() for r in rest if j < len(r)]
        if not values:
            continue
        if all(_NUM.fullmatch(v) for v in values) and not _NUM.fullmatch(name):
            return True  # a numeric column whose first cell is a word
        distinct = {v.lower() for v in values}  # "Positive" first and "positive" below: one label
        if len(rest) >= 4 and len(distinct) <= max(2, len(values) // 3) and name not in distinct:
            return True  # a label-like column whose first cell is not one of its labels
    return False


def _names_something(cell: str) -> bool:
    """A cell like "评论内容" or "review text": contains a header word (English: a whole word)."""
    if any(w in HEADER_WORDS for w in re.findall(r"[a-z_0-9]+", cell)):
        return True
    return any(w in cell for w in _CJK_HEADER_WORDS)


def _header_names(header: list[str], name: str) -> list[str]:
    cols = [c.strip() or str(i) for i, c in enumerate(header)]
    seen: dict[str, int] = {}
    for i, col in enumerate(cols):
        if col in seen:
            raise DatasetError(name, say("data.duplicate-column", "the header names the column {column!r} twice "
                                         "(columns {first} and {second})", column=col, first=seen[col] + 1,
                                         second=i + 1),
                               say("data.hint-rename-column", "rename one of them so each column has its own name"), 1)
        seen[col] = i
    return cols
