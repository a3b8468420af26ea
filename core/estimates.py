"""Before Start: what a job will cost on this device (whether ERNIE's weights are here is
``core.model_store.weights_status``: one place that also knows imported weights).

``dataset_facts`` reads a dataset the way a run prepares it (same split, same training texts)
so model sizes are the counts the trainer will report. ``estimate`` prefers the speed of the
last run of the same model on this machine and falls back on the catalogue's figures.
Everything here reads files: call it from a worker, never from the GUI thread.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.jobs import DatasetSpec
from core.models import catalogue_speed, get_model
from core.runs import Workspace

RECENT_RUNS = 30  # how many of the newest runs are searched for a speed measured here
STARTUP_S = {"ernie": 15.0}  # importing Paddle (+ PaddleNLP), building the network; 6 s for others


@dataclass(frozen=True)
class DatasetFacts:
    """What a job's cost and its model sizes depend on, from the training split a run would use."""

    num_train: int
    num_dev: int
    labels: list[str]
    mean_units: float  # characters/words per training text
    unit_types: int  # distinct units of the training texts (bow/fastText/CNN/BiLSTM vocabulary)
    wordpiece_types: int  # distinct WordPiece pieces (an ERNIE vocabulary built offline)


def dataset_facts(spec: DatasetSpec, seed: int = 42) -> DatasetFacts:
    """Prepare ``spec`` as a run would (into a temporary folder) and count what matters."""
    from core.datasets import prepare_run_data
    from core.trainer.text import basic_tokenize, text_units

    with tempfile.TemporaryDirectory(prefix="pdk-facts-") as tmp:
        prepared = prepare_run_data(spec, tmp, seed=seed)
        texts = [json.loads(line)["text"] for line in Path(prepared.files["train"]).read_text(
            encoding="utf-8").splitlines() if line.strip()]
    units: set[str] = set()
    pieces: set[str] = set()
    total = 0
    for text in texts:
        these = text_units(text)
        total += len(these)
        units.update(these)
        for word in basic_tokenize(text):  # as core.trainer.text.build_ernie_vocab splits words
            pieces.update(word if len(word) == 1 else [word[0], *("##" + c for c in word[1:])])
    return DatasetFacts(num_train=len(texts), num_dev=prepared.counts.get("dev", 0), labels=list(prepared.labels),
                        mean_units=total / max(1, len(texts)), unit_types=len(units), wordpiece_types=len(pieces))


def last_run_speed(workspace: Workspace, model: str, gpu: bool) -> tuple[float, str] | None:
    """(median training samples/s, run id) of the newest run of ``model`` on this kind of device."""
    for run in workspace.runs()[:RECENT_RUNS]:
        try:
            if run.job().model.name != model:
                continue
            history = run.history()
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a damaged run folder tells nothing
        device = str((history.start or {}).get("device", ""))
        if not device or device.startswith("gpu") != gpu:
            continue
        speeds = [float(s["samples_per_s"]) for s in history.steps[1:]
                  if isinstance(s.get("samples_per_s"), (int, float)) and s["samples_per_s"] > 0]
        if speeds:
            return statistics.median(speeds), run.id
    return None


@dataclass(frozen=True)
class Estimate:
    """The expected duration of a job on a device, and where the speed came from."""

    seconds: float
    samples_per_s: float
    gpu: bool
    from_run: str = ""  # the run whose measured speed was used; "" = the catalogue's figure


def estimate(model: str, facts: DatasetFacts, epochs: int, batch_size: int, max_steps: int, max_seq_len: int,
             gpu: bool, workspace: Workspace | None = None) -> Estimate:
    """How long training ``model`` on ``facts`` takes: every epoch's samples (or ``max_steps`` batches),
    one dev evaluation per epoch, and the start-up."""
    measured = last_run_speed(workspace, model, gpu) if workspace is not None else None
    if measured is not None:
        speed, run_id = measured
    else:
        speed, run_id = catalogue_speed(model, gpu, facts.mean_units, max_seq_len), ""
    steps_per_epoch = max(1, -(-facts.num_train // max(1, batch_size)))
    steps = steps_per_epoch * max(1, epochs)
    if max_steps > 0:
        steps = min(steps, max_steps)
    epochs_run = -(-steps // steps_per_epoch)
    samples = steps * batch_size
    evaluation = epochs_run * facts.num_dev / 3.0  # a forward pass costs about a third of a step
    startup = STARTUP_S.get(get_model(model).family, 6.0)
    return Estimate(seconds=startup + (samples + evaluation) / max(speed, 1e-6), samples_per_s=speed, gpu=gpu,
                    from_run=run_id)
