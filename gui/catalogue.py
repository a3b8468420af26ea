"""What the Train page shows about models, read from ``core.models`` (tolerant of missing fields)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gui.core_texts import tr_core

PRESETS = ("quick", "balanced", "best")


@dataclass
class ModelCard:
    """One model as the Train page lists it."""

    name: str
    title: str
    family: str
    params: int
    speed: str
    description: str


def model_cards() -> list[ModelCard]:
    """Every model of the catalogue except test-only ones, in catalogue order."""
    from core import models

    listing = models.list_models() if hasattr(models, "list_models") else models.catalogue()
    cards = []
    for info in listing:
        if getattr(info, "hidden", False) or info.name.endswith("-test"):
            continue
        cards.append(ModelCard(
            name=info.name,
            title=tr_core(str(getattr(info, "display_name", "") or getattr(info, "title", "") or info.name)),
            family=str(getattr(info, "family", "")),
            params=int(getattr(info, "params", 0) or 0),
            speed=tr_core(str(getattr(info, "speed", "") or getattr(info, "speed_hint", "") or "")),
            description=tr_core(str(getattr(info, "description", "") or "")),
        ))
    return cards


def preset(model: str, name: str) -> dict[str, Any]:
    """The preset's values: {"train": {TrainSpec fields}, "max_seq_len": n}."""
    from core import models

    if hasattr(models, "preset"):
        p = models.preset(model, name)
        values = p.as_dict() if hasattr(p, "as_dict") else dict(vars(p))
        max_seq_len = values.pop("max_seq_len", None)
        out: dict[str, Any] = {"train": values}
        if max_seq_len:
            out["max_seq_len"] = max_seq_len
        return out
    return models.preset_values(model, name)


def memory_estimate(model: str, batch_size: int, max_seq_len: int) -> int | None:
    """Estimated GPU memory in bytes for training ``model`` (None when the catalogue cannot say)."""
    from core import models

    fn = getattr(models, "gpu_memory_estimate", None)
    if fn is None:
        return None
    try:
        value = fn(model, batch_size, max_seq_len)
    except (KeyError, ValueError, TypeError):
        return None
    return int(getattr(value, "total_bytes", value) or 0) or None


def format_count(n: int) -> str:
    """12345678 -> '12.3M'."""
    if n >= 1e9:
        return f"{n / 1e9:.1f}B"
    if n >= 1e6:
        return f"{n / 1e6:.1f}M"
    if n >= 1e3:
        return f"{n / 1e3:.0f}k"
    return str(n)


def format_bytes(n: int | None) -> str:
    """Bytes as GB/MB text."""
    if n is None:
        return "?"
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    return f"{n / (1 << 20):.0f} MB"


def format_duration(seconds: float | None) -> str:
    """75 -> '1 min 15 s'."""
    if seconds is None or seconds < 0:
        return "—"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"
