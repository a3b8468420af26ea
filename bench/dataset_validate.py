"""Validate 100k-row datasets (read, check every row, map labels, stats, split) vs a plain reader.

For a UTF-8 TSV, a GB18030 CSV and a UTF-8 JSONL file of the same rows, prints seconds for
``load_examples + compute_stats + stratified_split`` and for the baseline (csv.reader, or
json.loads per line, with the encoding known in advance: no detection, no checks), and the ratio.
Goal: under 2 s per 100k rows. Also times prepare_run_data (which writes the JSONL files).

    .venv/bin/python bench/dataset_validate.py [rows]
"""

from __future__ import annotations

import csv
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from core.datasets import compute_stats, load_examples, prepare_run_data, stratified_split
from core.jobs import DatasetSpec

PIECES = ("这家餐厅的菜味道不错", "服务员态度很差", "房间干净整洁", "物流太慢了", "剧情拖沓", "演员演技在线",
          "性价比很高", "下次不会再来", "推荐给朋友", "包装破损", "早餐种类丰富", "结局出人意料, 真的")


def make_rows(rows: int) -> list[tuple[str, str]]:
    """Chinese texts of about 5..120 characters, labels 正面/负面."""
    rng = random.Random(0)
    return [("，".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10))), rng.choice(("正面", "负面")))
            for _ in range(rows)]


def write_files(folder: Path, rows: list[tuple[str, str]]) -> dict[str, tuple[Path, str]]:
    """The same rows as TSV (UTF-8), CSV (GB18030) and JSONL (UTF-8): name -> (path, encoding)."""
    tsv, gcsv, jsonl = folder / "data.tsv", folder / "data.csv", folder / "data.jsonl"
    with open(tsv, "w", encoding="utf-8", newline="") as f:
        f.write("text\tlabel\n")
        f.writelines(f"{t}\t{lab}\n" for t, lab in rows)
    with open(gcsv, "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f)
        w.writerow(("text", "label"))
        w.writerows(rows)
    with open(jsonl, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"text": t, "label": lab}, ensure_ascii=False) + "\n" for t, lab in rows)
    return {"TSV utf-8": (tsv, "utf-8"), "CSV gb18030": (gcsv, "gb18030"), "JSONL utf-8": (jsonl, "utf-8")}


def baseline(path: Path, encoding: str) -> None:
    """Just parse: the least any reader must do."""
    with open(path, encoding=encoding, newline="") as f:
        if path.suffix == ".jsonl":
            for line in f:
                json.loads(line)
        else:
            for _ in csv.reader(f, delimiter="\t" if path.suffix == ".tsv" else ","):
                pass


def ours(path: Path, rows: int) -> None:
    ex = load_examples(path)
    assert len(ex) == rows and not ex.problems, (len(ex), ex.problems[:3])
    compute_stats(ex.texts, ex.label_ids, ex.label_names)
    stratified_split(ex.label_ids, 0.1, 42)


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp), make_rows(rows))
        print(f"rows: {rows:,}")
        print(f"{'file':<13} {'MB':>5} {'baseline s':>11} {'ours s':>8} {'ratio':>6}  goal < 2 s")
        for name, (path, enc) in files.items():
            t_base = best_of(lambda p=path, e=enc: baseline(p, e))
            t_ours = best_of(lambda p=path: ours(p, rows))
            mb = path.stat().st_size / 1e6
            print(f"{name:<13} {mb:5.1f} {t_base:11.3f} {t_ours:8.3f} {t_ours / t_base:5.1f}x  "
                  f"{'ok' if t_ours < 2 else 'MISSED'}")
        tsv = files["TSV utf-8"][0]
        t_prep = best_of(lambda: prepare_run_data(DatasetSpec(train=str(tsv)), Path(tmp) / "out", seed=42))
        print(f"prepare_run_data on the TSV (validate, split, stats, write train/dev.jsonl): {t_prep:.3f} s")


if __name__ == "__main__":
    main()
