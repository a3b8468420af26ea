"""The model catalogue (``core.models``) as the Train page shows it: its texts in the UI's language.

Only formatting lives here: the entries, presets and estimates are core's, under core's names.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import ModelError, gpu_memory_estimate, list_models
from gui.core_texts import tr_core


@dataclass(frozen=True)
class ModelCard:
    """One catalogue entry (``core.models.ModelInfo``) with its texts translated."""

    name: str
    display_name: str
    family: str
    params: int
    speed_hint: str
    description: str


def model_cards(extra: list[str] | tuple[str, ...] = ()) -> list[ModelCard]:
    """Every model users may pick (test-only ones are hidden by the catalogue), in catalogue order,
    plus the hidden entries named in ``extra`` (an imported custom ERNIE)."""
    return [ModelCard(name=info.name, display_name=tr_core(info.display_name), family=info.family,
                      params=info.params, speed_hint=tr_core(info.speed_hint),
                      description=tr_core(info.description))
            for info in list_models(include_hidden=True) if not info.hidden or info.name in extra]


def memory_estimate(model: str, batch_size: int, max_seq_len: int) -> int | None:
    """Estimated GPU memory in bytes for training ``model``; None while no known model is chosen."""
    try:
        return gpu_memory_estimate(model, batch_size, max_seq_len)
    except ModelError:
        return None
