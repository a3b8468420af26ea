"""Reading a CSV / TSV / JSONL file into a table of string cells, each row with its physical line.

Everything a user can get wrong about the file as a whole (missing, binary, wrong encoding, empty,
duplicate header names) raises DatasetError; a row that cannot be parsed becomes a Problem and the
rest of the file is still read.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import DatasetError, Problem

FORMATS = ("csv", "tsv", "jsonl")
MAX_FIELD_CHARS = 131072  # the csv module's own field limit; we apply it to every format alike

# extension -> format (None: decided from the content)
TEXT_EXTENSIONS: dict[str, str | None] = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "jsonl", ".txt": None, ".text": None, ".dat": None, "": None,
}
NOT_TEXT_EXTENSIONS = {
    ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook", ".xls": "an Excel workbook",
    ".ods": "a spreadsheet", ".numbers": "a Numbers spreadsheet", ".parquet": "a Parquet file",
    ".arrow": "an Arrow file", ".feather": "a Feather file", ".pkl": "a Python pickle",
    ".pickle": "a Python pickle", ".npy": "a NumPy array", ".npz": "a NumPy archive",
    ".zip": "a ZIP archive", ".gz": "a compressed file", ".bz2": "a compressed file",
    ".xz": "a compressed file", ".7z": "a compressed file", ".rar": "a compressed file",
    ".tar": "an archive", ".pdf": "a PDF document", ".doc": "a Word document",
    ".docx": "a Word document", ".db": "a database", ".sqlite": "a database",
    ".h5": "an HDF5 file", ".pdparams": "Paddle weights", ".pdmodel": "a Paddle model",
}
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (or an Excel .xlsx workbook)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (Excel .xls / Word .doc)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\x7fELF", "a program"),
)
_SAVE_AS_HINT = "save it as CSV UTF-8 (Excel: File → Save As → CSV UTF-8), TSV or JSON Lines"

# Names that mark the first row as a header (lower-cased).
HEADER_WORDS = {
    "text", "texts", "label", "labels", "sentence", "sentence1", "text_a", "review", "reviews",
    "content", "comment", "comments", "title", "headline", "category", "class", "sentiment",
    "polarity", "target", "y", "id", "qid", "query", "tag", "score", "rating", "topic", "document",
    "文本", "标签", "评论", "内容", "句子", "类别", "情感", "分类", "标题", "正文", "评分", "主题", "编号",
}

_SURROGATES = re.compile("[\udc80-\udcff]")
_INT = re.compile(r"[+-]?\d+")
_NUM = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class FileInfo:
    """How a file is read: what sniffing found, or what the caller forced."""

    path: str
    format: str  # csv | tsv | jsonl
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


# --------------------------------------------------------------------------------------------
# public entry points


def sniff(path: str | Path, format: str = "auto", encoding: str | None = None,
          has_header: bool | None = None) -> FileInfo:
    """Detect format, encoding, delimiter, header and column names from the start of a file."""
    return read_table(path, format=format, encoding=encoding, has_header=has_header, max_rows=50).info


def read_table(path: str | Path, format: str = "auto", encoding: str | None = None,
               has_header: bool | None = None, max_rows: int | None = None) -> Table:
    """Read a whole file (or its first ``max_rows`` rows) into a Table; raise DatasetError if unusable."""
    name = str(path)
    data = _read_bytes(Path(path), name, format)
    fmt_hint = _format_from_extension(Path(path), name, format)
    _check_not_binary(data, name)
    text, enc, bad_lines = _decode(data, name, encoding)
    if text.startswith("\ufeff"):  # BOM left over when the caller named plain utf-8
        text = text[1:]
    if not text.strip():
        raise DatasetError(name, "the file is empty" if not data else "the file has only blank lines",
                           "choose a file with one example per line (a text and a label)")
    tainted = _tainted_lines(text, bad_lines)
    fmt = fmt_hint or _format_from_content(text)
    if fmt == "jsonl":
        return _read_jsonl(text, name, enc, len(data), tainted, max_rows)
    return _read_delimited(text, name, enc, len(data), fmt, format != "auto", has_header, tainted, max_rows)


# --------------------------------------------------------------------------------------------
# file, format, encoding


def _read_bytes(path: Path, name: str, format: str) -> bytes:
    if format not in ("auto", *FORMATS):
        raise DatasetError(name, f"unknown format {format!r}", "use auto, csv, tsv or jsonl")
    try:
        if path.is_dir():
            raise DatasetError(name, "this is a folder, not a file",
                               "choose the data file inside it (a .csv, .tsv or .jsonl)")
        return path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(name, "file not found", "check the path; it may have been moved or renamed") from None
    except PermissionError:
        raise DatasetError(name, "permission denied", "make the file readable for your user") from None
    except IsADirectoryError:
        raise DatasetError(name, "this is a folder, not a file", "choose the data file inside it") from None
    except OSError as exc:
        raise DatasetError(name, f"cannot read the file ({exc.strerror or exc})", "check the disk") from None


def _format_from_extension(path: Path, name: str, format: str) -> str | None:
    if format != "auto":
        return format
    ext = path.suffix.lower()
    if ext in NOT_TEXT_EXTENSIONS:
        raise DatasetError(name, f"unsupported file type {ext} ({NOT_TEXT_EXTENSIONS[ext]})", _SAVE_AS_HINT)
    return TEXT_EXTENSIONS.get(ext)  # csv/tsv are re-checked from the content below


def _check_not_binary(data: bytes, name: str) -> None:
    head = data[:65536]
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise DatasetError(name, f"this is not a text file: it looks like {what}", _SAVE_AS_HINT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with BOM: NULs are expected
    if not head:
        return
    controls = sum(head.count(bytes([b])) for b in (*range(0, 9), *range(14, 27), *range(28, 32)))
    nuls = head.count(b"\x00")
    if controls > 0.10 * len(head) or (nuls and controls > 0.05 * len(head)):
        utf16 = nuls > 0.3 * len(head)
        raise DatasetError(
            name, "this is not a text file: it contains binary data",
            "if it is UTF-16 text, save it again as UTF-8" if utf16 else _SAVE_AS_HINT)


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str, list[int]]:
    """Return (text, encoding, lines with undecodable bytes)."""
    if encoding:
        return _decode_as(data, name, encoding), _canonical(encoding, data), []
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return _decode_as(data, name, "utf-16"), "utf-16", []
    enc = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(enc), enc, []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if enc == "utf-8":
        try:
            text = data.decode("gb18030")
            if _looks_chinese(text):
                return text, "gb18030", []
        except UnicodeDecodeError:
            pass
    # Mostly UTF-8 with a few broken lines: reject those lines, keep the rest.
    text = data.decode(enc, errors="surrogateescape")
    bad = sorted(set(_line_numbers(text, (m.start() for m in _SURROGATES.finditer(text)))))
    total_lines = text.count("\n") + 1
    if len(bad) <= max(1, total_lines // 100) and total_lines >= 20:
        return text, enc, bad
    line = data.count(b"\n", 0, utf8_error.start) + 1
    byte = data[utf8_error.start]
    raise DatasetError(
        name, f"cannot decode the file: byte 0x{byte:02X} is not UTF-8, and the file is not GB18030/GBK either",
        "save it as UTF-8, or choose its encoding (e.g. latin-1, big5) in the encoding box", line)


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(enc)
    except LookupError:
        raise DatasetError(name, f"unknown encoding {encoding!r}",
                           "use utf-8, gb18030, gbk, big5, latin-1 or leave it on automatic") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DatasetError(
            name, f"cannot decode the file as {encoding}: byte 0x{data[exc.start]:02X} is invalid",
            "leave the encoding on automatic (UTF-8 / GB18030 are detected) or choose the right one",
            line) from None


def _canonical(encoding: str, data: bytes) -> str:
    enc = encoding.lower().replace("_", "-")
    if enc in ("utf-8", "utf8"):
        return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    return enc


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes many byte soups; real Chinese text is mostly common (GB2312) characters."""
    sample = re.findall(r"[^\x00-\x7f]", text[:200000])
    if not sample:
        return True
    common = 0
    cache: dict[str, bool] = {}
    for ch in sample:
        ok = cache.get(ch)
        if ok is None:
            try:
                ch.encode("gb2312")
                ok = True
            except UnicodeEncodeError:
                ok = False
            cache[ch] = ok
        common += ok
    return common >= 0.5 * len(sample)


