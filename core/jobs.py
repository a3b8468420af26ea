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

from core.errors import UserFacingError
from core.trainer.config import SCHEMA, default, range_problems

SCHEMA_VERSION = 1
RUNNER_KINDS = ("local", "docker")


class JobError(UserFacingError, ValueError):
    """A job description a user can fix; ``problems`` lists every field that is wrong."""

    kind = "job"

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


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

    name: str = default("model.name")
    # ERNIE: None = download by name when online, else build from config (offline);
    # a folder path = load pretrained weights and tokenizer from there.
    pretrained: str | None = default("model.pretrained")
    max_seq_len: int = default("model.max_seq_len")  # ids the model reads; range in core.trainer.config


@dataclass
class TrainSpec:
    """Hyper-parameters."""

    epochs: int = default("train.epochs")
    max_steps: int = default("train.max_steps")  # > 0 stops early at this global step (tests, quick tries)
    batch_size: int = default("train.batch_size")
    learning_rate: float = default("train.learning_rate")
    weight_decay: float = default("train.weight_decay")
    warmup_ratio: float = default("train.warmup_ratio")
    max_grad_norm: float = default("train.max_grad_norm")
    eval_every: int = default("train.eval_every")  # steps between evals; 0 = once per epoch
    logging_every: int = default("train.logging_every")  # steps between `step` events
    early_stopping_patience: int = default("train.early_stopping_patience")  # evals without a gain; 0 = off
    metric: str = default("train.metric")  # accuracy | macro_f1: what "best" means
    amp: bool = default("train.amp")  # mixed precision; GPU only, ignored (with a note) on CPU
    seed: int = default("train.seed")
    save_total_limit: int = default("train.save_total_limit")  # checkpoints kept besides the best


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
        # the fields the trainer reads are checked against its own table: the two never disagree
        out += range_problems({key: getattr(m if key.startswith("model.") else t, key.split(".", 1)[1])
                               for key in SCHEMA if key != "model.name"})
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
