"""Export of the best weights for inference: ``paddle.jit.save`` + tokenizer + labels + manifest.

The folder is built under a temp name and renamed into ``<run>/export`` so a reader never sees
half an export. ``manifest.json`` records the probabilities the dygraph model gave for a few
texts, which lets tests check that the Predictor reproduces them.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import paddle
import paddle.nn.functional as F

MANIFEST_FORMAT = 1
MAX_SAMPLES = 8


def dygraph_probs(net: paddle.nn.Layer, ids: list[list[int]], pad_id: int) -> list[list[float]]:
    """Softmax probabilities for each id list, one row at a time (no padding involved)."""
    net.eval()
    out = []
    with paddle.no_grad():
        for row in ids:
            x = paddle.to_tensor(np.asarray([row or [pad_id]], dtype=np.int64))
            out.append([float(p) for p in F.softmax(net(x).astype("float32"), axis=-1).numpy()[0]])
    return out


def export_model(net: paddle.nn.Layer, tokenizer: Any, labels: list[str], out_dir: Path, *,
                 model_name: str, family: str, max_seq_len: int, metrics: dict[str, Any],
                 sample_texts: list[str]) -> list[str]:
    """Write the export folder; returns its file names."""
    tmp = out_dir.parent / f".tmp-{out_dir.name}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    net.eval()
    spec = paddle.static.InputSpec(shape=[None, None], dtype="int64", name="input_ids")
    paddle.jit.save(net, str(tmp / "inference"), input_spec=[spec])
    entry = tokenizer.save(tmp)
    (tmp / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    texts = sample_texts[:MAX_SAMPLES]
    probs = dygraph_probs(net, [tokenizer.encode(t, max_seq_len) for t in texts], tokenizer.pad_id)
    manifest = {
        "format": MANIFEST_FORMAT,
        "model": model_name,
        "family": family,
        "labels": labels,
        "max_seq_len": max_seq_len,
        "input_names": ["input_ids"],
        "tokenizer": entry,
        "pad_id": tokenizer.pad_id,
        "metrics": metrics,
        "paddle_version": paddle.__version__,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "samples": [{"text": t, "probs": p} for t, p in zip(texts, probs)],
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    # swap with two renames, delete the old one after: the folder is missing only between them
    trash = None
    if out_dir.exists():
        trash = out_dir.parent / f".old-{out_dir.name}-{os.getpid()}"
        out_dir.rename(trash)
    tmp.rename(out_dir)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
    return sorted(p.name for p in out_dir.iterdir())
