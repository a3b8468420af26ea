"""The job file as the trainer needs it: plain-dict reading with user-readable errors.

The trainer must not import ``core.jobs``; it reads the same JSON (field names are the
contract) and checks only what it uses, so a newer app's extra fields are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError

JOB_HINT = "create the run again from the app or the CLI (it writes a valid job.json)"


@dataclass
class TrainConfig:
    """What one training run needs from job.json."""

    model: str = "bow"
    pretrained: str | None = None
    max_seq_len: int = 128
    epochs: int = 3
    max_steps: int = 0
    batch_size: int = 32
    learning_rate: float = 5e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    eval_every: int = 0
    logging_every: int = 10
    early_stopping_patience: int = 0
    metric: str = "accuracy"
    amp: bool = False
    seed: int = 42
    save_total_limit: int = 2
    devices: list[int] = field(default_factory=list)


_SECTIONS = {
    "model": ("name", "pretrained", "max_seq_len"),
    "train": ("epochs", "max_steps", "batch_size", "learning_rate", "weight_decay", "warmup_ratio",
              "max_grad_norm", "eval_every", "logging_every", "early_stopping_patience", "metric", "amp",
              "seed", "save_total_limit"),
    "runner": ("devices",),
}


def load_job(path: Path) -> dict[str, Any]:
    """job.json as a dict; a missing or broken file is a data error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: job file not found", JOB_HINT) from None
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise DataError(f"{where}: job file is not valid JSON", JOB_HINT) from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a JSON object", JOB_HINT)
    return data


def parse_config(job: dict[str, Any], where: str = "job.json") -> TrainConfig:
    """A TrainConfig from job data; every wrong field is listed in one DataError."""
    cfg = TrainConfig()
    problems: list[str] = []
    for section, names in _SECTIONS.items():
        part = job.get(section) or {}
        if not isinstance(part, dict):
            problems.append(f"{section}: expected an object")
            continue
        for name in names:
            if name not in part:
                continue
            attr = "model" if (section, name) == ("model", "name") else name
            value, default = part[name], getattr(cfg, attr)
            if not _type_ok(value, default, attr):
                problems.append(f"{section}.{name}: unexpected value {value!r}")
                continue
            setattr(cfg, attr, float(value) if isinstance(default, float) else value)
    problems += _range_problems(cfg)
    if problems:
        raise DataError(f"{where}: " + "; ".join(problems), JOB_HINT)
    return cfg


def _type_ok(value: Any, default: Any, attr: str) -> bool:
    if attr == "pretrained":
        return value is None or isinstance(value, str)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    return isinstance(value, str)


def _range_problems(c: TrainConfig) -> list[str]:
    out = []
    if c.epochs < 1 and c.max_steps < 1:
        out.append("train.epochs must be at least 1 (or set train.max_steps)")
    if c.batch_size < 1:
        out.append("train.batch_size must be at least 1")
    if not 1 <= c.max_seq_len <= 8192:
        out.append("model.max_seq_len must be between 1 and 8192")
    if not 0 < c.learning_rate < 1:
        out.append("train.learning_rate must be between 0 and 1")
    if not 0 <= c.warmup_ratio < 1:
        out.append("train.warmup_ratio must be in [0, 1)")
    if c.metric not in ("accuracy", "macro_f1"):
        out.append("train.metric must be accuracy or macro_f1")
    if c.logging_every < 1 or c.eval_every < 0 or c.early_stopping_patience < 0:
        out.append("train.logging_every must be >= 1, eval_every and early_stopping_patience >= 0")
    return out
