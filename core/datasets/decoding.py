"""From a path to text: file checks, binary detection, encoding detection, lines to reject."""

from __future__ import annotations

import re
from pathlib import Path

from core.messages import say

from .problems import DatasetError, Fix, Problem

# extension -> format (None: decided from the content)
TEXT_EXTENSIONS: dict[str, str | None] = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "jsonl", ".txt": None, ".text": None, ".dat": None, "": None,
}
_EXCEL = say("filetype.excel", "an Excel workbook")
_PICKLE = say("filetype.pickle", "a Python pickle")
_COMPRESSED = say("filetype.compressed", "a compressed file")
_WORD = say("filetype.word", "a Word document")
_DATABASE = say("filetype.database", "a database")
_PDF = say("filetype.pdf", "a PDF document")
_PARQUET = say("filetype.parquet", "a Parquet file")
NOT_TEXT_EXTENSIONS = {
    ".xlsx": _EXCEL, ".xlsm": _EXCEL, ".xls": _EXCEL, ".ods": say("filetype.spreadsheet", "a spreadsheet"),
    ".numbers": say("filetype.numbers", "a Numbers spreadsheet"), ".parquet": _PARQUET,
    ".arrow": say("filetype.arrow", "an Arrow file"), ".feather": say("filetype.feather", "a Feather file"),
    ".pkl": _PICKLE, ".pickle": _PICKLE, ".npy": say("filetype.npy", "a NumPy array"),
    ".npz": say("filetype.npz", "a NumPy archive"), ".zip": say("filetype.zip", "a ZIP archive"),
    ".gz": _COMPRESSED, ".bz2": _COMPRESSED, ".xz": _COMPRESSED, ".7z": _COMPRESSED, ".rar": _COMPRESSED,
    ".tar": say("filetype.tar", "an archive"), ".pdf": _PDF, ".doc": _WORD, ".docx": _WORD,
    ".db": _DATABASE, ".sqlite": _DATABASE, ".h5": say("filetype.hdf5", "an HDF5 file"),
    ".pdparams": say("filetype.pdparams", "Paddle weights"), ".pdmodel": say("filetype.pdmodel", "a Paddle model"),
}
_SIGNATURES = (
    (b"PK\x03\x04", say("filetype.zip-or-xlsx", "a ZIP archive (or an Excel .xlsx workbook)")),
    (b"\xd0\xcf\x11\xe0", say("filetype.old-office", "an old Office document (Excel .xls / Word .doc)")),
    (b"%PDF", _PDF),
    (b"\x89PNG", say("filetype.png", "a PNG image")),
    (b"\xff\xd8\xff", say("filetype.jpeg", "a JPEG image")),
    (b"GIF8", say("filetype.gif", "a GIF image")),
    (b"SQLite format 3", say("filetype.sqlite", "an SQLite database")),
    (b"PAR1", _PARQUET),
    (b"\x1f\x8b", say("filetype.gzip", "a gzip-compressed file")),
    (b"BZh", say("filetype.bzip2", "a bzip2-compressed file")),
    (b"\x7fELF", say("filetype.program", "a program")),
)
_SAVE_AS_HINT = say("data.hint-save-as",
                    "save it as CSV UTF-8 (Excel: File → Save As → CSV UTF-8), TSV or JSON Lines")
_SURROGATES = re.compile("[\udc80-\udcff]")


def read_bytes(path: Path, name: str, format: str) -> bytes:
    """The file's bytes; DatasetError for a bad format name, a folder, a missing or unreadable file."""
    if format not in ("auto", "csv", "tsv", "jsonl"):
        raise DatasetError(name, say("data.unknown-format", "unknown format {format!r}", format=format),
                           say("data.hint-formats", "use auto, csv, tsv or jsonl"))
    try:
        if path.is_dir():
            raise DatasetError(name, say("data.is-folder", "this is a folder, not a file"),
                               say("data.hint-file-inside", "choose the data file inside it (a .csv, .tsv or .jsonl)"))
        return path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(name, say("data.not-found", "file not found"),
                           say("data.hint-check-path", "check the path; it may have been moved or renamed")) from None
    except PermissionError:
        raise DatasetError(name, say("data.permission", "permission denied"),
                           say("data.hint-permission", "make the file readable for your user")) from None
    except IsADirectoryError:
        raise DatasetError(name, say("data.is-folder", "this is a folder, not a file"),
                           say("data.hint-choose-inside", "choose the data file inside it")) from None
    except OSError as exc:
        raise DatasetError(name, say("data.cannot-read", "cannot read the file ({reason})", reason=exc.strerror or exc),
                           say("data.hint-disk", "check the disk")) from None


