"""Checkpoints written atomically: each is built in a temp folder, then renamed into place.

``<run>/checkpoints/last`` is always the newest full state (weights, optimizer, LR scheduler,
step, data position, loss window, best metric, early-stopping count; no RNG state: every random
draw is derived from (seed, epoch, step), see seeds.py); older ones become ``step-<N>`` and only
``save_total_limit`` of them (``last`` included) are kept. ``best`` holds the best eval's weights.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

STATE_FILE = "trainer_state.json"
MODEL_FILE = "model.pdparams"
OPTIMIZER_FILE = "optimizer.pdopt"
EXTRA_FILE = "extra.pdstate"  # scheduler, AMP scaler


def read_state(folder: Path) -> dict[str, Any] | None:
    """The trainer state of a checkpoint folder, or None when it is missing or unreadable."""
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_state(folder: Path, state: dict[str, Any]) -> None:
    """Write trainer_state.json (the last file written, so its presence marks a whole checkpoint)."""
    (folder / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")


def save_atomic(root: Path, name: str, fill: Callable[[Path], None], keep: int = 2) -> Path:
    """Build checkpoint ``name`` in a temp folder with ``fill`` and rename it into ``root/name``.

    For ``last`` the previous ``last`` is kept as ``step-<N>`` while fewer than ``keep`` exist.
    """
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{name}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    fill(tmp)
    _fsync_dir(tmp)
    target = root / name
    trash = None
    if target.exists():
        old_state = read_state(target)
        if name == "last" and keep > 1 and old_state is not None:
            aside = root / f"step-{int(old_state.get('global_step', 0)):08d}"
            if aside.exists():
                shutil.rmtree(aside)
            target.rename(aside)
        else:
            trash = root / f".old-{name}-{os.getpid()}"
            target.rename(trash)
    tmp.rename(target)
    _fsync_dir(root)
    if trash is not None:  # deleted once the new one is in place
        shutil.rmtree(trash, ignore_errors=True)
    if name == "last":
        _prune(root, keep - 1)
    return target


def _prune(root: Path, keep_old: int) -> None:
    olds = sorted(p for p in root.glob("step-*") if p.is_dir())
    for p in olds[: max(0, len(olds) - max(0, keep_old))]:
        shutil.rmtree(p, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def clean_temp(root: Path) -> None:
    """Remove half-written checkpoints left by a process that was killed while saving."""
    if root.is_dir():
        for p in list(root.glob(".tmp-*")) + list(root.glob(".old-*")):
            shutil.rmtree(p, ignore_errors=True)


def find_resume(root: Path) -> Path | None:
    """``last`` when complete, else the newest complete ``step-<N>`` (a kill between renames)."""
    candidates = [root / "last"] + sorted(root.glob("step-*"), reverse=True)
    for p in candidates:
        if p.is_dir() and read_state(p) is not None and (p / MODEL_FILE).is_file():
            return p
    return None
