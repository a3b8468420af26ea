"""JobSpec: the single description of a training run (dataset + model + hyper-parameters + runner).

A JobSpec is written to ``runs/<id>/job.json`` when a run starts and never changed afterwards.
The trainer reads that JSON with plain dict access (it must not import ``core``), so the field
names below are a contract: add fields with defaults, never rename.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
RUNNER_KINDS = ("local", "docker")


class JobError(ValueError):
    """A job description a user can fix; ``problems`` lists every field that is wrong."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class DatasetSpec:
    """Where the examples come from and how to read them."""

    train: str = ""
    dev: str | None = None  # None: a stratified, seeded split of train
    test: str | None = None
    format: str = "auto"  # auto | csv | tsv | jsonl
    encoding: str | None = None  # None: detected (utf-8, utf-8-sig, gb18030)
    delimiter: str | None = None  # None: detected; else the one character between fields ("\t", ";", ...)
    has_header: bool | None = None  # None: detected
    text_column: str = "text"  # a header name, or a 0-based index written as a string
    label_column: str = "label"
    labels: list[str] = field(default_factory=list)  # label names in class-index order; [] = from data
    dev_fraction: float = 0.1


@dataclass
class ModelSpec:
    """Which network; ``name`` is a key of the catalogue in ``core.models``."""

    name: str = "bow"
    # ERNIE: None = download by name when online, else build from config (offline);
    # a folder path = load pretrained weights and tokenizer from there.
    pretrained: str | None = None
    max_seq_len: int = 128


@dataclass
class TrainSpec:
    """Hyper-parameters."""

    epochs: int = 3
    max_steps: int = 0  # > 0 stops early at this global step (tests, quick tries)
    batch_size: int = 32
    learning_rate: float = 5e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    eval_every: int = 0  # steps between evals; 0 = once per epoch
    logging_every: int = 10  # steps between `step` events
    early_stopping_patience: int = 0  # evals without improvement before stopping; 0 = off
    metric: str = "accuracy"  # accuracy | macro_f1: what "best" means
    amp: bool = False  # mixed precision; GPU only, ignored (with a note) on CPU
    seed: int = 42
    save_total_limit: int = 2  # checkpoints kept besides the best


@dataclass
class RunnerSpec:
    """Where the trainer runs."""

    kind: str = "local"  # local | docker
    devices: list[int] = field(default_factory=list)  # GPU ids; [] = CPU
    nproc: int = 1  # CPU data-parallel processes when no GPUs are chosen
    image: str | None = None  # docker: trainer image tag; None = the app's default
    memory_limit: str | None = None  # docker: e.g. "8g"; None = a share of the engine's memory
    pids_limit: int = 0  # docker: processes + threads the container may have; 0 = the default
    engines: list[str] = field(default_factory=list)  # docker: engine addresses; [] = the app's; 2+ = multi-node


