"""Checkpoints written atomically: each is built in a temp folder, then renamed into place.

``<run>/checkpoints/last`` is always the newest full state (weights, optimizer, LR scheduler,
RNG, step, data position); older ones become ``step-<N>`` and only ``save_total_limit`` of
them (``last`` included) are kept. ``best`` holds the weights of the best eval so far.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

STATE_FILE = "trainer_state.json"
MODEL_FILE = "model.pdparams"
OPTIMIZER_FILE = "optimizer.pdopt"
EXTRA_FILE = "extra.pdstate"  # scheduler, AMP scaler
RNG_FILE = "rng.pkl"


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


def capture_rng() -> dict[str, Any]:
    """Python, NumPy and Paddle generator states (Paddle's may not pickle on old versions)."""
    import paddle

    state: dict[str, Any] = {"python": random.getstate(), "numpy": np.random.get_state(), "paddle": None}
    try:
        paddle_state = paddle.get_rng_state()
        pickle.dumps(paddle_state)
        state["paddle"] = paddle_state
    except Exception:  # noqa: BLE001 - optional: resuming then only loses dropout's exact stream
        pass
    return state


def restore_rng(state: dict[str, Any]) -> bool:
    """Restore what capture_rng saved; False when Paddle's own generator could not be restored."""
    import paddle

    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    if state.get("paddle") is None:
        return False
    try:
        paddle.set_rng_state(state["paddle"])
    except Exception:  # noqa: BLE001 - a checkpoint from another device kind
        return False
    return True


def rng_state_survives_pickle() -> bool:
    """True when Paddle's generator state restores exactly after pickling (Paddle 3; not 2.6,
    whose unpickled state only keeps the seed). Leaves the generator as it found it."""
    import paddle

    saved = paddle.get_rng_state()
    try:
        paddle.rand([4])  # move off a fresh seed: 2.6 "restores" by re-seeding, right only there
        blob = pickle.dumps(paddle.get_rng_state())
        first = paddle.rand([4]).numpy()
        paddle.set_rng_state(pickle.loads(blob))  # noqa: S301 - our own bytes, just made
        return bool((paddle.rand([4]).numpy() == first).all())
    except Exception:  # noqa: BLE001 - any failure means: do not rely on it
        return False
    finally:
        paddle.set_rng_state(saved)


def step_seed(seed: int, step: int) -> int:
    """The seed of global step ``step`` when the generator is re-seeded every step."""
    return (seed * 1000003 + step * 7919 + 1) % (2**31 - 1)


def save_rng(folder: Path) -> None:
    """Write the RNG states into a checkpoint folder."""
    with (folder / RNG_FILE).open("wb") as fh:
        pickle.dump(capture_rng(), fh)


def load_rng(folder: Path) -> bool:
    """Restore RNG states from a checkpoint folder (our own file, written by save_rng)."""
    path = folder / RNG_FILE
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        return restore_rng(pickle.load(fh))  # noqa: S301 - written by this trainer into the run folder
