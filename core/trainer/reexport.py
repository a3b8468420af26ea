"""``--export-only``: write ``<run>/export`` again from the run's checkpoints, without training.

The best weights (``checkpoints/best``, else the newest full checkpoint) go into the network
rebuilt as the run built it, with the tokenizer the run saved in its checkpoint, through the same
``export_model`` as the end of training. No ``start`` or ``done`` event is written (a ``start``
would reset the run's outcome): only ``phase: exporting`` and an ``export`` event marked
``export_only``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import checkpoint as ckpt
from .config import TrainConfig
from .errors import EXIT_OK, DataError
from .events import EventWriter, read_event_objects

NO_CHECKPOINT_HINT = ("this run never saved a checkpoint (it stopped before its first evaluation): "
                      "resume it or train it again, then export")


def weights_folder(ckpt_dir: Path) -> Path | None:
    """``best`` when it holds weights, else the newest complete checkpoint, else None."""
    best = ckpt_dir / "best"
    if (best / ckpt.MODEL_FILE).is_file():
        return best
    return ckpt.find_resume(ckpt_dir)


def last_export_metrics(events_file: Path) -> dict[str, Any] | None:
    """The metrics of the run's latest ``export`` event (they include the test split's)."""
    try:
        objects = read_event_objects(events_file)
    except OSError:
        return None
    exports = [obj["metrics"] for obj in objects
               if obj.get("type") == "export" and isinstance(obj.get("metrics"), dict)]
    return exports[-1] if exports else None


def _pretrained_dir(cfg: TrainConfig, family: str, run_dir: Path) -> str | None:
    """The pretrained folder the run used, when it is still here; never downloads."""
    if family != "ernie":
        return None
    if cfg.pretrained and (Path(cfg.pretrained) / "vocab.txt").is_file():
        return cfg.pretrained
    cache = Path(os.environ.get("PPNLP_HOME") or (run_dir / "cache")) / "pdk_pretrained" / cfg.model
    return str(cache) if (cache / "vocab.txt").is_file() else None


def export_only(cfg: TrainConfig, run_dir: Path, data_dir: Path, writer: EventWriter) -> int:
    """Rebuild the run's network from its checkpoint and write its export folder again."""
    import paddle

    from .catalogue import UnknownModelError, family_of
    from .data import load_run_data
    from .export import export_model
    from .nets import build_network
    from .text import build_tokenizer, load_tokenizer

    ckpt_dir = run_dir / "checkpoints"
    weights = weights_folder(ckpt_dir)
    if weights is None:
        raise DataError(f"{ckpt_dir}: no checkpoint to export from", NO_CHECKPOINT_HINT)
    writer.emit("phase", phase="exporting")
    try:
        family = family_of(cfg.model)
    except UnknownModelError as exc:
        raise DataError(f"job.json: model.name: {exc}", "pick a model from the catalogue") from None
    data = load_run_data(data_dir)
    paddle.set_device("cpu")  # a few forward passes: no need to hold a GPU
    pretrained = _pretrained_dir(cfg, family, run_dir)
    full = ckpt.find_resume(ckpt_dir)  # only full checkpoints carry the tokenizer
    entry = (ckpt.read_state(full) or {}).get("tokenizer") if full is not None else None
    if entry:
        tokenizer = load_tokenizer(entry, full / "tokenizer")
    else:  # built from the same texts as training did: the same vocabulary
        tokenizer = build_tokenizer(cfg.model, data.train.texts, pretrained_dir=pretrained)
    net = build_network(cfg.model, tokenizer, len(data.labels), pretrained=pretrained)
    net.set_state_dict(paddle.load(str(weights / ckpt.MODEL_FILE)))
    state = ckpt.read_state(weights) or {}
    metrics = last_export_metrics(run_dir / "events.jsonl") or state.get("metrics") or state.get("best_metrics") or {}
    out = run_dir / "export"
    files = export_model(net, tokenizer, data.labels, out, model_name=cfg.model, family=family,
                         max_seq_len=cfg.max_seq_len, metrics=metrics, sample_texts=data.dev.texts)
    step = int(state.get("global_step", 0) or 0)
    writer.emit("export", path="export", files=files, metrics=metrics, export_only=True,
                source=f"checkpoints/{weights.name}", step=step)
    writer.say(f"exported {weights.relative_to(run_dir)} (step {step}) to {out}")
    return EXIT_OK
