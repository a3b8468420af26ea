"""Fuzz: 300 seeded random files mixing quotes, delimiters, encodings, blank lines, NULs and long cells.

The generator knows how many data rows it wrote. For each file, prediction writes exactly one row per
data row, in order (or refuses the whole file with a message naming it), and training uses or reports
every row.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.datasets import DatasetError, prepare_run_data
from core.jobs import DatasetSpec
from core.predict import Predictor
from paddledesk.cli import main
from tests.helpers.exports import make_export

csv.field_size_limit(2**24)
FILES = 300
WORDS = ["服务", "很好", "太差", "好吃", "便宜", "失望", "推荐", "一般", "干净", "吵闹", "物流", "质量", "味道"]


@dataclass
class Fuzzed:
    path: Path
    rows: int  # data rows written (the header and blank lines are not rows)
    plain: dict[int, str] = field(default_factory=dict)  # row index -> text, for rows with nothing odd in them
    labelled: bool = True  # False: sentences only (prediction input, not training data)


def _text(rng: random.Random, i: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))) + str(i)


def fuzz_file(rng: random.Random, folder: Path, k: int) -> Fuzzed:
    kind = rng.choice(["csv", "csv", "semicolon", "tsv", "tsv", "jsonl", "txt"])
    delim = {"csv": ",", "semicolon": ";", "tsv": "\t"}.get(kind, "")
    ext = {"semicolon": "csv", "txt": rng.choice(["txt", "tsv"])}.get(kind, kind)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"])
    header = kind not in ("jsonl",) and rng.random() < 0.6
    labels = rng.choice([["正面", "负面"], ["positive", "negative", "Positive", " negative"], ["1", "0", "2"]])
    multiline = kind in ("csv", "semicolon") and rng.random() < 0.3  # real line breaks inside quoted texts
    n = rng.randint(14, 40)
    out: list[str] = []
    if header and kind == "txt":
        header = False
    if header:
        out.append(f"text{delim}label" if rng.random() < 0.5 else f"label{delim}text")
    text_first = not header or out[0].startswith("text")
    fz = Fuzzed(folder / f"f{k}.{ext}", n, labelled=kind != "txt")
    for i in range(n):
        text, label, odd = _text(rng, i), rng.choice(labels), True
        roll = rng.random()
        if roll < 0.08:
            text = f'我的评价就是"差{text}'  # a quote in the middle of a cell
        elif roll < 0.14:
            text = f'"{text}'  # a quote opening a cell, never closed
        elif roll < 0.18:
            text = f'{text}"'  # a quote closing nothing
        elif roll < 0.22:
            text = text + "\x00坏"
        elif roll < 0.235:
            text = "长" * rng.choice([140_000, 1_000_000])
        elif roll < 0.28 and kind in ("csv", "semicolon", "jsonl"):
            text = text + "，还有, 逗号"  # a comma inside the text
        elif roll < 0.33 and multiline:
            text = text.replace("1", "") + "\n第二行" + str(i)
        else:
            odd = False
        if not odd:
            fz.plain[i] = text
        if kind == "jsonl":
            line = json.dumps({"text": text, "label": label.strip()}, ensure_ascii=False)
            if rng.random() < 0.05:
                line = line[: len(line) // 2]  # a broken line
                fz.plain.pop(i, None)
        elif kind == "txt":
            line = text.replace("\n", " ")
            if i in fz.plain:
                fz.plain[i] = line
        else:
            cell = text
            if kind != "tsv" and (delim in text or "\n" in text or (rng.random() < 0.2 and '"' not in text)):
                cell = '"' + text.replace('"', '""') + '"'  # quoted as a spreadsheet would
            line = f"{cell}{delim}{label}" if text_first else f"{label}{delim}{cell}"
        out.append(line)
        if rng.random() < 0.1:
            out.append(rng.choice(["", "  ", "\t" if kind != "tsv" else ""]))
    newline = rng.choice(["\n", "\r\n"])
    fz.path.write_bytes((newline.join(out) + newline).encode(encoding))
    return fz


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Fuzzed]:
    rng = random.Random(20261201)
    folder = tmp_path_factory.mktemp("fuzz")
    return [fuzz_file(rng, folder, k) for k in range(FILES)]


@pytest.fixture(scope="module")
def predictor(tmp_path_factory) -> Predictor:
    return Predictor(make_export(tmp_path_factory.mktemp("export") / "bow", "bow"))


def _output(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_prediction_writes_exactly_one_row_per_data_row_in_order(files, predictor, tmp_path):
    refused = 0
    for fz in files:
        out = tmp_path / (fz.path.stem + ".out.csv")
        try:
            result = predictor.predict_file(fz.path, out)
        except DatasetError as exc:
            assert str(exc).startswith(str(fz.path)), exc
            assert not out.exists()
            refused += 1
            continue
        rows = _output(out)
        assert len(rows) == fz.rows == result.rows, fz.path
        for i, text in fz.plain.items():  # in order: row i of the output is row i of the input
            assert rows[i][0] == text and rows[i][-1] == "" and rows[i][1], (fz.path, i, rows[i][-1])
        assert sum(1 for r in rows if r[-1]) == len(result.problems)
        assert all(r[1] == "" for r in rows if r[-1])
    assert refused <= FILES // 20, f"{refused} files refused"


def test_training_uses_or_reports_every_data_row(files, tmp_path):
    refused = 0
    for fz in files:
        if not fz.labelled:
            continue  # sentences without labels: not training data
        try:
            prepared = prepare_run_data(DatasetSpec(train=str(fz.path)), tmp_path / fz.path.stem)
        except DatasetError as exc:
            assert str(exc).startswith(str(fz.path)), exc
            refused += 1
            continue
        used = prepared.counts["train"] + prepared.counts["dev"]
        assert used + len(prepared.problems) == fz.rows, (fz.path, [str(p) for p in prepared.problems])
        assert used >= len(fz.plain)
    assert refused <= FILES // 20, f"{refused} files refused"


def test_the_cli_writes_one_row_per_data_row_for_a_few_of_them(files, predictor, tmp_path, capsys):
    for fz in files[:: FILES // 5]:
        out = tmp_path / (fz.path.stem + ".cli.csv")
        code = main(["predict", "--model", str(predictor.export_dir), "--file", str(fz.path), "--out", str(out)])
        captured = capsys.readouterr()
        if code == 2:
            assert str(fz.path) in captured.err and not out.exists()
            continue
        assert code == 0, captured.err
        assert len(_output(out)) == fz.rows and f"wrote {fz.rows} rows" in captured.out
