"""The Predict page's Paddle work, run on the serial worker: load an export once, predict sentences."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

# (export folder, manifest.json mtime) -> Predictor: loading one costs a Paddle start, and "Export again"
# or a resumed run rewrites the folder in place, so the manifest's time tells a new export from the old one
_predictors: dict[tuple[str, int], Any] = {}


def _export_key(export_dir: str) -> tuple[str, int]:
    """The cache key of an export folder: its resolved path and its manifest's modification time."""
    folder = Path(export_dir).resolve()
    try:
        mtime = (folder / "manifest.json").stat().st_mtime_ns
    except OSError:
        mtime = 0
    return str(folder), mtime


def load_predictor(export_dir: str) -> Any:
    """A Predictor for ``export_dir`` (cached until the export is rewritten); runs in a worker: it imports Paddle."""
    key = _export_key(export_dir)
    if key not in _predictors:
        from core.predict import Predictor

        for old in [k for k in _predictors if k[0] == key[0]]:  # an older export of the same folder
            del _predictors[old]
        _predictors[key] = Predictor(key[0])
    return _predictors[key]


def predict_texts(export_dir: str, texts: list[str]) -> tuple[list[Any], float, list[Any]]:
    """Predictions, the milliseconds per sentence they took, and what the model could read of each text."""
    predictor = load_predictor(export_dir)
    start = time.perf_counter()
    results = predictor.predict(texts)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(texts))
    return results, ms, predictor.notes(texts)