def format_from_extension(path: Path, name: str, format: str) -> str | None:
    """The forced format, else the one the extension names (None: look at the content)."""
    if format != "auto":
        return format
    ext = path.suffix.lower()
    if ext in NOT_TEXT_EXTENSIONS:
        raise DatasetError(name, say("data.unsupported-type", "unsupported file type {ext} ({what})", ext=ext,
                                     what=NOT_TEXT_EXTENSIONS[ext]), _SAVE_AS_HINT)
    return TEXT_EXTENSIONS.get(ext)  # csv/tsv are re-checked from the content below


def check_not_binary(data: bytes, name: str) -> None:
    """DatasetError for spreadsheets, archives, images and other binary data."""
    head = data[:65536]
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            looks = say("data.looks-binary", "this is not a text file: it looks like {what}", what=what)
            raise DatasetError(name, looks, _SAVE_AS_HINT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with BOM: NULs are expected
    if not head:
        return
    controls = sum(head.count(bytes([b])) for b in (*range(0, 9), *range(14, 27), *range(28, 32)))
    nuls = head.count(b"\x00")
    if controls > 0.10 * len(head) or (nuls and controls > 0.05 * len(head)):
        utf16 = nuls > 0.3 * len(head)
        raise DatasetError(
            name, say("data.binary", "this is not a text file: it contains binary data"),
            say("data.hint-utf16", "if it is UTF-16 text, save it again as UTF-8") if utf16 else _SAVE_AS_HINT)


def decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str, list[int]]:
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
        name, say("data.undecodable", "cannot decode the file: byte 0x{byte:02X} is not UTF-8, and the file is "
                  "not GB18030/GBK either", byte=byte),
        say("data.hint-save-utf8", "save it as UTF-8"), line,
        fix=Fix("encoding", say("data.fix-name-encoding", "or name its encoding"), "big5 (or latin-1, …)"))


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(enc)
    except LookupError:
        raise DatasetError(name, say("data.unknown-encoding", "unknown encoding {encoding!r}", encoding=encoding),
                           say("data.hint-encodings",
                               "use utf-8, gb18030, gbk, big5, utf-16 or latin-1, or let it be detected")) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DatasetError(
            name, say("data.wrong-encoding", "cannot decode the file as {encoding}: byte 0x{byte:02X} is invalid",
                      encoding=encoding, byte=data[exc.start]),
            say("data.hint-detected", "UTF-8, GB18030 and UTF-16 are detected without naming them"), line,
            fix=Fix("encoding", say("data.fix-real-encoding", "or name the file's real encoding"), "gb18030")) from None


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


def tainted_lines(text: str, bad_lines: list[int]) -> dict[int, Problem]:
    """Lines whose rows must be rejected whatever the parser makes of them (bad bytes, NUL)."""
    out: dict[int, Problem] = {}
    for line in bad_lines:
        out[line] = Problem("", line, say("data.row-undecodable", "undecodable bytes (not UTF-8)"),
                            say("data.hint-retype", "retype or delete the broken characters on this line"))
    if "\x00" in text:
        positions = (m.start() for m in re.finditer("\x00", text))
        for line in _line_numbers(text, positions):
            out.setdefault(line, Problem("", line, say("data.row-nul", "the line contains NUL (\\0) bytes"),
                                         say("data.hint-nul", "the file may be damaged; delete the NUL characters")))
    return out


def _line_numbers(text: str, positions) -> list[int]:
    """1-based line of each (increasing) character position, counting newlines only once."""
    out, line, last = [], 1, 0
    for pos in positions:
        line += text.count("\n", last, pos)
        last = pos
        out.append(line)
    return out
