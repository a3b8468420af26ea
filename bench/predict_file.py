"""Predicting a 100k-row file: the shared dataset reader vs the old private csv.reader path.

    python bench/predict_file.py [--rows 100000] [--model bow] [--repeats 3]

One export, one file (TSV, then CSV with quoted texts), one Predictor. "old" is the code that
predict_file ran before issue 9 (its own decode + csv.reader + column pick, then the same
chunked prediction and CSV writing), copied here as the baseline; "new" is Predictor.predict_file,
which reads through core.datasets. Runs alternate; the best of each is compared.
Target: new / old <= 1.3.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from predict_latency import sentences, write_export  # noqa: E402

TARGET = 1.3


def old_read_texts(path: Path) -> list[str]:
    """The pre-issue-9 reader of core.predict (csv/tsv branch), as it was."""
    raw = path.read_bytes()
    content = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter="\t" if path.suffix == ".tsv" else ","))
    rows = [r for r in rows if any(c.strip() for c in r)]
    names = [h.strip().lower() for h in rows[0]]
    col = names.index("text") if "text" in names else 0
    return [row[col] for row in rows[1:]]


def old_predict_file(predictor, src: Path, out: Path, batch_size: int = 64) -> int:
    """The pre-issue-9 predict_file body around old_read_texts."""
    texts = old_read_texts(src)
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label", *(f"prob_{lb}" for lb in predictor.labels)])
        step = batch_size * 8
        for start in range(0, len(texts), step):
            chunk = texts[start:start + step]
            probs = predictor.predict_proba(chunk, batch_size)
            for text, row in zip(chunk, probs):
                writer.writerow([text, predictor.labels[int(row.argmax())], *(f"{p:.6f}" for p in row)])
    return len(texts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--model", default="bow")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    from core.predict import Predictor

    tmp = Path(tempfile.mkdtemp(prefix="pdk-bench-predict-file-"))
    (tmp / "export").mkdir()
    export = write_export(tmp / "export", args.model)
    predictor = Predictor(export, threads=1)
    texts = sentences(args.rows, seed=1)
    labels = ["正面", "负面"]
    files = {
        "tsv": ("text\tlabel\n" + "".join(f"{t}\t{labels[i % 2]}\n" for i, t in enumerate(texts)), "in.tsv"),
        "csv": ("text,label\n" + "".join(f'"{t}",{labels[i % 2]}\n' for i, t in enumerate(texts)), "in.csv"),
    }
    worst = 0.0
    for kind, (content, name) in files.items():
        src = tmp / name
        src.write_text(content, encoding="utf-8")
        best = {"old": float("inf"), "new": float("inf")}
        for _ in range(args.repeats):
            for way in ("old", "new"):
                out = tmp / f"out-{way}.csv"
                start = time.perf_counter()
                n = old_predict_file(predictor, src, out) if way == "old" else predictor.predict_file(src, out).rows
                best[way] = min(best[way], time.perf_counter() - start)
                assert n == args.rows, (way, n)
        ratio = best["new"] / best["old"]
        worst = max(worst, ratio)
        print(f"{kind}: {args.rows:,} rows  old {best['old']:.2f} s  new {best['new']:.2f} s  "
              f"({args.rows / best['new']:,.0f} rows/s)  ratio new/old {ratio:.2f}  (target <= {TARGET})")
    print(f"worst ratio {worst:.2f}: {'OK' if worst <= TARGET else 'SLOWER THAN TARGET'}")
    for f in tmp.rglob("*"):
        if f.is_file():
            os.unlink(f)
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
