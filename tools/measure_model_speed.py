"""Measure CPU training speed (samples/s) of catalogue models on this machine, for core.models.

Trains each model for a few steps on the shipped sample reviews (batch 32, the Balanced preset's
max length, no evaluation) through the real local runner and prints the median samples/s the
trainer reported after its first logging window. ERNIE models run from config (no weights):
the speed is the same as with pretrained weights.

    .venv/bin/python tools/measure_model_speed.py [model ...]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.events import RunHistory  # noqa: E402
from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec  # noqa: E402
from core.launch import launch  # noqa: E402
from core.models import preset  # noqa: E402
from core.runners.local import LocalRunner  # noqa: E402
from core.runs import Workspace  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "datasets" / "reviews_zh" / "train.tsv"
STEPS = {"bow": 60, "fasttext": 60, "cnn": 40, "bilstm": 30}  # ERNIE: 8 steps


def measure(model: str, workspace: Workspace) -> float:
    steps = STEPS.get(model, 8)
    job = JobSpec(dataset=DatasetSpec(train=str(SAMPLE)),
                  model=ModelSpec(name=model, max_seq_len=preset(model, "balanced").max_seq_len),
                  train=TrainSpec(epochs=50, max_steps=steps, batch_size=32, eval_every=10**6,
                                  logging_every=2))
    runner = LocalRunner()
    run = launch(job, workspace, runner)
    runner.wait(run)
    history = RunHistory.from_file(run.events_file)
    speeds = [s["samples_per_s"] for s in history.steps[1:] if isinstance(s.get("samples_per_s"), (int, float))]
    return statistics.median(speeds) if speeds else float("nan")


def main(models: list[str]) -> None:
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(Path(root))
        for model in models:
            print(f"{model:<22} {measure(model, workspace):8.1f} samples/s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["bow", "fasttext", "cnn", "bilstm", "ernie-3.0-nano-zh", "ernie-3.0-mini-zh"])