@dataclass
class JobSpec:
    """A whole training job."""

    dataset: DatasetSpec = field(default_factory=DatasetSpec)
    model: ModelSpec = field(default_factory=ModelSpec)
    train: TrainSpec = field(default_factory=TrainSpec)
    runner: RunnerSpec = field(default_factory=RunnerSpec)
    name: str = ""
    schema_version: int = SCHEMA_VERSION

    # -- validation ---------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every problem a user must fix before this job can start (empty when fine)."""
        out: list[str] = []
        d, m, t, r = self.dataset, self.model, self.train, self.runner
        if not d.train:
            out.append("dataset.train: no training file chosen; pick a CSV, TSV or JSONL file")
        for role in ("train", "dev", "test"):
            path = getattr(d, role)
            if path and not Path(path).is_file():
                out.append(f"dataset.{role}: file not found: {path}")
        if d.format not in ("auto", "csv", "tsv", "jsonl"):
            out.append(f"dataset.format: unknown format {d.format!r}; use csv, tsv, jsonl or auto")
        if not 0.0 < d.dev_fraction < 0.9:
            out.append(f"dataset.dev_fraction: {d.dev_fraction} must be between 0 and 0.9 (0.1 is usual)")
        if d.text_column == d.label_column:
            out.append("dataset: the text and label columns must differ")
        if len(set(d.labels)) != len(d.labels):
            out.append("dataset.labels: a label name appears twice")
        if not 8 <= m.max_seq_len <= 2048:
            out.append(f"model.max_seq_len: {m.max_seq_len} must be between 8 and 2048 (128 is usual)")
        if t.epochs < 1 and t.max_steps < 1:
            out.append("train.epochs: must be at least 1")
        if not 1 <= t.batch_size <= 4096:
            out.append(f"train.batch_size: {t.batch_size} must be between 1 and 4096")
        if not 0.0 < t.learning_rate < 1.0:
            out.append(f"train.learning_rate: {t.learning_rate} must be between 0 and 1 (e.g. 5e-5 for ERNIE)")
        if not 0.0 <= t.warmup_ratio < 1.0:
            out.append(f"train.warmup_ratio: {t.warmup_ratio} must be in [0, 1)")
        if t.metric not in ("accuracy", "macro_f1"):
            out.append(f"train.metric: {t.metric!r} must be accuracy or macro_f1")
        if t.eval_every < 0 or t.logging_every < 1 or t.early_stopping_patience < 0:
            out.append("train: eval_every and early_stopping_patience must be >= 0, logging_every >= 1")
        if r.kind not in RUNNER_KINDS:
            out.append(f"runner.kind: {r.kind!r} must be one of {', '.join(RUNNER_KINDS)}")
        if len(set(r.devices)) != len(r.devices) or any(i < 0 for i in r.devices):
            out.append(f"runner.devices: {r.devices} must be distinct GPU indices")
        if not 1 <= r.nproc <= 64:
            out.append(f"runner.nproc: {r.nproc} must be between 1 and 64")
        from core.runners.container_limits import memory_problem

        memory = memory_problem(r.memory_limit)
        if memory:
            out.append(f"runner.memory_limit: {memory}")
        if r.pids_limit != 0 and not 64 <= r.pids_limit <= 1_000_000:
            out.append(f"runner.pids_limit: {r.pids_limit} must be at least 64 (0 = the default, 4096)")
        return out

    def validate(self) -> JobSpec:
        """Raise JobError listing every problem; return self when fine."""
        problems = self.problems()
        if problems:
            raise JobError(problems)
        return self

    # -- JSON ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobSpec:
        """Build from JSON data; unknown keys are ignored so newer files still load."""
        version = data.get("schema_version", SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            msg = f"job schema {version} is newer than this app understands ({SCHEMA_VERSION}); update PaddleDesk"
            raise JobError([msg])
        parts = {}
        for name, kind in (("dataset", DatasetSpec), ("model", ModelSpec), ("train", TrainSpec),
                           ("runner", RunnerSpec)):
            parts[name] = _build(kind, data.get(name) or {}, name)
        return cls(name=str(data.get("name", "")), schema_version=SCHEMA_VERSION, **parts)

    @classmethod
    def from_json(cls, text: str) -> JobSpec:
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise JobError([f"job file is not valid JSON (line {exc.lineno}): {exc.msg}"]) from None

    @classmethod
    def load(cls, path: str | Path) -> JobSpec:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def save(self, path: str | Path) -> None:
        """Write atomically (temp file + rename): a crash never leaves half a job.json."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        os.replace(tmp, path)


def _build(kind: type, data: dict[str, Any], section: str) -> Any:
    """Construct a section dataclass, checking the type of each known field."""
    if not isinstance(data, dict):
        raise JobError([f"{section}: expected an object, got {type(data).__name__}"])
    values: dict[str, Any] = {}
    problems = []
    for f in fields(kind):
        if f.name not in data:
            continue
        value = data[f.name]
        default = getattr(kind(), f.name)
        if isinstance(default, bool) and not isinstance(value, bool):
            problems.append(f"{section}.{f.name}: expected true/false, got {value!r}")
        elif isinstance(default, int) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(f"{section}.{f.name}: expected a whole number, got {value!r}")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(f"{section}.{f.name}: expected a number, got {value!r}")
            value = float(value) if not problems else value
        elif isinstance(default, list) and not isinstance(value, list):
            problems.append(f"{section}.{f.name}: expected a list, got {value!r}")
        values[f.name] = value
    if problems:
        raise JobError(problems)
    return kind(**values)