def _tainted_lines(text: str, bad_lines: list[int]) -> dict[int, Problem]:
    """Lines whose rows must be rejected whatever the parser makes of them (bad bytes, NUL)."""
    out: dict[int, Problem] = {}
    for line in bad_lines:
        out[line] = Problem("", line, "undecodable bytes (not UTF-8)",
                            "retype or delete the broken characters on this line")
    if "\x00" in text:
        positions = (m.start() for m in re.finditer("\x00", text))
        for line in _line_numbers(text, positions):
            out.setdefault(line, Problem("", line, "the line contains NUL (\\0) bytes",
                                         "the file may be damaged; delete the NUL characters"))
    return out


def _line_numbers(text: str, positions) -> list[int]:
    """1-based line of each (increasing) character position, counting newlines only once."""
    out, line, last = [], 1, 0
    for pos in positions:
        line += text.count("\n", last, pos)
        last = pos
        out.append(line)
    return out


def _format_from_content(text: str) -> str:
    sample = [ln for ln in text[:65536].split("\n")[:50] if ln.strip()]
    if sample and sample[0].lstrip().startswith("{"):
        return "jsonl"
    body = sample[:-1] if len(sample) > 1 else sample  # the last sampled line may be cut
    if body and sum("\t" in ln for ln in body) >= 0.9 * len(body):
        return "tsv"
    return "csv"


# --------------------------------------------------------------------------------------------
# delimited files


