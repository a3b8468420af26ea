"""JSON Lines: one object per line; its keys are the columns."""

from __future__ import annotations

import json
from dataclasses import replace

from core.messages import say

from .problems import DatasetError, Problem
from .table import MAX_FIELD_CHARS, FileInfo, Table, excerpt, too_long


def read_jsonl(text: str, name: str, enc: str, size: int, tainted: dict[int, Problem],
               max_rows: int | None) -> Table:
    """Parse decoded JSON Lines; lines that are not one JSON object become Problems."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        raise DatasetError(name, say("data.json-array", "this is one JSON array, not JSON Lines"),
                           say("data.hint-one-object-per-line",
                               'write one object per line, e.g. {{"text": "很好吃", "label": "正面"}}'), 1)
    objects: list[dict] = []
    starts: list[int] = []
    problems: list[Problem] = []
    hint = say("data.hint-json-object", 'each line must be one JSON object, e.g. {{"text": "很好吃", "label": "正面"}}')
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
            problems.append(Problem(name, i, tainted[i].message, tainted[i].hint, excerpt(ln)))
            continue
        if len(ln) > MAX_FIELD_CHARS:
            problems.append(replace(too_long(name, i, len(ln)), excerpt=excerpt(ln)))
            continue
        try:
            obj, end = scan(ln, 0)
        except (StopIteration, ValueError):
            end = -1
        if end != len(ln):
            invalid = say("data.row-invalid-json", "invalid JSON: {error}", error=_json_error(ln))
            problems.append(Problem(name, i, invalid, hint, excerpt(ln)))
            continue
        if not isinstance(obj, dict):
            not_object = say("data.row-not-object", "not a JSON object (got {kind})", kind=_json_kind(obj))
            problems.append(Problem(name, i, not_object, hint, excerpt(ln)))
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
        return say("data.json-list", "a list")
    if isinstance(value, str):
        return say("data.json-string", "a string")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return say("data.json-number", "a number")
