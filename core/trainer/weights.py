"""Where a run's starting weights came from, in words for the start event and the run's report."""

from __future__ import annotations

import json
from pathlib import Path


def weights_text(family: str, folder: str | None) -> str:
    """Where the starting weights came from, as the start event and the report say it."""
    if folder is None:
        return "trained from scratch (random initial weights)" + (
            ": no pretrained weights on this computer" if family == "ernie" else "")
    try:  # an imported copy carries the model store's record (core.model_store writes it)
        info = json.loads((Path(folder) / "store.json").read_text(encoding="utf-8"))
        digest = info.get("files", {}).get("model_state.pdparams", "")
        return f"pretrained weights imported as {info.get('name')} from {info.get('source')} " \
               f"(sha256 {digest[:12]}) in {folder}"
    except (OSError, ValueError, AttributeError):
        return f"pretrained weights from {folder}"