def _read_delimited(text: str, name: str, enc: str, size: int, fmt: str, explicit: bool,
                    has_header: bool | None, tainted: dict[int, Problem], max_rows: int | None) -> Table:
    lines = list(io.StringIO(text, newline=""))
    sample = [ln for ln in lines[:200] if ln.strip()]
    delimiter = "," if (explicit and fmt == "csv") else _sniff_delimiter(sample, fmt)
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
            problems.append(problem)
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
    if not any("," in ln for ln in body) and all(";" in ln for ln in body):
        return ";"
    return ","


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
            yield i, i, [], _too_long(name, i, len(ln))
            continue
        yield i, i, ln.split(delimiter), None


def _quoted_records(lines: list[str], delimiter: str, name: str):
    """csv.reader records with the line each starts on; after a quoting error, restart on the next line."""
    pos = 0  # 0-based index of the next line to read
    width = 0  # field count of the first record: a multi-line record of another width is a stray quote
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
                if end > start and (len(cells) != width or any(c.count("\n") >= 20 for c in cells)):
                    yield start, start, [], _unclosed(name, start, end)
                    pos = start
                    break
                yield start, end, cells, None
            else:
                return
        except csv.Error as exc:
            start = pos + done + 1
            msg = str(exc)
            if "field larger than field limit" in msg:
                problem = _too_long(name, start, None)
            elif "unexpected end of data" in msg:
                problem = _unclosed(name, start, len(lines))
            elif pos + reader.line_num > start:  # the quoted field ran over line ends: a stray quote
                problem = _unclosed(name, start, pos + reader.line_num)
            else:
                problem = Problem(name, start, f"broken quoting ({msg})",
                                  'a quote inside a quoted field must be doubled ("")')
            yield start, start, [], problem
            pos = start


def _unclosed(name: str, start: int, end: int) -> Problem:
    return Problem(name, start, f"a quote opened on this line is not closed (the field runs on to line {end})",
                   'remove the stray " or double it ("") inside a quoted field')


def _too_long(name: str, line: int, length: int | None) -> Problem:
    size = f"{length:,} characters" if length else f"more than {MAX_FIELD_CHARS:,} characters"
    return Problem(name, line, f"the line is too long ({size})",
                   "only the first max_seq_len tokens are used; shorten or split this text")


def _looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    names = [c.strip().lower() for c in first]
    if any(n in HEADER_WORDS for n in names):
        return True
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
        distinct = set(values)
        if len(rest) >= 4 and len(distinct) <= max(2, len(values) // 3) and name not in distinct:
            return True  # a label-like column whose first cell is not one of its labels
    return False


def _header_names(header: list[str], name: str) -> list[str]:
    cols = [c.strip() or str(i) for i, c in enumerate(header)]
    seen: dict[str, int] = {}
    for i, col in enumerate(cols):
        if col in seen:
            raise DatasetError(name, f"the header names the column {col!r} twice (columns {seen[col] + 1} "
                               f"and {i + 1})", "rename one of them so each column has its own name", 1)
        seen[col] = i
    return cols


# --------------------------------------------------------------------------------------------
# JSON Lines


def _read_jsonl(text: str, name: str, enc: str, size: int, tainted: dict[int, Problem],
                max_rows: int | None) -> Table:
    stripped = text.lstrip()
    if stripped.startswith("["):
        raise DatasetError(name, "this is one JSON array, not JSON Lines",
                           'write one object per line, e.g. {"text": "很好吃", "label": "正面"}', 1)
    objects: list[dict] = []
    starts: list[int] = []
    problems: list[Problem] = []
    hint = 'each line must be one JSON object, e.g. {"text": "很好吃", "label": "正面"}'
    scan = json.JSONDecoder().scan_once  # the C scanner: json.loads' Python wrapper costs as much again
    truncated = False
    for i, ln in enumerate(text.split("\n"), 1):
        ln = ln.strip()
        if not ln:
            continue
        if max_rows is not None and len(objects) >= max_rows:
            truncated = True
            break
        if i in tainted:
            problems.append(Problem(name, i, tainted[i].message, tainted[i].hint))
            continue
        if len(ln) > MAX_FIELD_CHARS:
            problems.append(_too_long(name, i, len(ln)))
            continue
        try:
            obj, end = scan(ln, 0)
        except (StopIteration, ValueError):
            end = -1
        if end != len(ln):
            problems.append(Problem(name, i, f"invalid JSON: {_json_error(ln)}", hint))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(name, i, f"not a JSON object (got {_json_kind(obj)})", hint))
            continue
        objects.append(obj)
        starts.append(i)
    columns: dict[str, None] = {}
    for obj in objects:
        if len(columns) > 1000:
            break
        for key in obj:
            if key not in columns:
                columns[key] = None
    cols = list(columns)
    absent = [_MISSING] * len(cols)
    rows = [[v if type(v) is str else _cell(v) for v in map(obj.get, cols, absent)] for obj in objects]
    info = FileInfo(name, "jsonl", enc, "", False, False, tuple(cols), size)
    return Table(info, rows, starts, problems, truncated)


_MISSING = object()


def _cell(value: object) -> str | None:
    if value is _MISSING:
        return None
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _json_error(line: str) -> str:
    """json's own message for a line the fast scanner rejected."""
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        return f"{exc.msg} (column {exc.colno})"
    return "not one JSON value"


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return "a number"
