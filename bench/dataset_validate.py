"""Validate a 100k-row dataset (read, check every row, map labels, stats, split) vs a plain csv.reader.

Prints seconds for each path and the ratio ours / baseline. Goal: ours < 2 s for 100k rows.
Run: .venv/bin/python bench/dataset_validate.py [rows]
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from core.datasets import compute_stats, load_examples, prepare_run_data, stratified_split
from core.jobs import DatasetSpec

PIECES = ("这家餐厅的菜味道不错", "服务员态度很差", "房间干净整洁", "物流太慢了", "剧情拖沓", "演员演技在线",
          "性价比很高", "下次不会再来", "推荐给朋友", "包装破损", "早餐种类丰富", "结局出人意料")


def make_file(path: Path, rows: int) -> None:
    """A TSV with a header, Chinese texts of 10..200 characters and labels 正面/负面."""
    rng = random.Random(0)
    with open(path, "w", encoding="utf-8") as f:
        f.write("text\tlabel\n")
        for _ in range(rows):
            text = "，".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))
            f.write(f"{text}\t{rng.choice(('正面', '负面'))}\n")


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
        path = Path(tmp) / "bench.tsv"
        make_file(path, rows)

        def baseline() -> None:
            with open(path, encoding="utf-8", newline="") as f:
                for _ in csv.reader(f, delimiter="\t"):
                    pass

        def ours() -> None:
            ex = load_examples(path)
            assert len(ex) == rows and not ex.problems
            compute_stats(ex.texts, ex.label_ids, ex.label_names)
            stratified_split(ex.label_ids, 0.1, 42)

        def prepare() -> None:
            prepare_run_data(DatasetSpec(train=str(path)), Path(tmp) / "data", seed=42)

        size = path.stat().st_size
        t_base = best_of(baseline)
        t_ours = best_of(ours)
        t_prep = best_of(prepare)
    print(f"rows: {rows:,}  file: {size / 1e6:.1f} MB (TSV, UTF-8)")
    print(f"baseline csv.reader over the file:      {t_base:.3f} s")
    print(f"load_examples + stats + split:          {t_ours:.3f} s  ratio {t_ours / t_base:.1f}x  "
          f"(goal < 2 s: {'ok' if t_ours < 2 else 'MISSED'})")
    print(f"prepare_run_data (also writes JSONL):   {t_prep:.3f} s  ratio {t_prep / t_base:.1f}x")


if __name__ == "__main__":
    main()
