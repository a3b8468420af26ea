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


@dataclass(frozen=True)
class Setting:
    """One job field the trainer reads: its default and the values allowed (bounds inclusive unless open)."""

    default: Any
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False
    choices: tuple[str, ...] = ()
    usual: str = ""  # said after a value out of range, e.g. "128 is usual"

    def problem(self, key: str, value: Any) -> str | None:
        """``key: value must be ...`` when ``value`` is outside this setting's range, else None."""
        if self.choices:
            return None if value in self.choices else f"{key}: {value!r} must be {' or '.join(self.choices)}"
        if self.low is None and self.high is None:
            return None
        below = self.low is not None and (value <= self.low if self.open_low else value < self.low)
        above = self.high is not None and (value >= self.high if self.open_high else value > self.high)
        if not (below or above):
            return None
        if self.low is not None and self.high is not None:
            left, right = ("(" if self.open_low else "["), (")" if self.open_high else "]")
            plain = not (self.open_low or self.open_high)
            allowed = (f"between {_num(self.low)} and {_num(self.high)}" if plain or (self.open_low and self.open_high)
                       else f"in {left}{_num(self.low)}, {_num(self.high)}{right}")
        else:
            allowed = f"at least {_num(self.low)}"
        return f"{key}: {value} must be {allowed}" + (f" ({self.usual})" if self.usual else "")


# The one table of the trainer's job fields, their defaults and ranges. core.jobs builds its dataclasses'
# defaults and its checks from it too, so the app never accepts a job the trainer refuses, nor the reverse.
# max_seq_len counts ids, not characters: n-gram models read several ids per character, hence up to 8192.
SCHEMA: dict[str, Setting] = {
    "model.name": Setting("bow"),
    "model.pretrained": Setting(None),
    "model.max_seq_len": Setting(128, 8, 8192, usual="128 is usual"),
    "train.epochs": Setting(3),  # at least 1 unless max_steps is set: see range_problems
    "train.max_steps": Setting(0),  # > 0 stops at this global step
    "train.batch_size": Setting(32, 1, 4096),
    "train.learning_rate": Setting(5e-3, 0.0, 1.0, open_low=True, open_high=True, usual="e.g. 5e-5 for ERNIE"),
    "train.weight_decay": Setting(0.01),
    "train.warmup_ratio": Setting(0.1, 0.0, 1.0, open_high=True),
    "train.max_grad_norm": Setting(1.0),
    "train.eval_every": Setting(0, 0),  # steps between evals; 0 = once per epoch
    "train.logging_every": Setting(10, 1),
    "train.early_stopping_patience": Setting(0, 0),
    "train.metric": Setting("accuracy", choices=("accuracy", "macro_f1")),
    "train.amp": Setting(False),
    "train.seed": Setting(42),
    "train.save_total_limit": Setting(2),
}


def default(key: str) -> Any:
    """The default of ``section.field`` in :data:`SCHEMA`."""
    return SCHEMA[key].default


def range_problems(values: dict[str, Any]) -> list[str]:
    """Every value of ``{"section.field": value}`` outside its range in :data:`SCHEMA`, in words."""
    out = [msg for key, value in values.items() if key in SCHEMA
           for msg in [SCHEMA[key].problem(key, value)] if msg]
    if values.get("train.epochs", 1) < 1 and values.get("train.max_steps", 0) < 1:
        out.insert(0, "train.epochs: must be at least 1 (or set train.max_steps)")
    return out


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass
class TrainConfig:
    """What one training run needs from job.json (defaults from :data:`SCHEMA`)."""

    model: str = default("model.name")
    pretrained: str | None = default("model.pretrained")
    max_seq_len: int = default("model.max_seq_len")
    epochs: int = default("train.epochs")
    max_steps: int = default("train.max_steps")
    batch_size: int = default("train.batch_size")
    learning_rate: float = default("train.learning_rate")
    weight_decay: float = default("train.weight_decay")
    warmup_ratio: float = default("train.warmup_ratio")
    max_grad_norm: float = default("train.max_grad_norm")
    eval_every: int = default("train.eval_every")
    logging_every: int = default("train.logging_every")
    early_stopping_patience: int = default("train.early_stopping_patience")
    metric: str = default("train.metric")
    amp: bool = default("train.amp")
    seed: int = default("train.seed")
    save_total_limit: int = default("train.save_total_limit")
    devices: list[int] = field(default_factory=list)


_SECTIONS = {
    "model": ("name", "pretrained", "max_seq_len"),
    "train": tuple(key.split(".", 1)[1] for key in SCHEMA if key.startswith("train.")),
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
    # a value of the wrong type was left at its default: the ranges are checked on what is there
    problems += range_problems({f"{section}.{name}": getattr(cfg, "model" if name == "name" else name)
                                for section, names in _SECTIONS.items() if section != "runner" for name in names})
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
