"""Reading the prepared run data, shuffling it per epoch and collating padded batches.

Input: ``<data>/train.jsonl``, ``dev.jsonl``, optional ``test.jsonl`` (one ``{"text", "label"}``
per line) and ``labels.json``. The epoch order is a permutation seeded from (seed, epoch), so a
resumed run only needs (epoch, batch index) to continue exactly where it stopped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataError
from .seeds import epoch_seed

PREPARE_HINT = "prepare the dataset again (PaddleDesk writes these files when a run starts)"


@dataclass
class Split:
    """Texts and integer labels of one split."""

    texts: list[str]
    labels: list[int]

    def __len__(self) -> int:
        return len(self.texts)


@dataclass
class RunData:
    """Everything in the run's data folder."""

    labels: list[str]
    train: Split
    dev: Split
    test: Split | None


def read_labels(path: Path) -> list[str]:
    """Label names in class-index order from labels.json."""
    if not path.is_file():
        raise DataError(f"{path}: file not found", PREPARE_HINT)
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid JSON ({exc})", PREPARE_HINT) from None
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise DataError(f"{path}: expected a JSON list of label names", PREPARE_HINT)
    if len(labels) < 2:
        raise DataError(f"{path}: {len(labels)} label(s); a classifier needs at least 2",
                        "check the label column of your dataset")
    if len(set(labels)) != len(labels):
        raise DataError(f"{path}: a label name appears twice", PREPARE_HINT)
    return labels


def read_split(path: Path, num_labels: int) -> Split:
    """Read one jsonl split; any bad line is reported as ``file:line: reason``."""
    texts: list[str] = []
    labels: list[int] = []
    try:
        fh = path.open("r", encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found", PREPARE_HINT) from None
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                text, label = _parse_row(line, num_labels, f"{path}:{lineno}")
                texts.append(text)
                labels.append(label)
        except UnicodeDecodeError:
            raise DataError(f"{path}: not UTF-8 text", PREPARE_HINT) from None
    return Split(texts, labels)


def _parse_row(line: str, num_labels: int, where: str) -> tuple[str, int]:
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise DataError(f"{where}: not valid JSON ({exc.args[0] if exc.args else exc})", PREPARE_HINT) from None
    if not isinstance(row, dict):
        raise DataError(f"{where}: expected an object with text and label", PREPARE_HINT)
    text, label = row.get("text"), row.get("label")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: empty or missing text", "remove the line or give it a text")
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < num_labels:
        raise DataError(f"{where}: label {label!r} is not a class index in 0..{num_labels - 1}",
                        "labels.json and the data files do not match; " + PREPARE_HINT)
    return text, label


def load_run_data(data_dir: Path) -> RunData:
    """Read labels.json and the splits; train and dev must not be empty."""
    labels = read_labels(data_dir / "labels.json")
    train = read_split(data_dir / "train.jsonl", len(labels))
    dev = read_split(data_dir / "dev.jsonl", len(labels))
    test_path = data_dir / "test.jsonl"
    test = read_split(test_path, len(labels)) if test_path.is_file() else None
    if not len(train):
        raise DataError(f"{data_dir / 'train.jsonl'}: no training examples", "check the training file")
    if not len(dev):
        raise DataError(f"{data_dir / 'dev.jsonl'}: no dev examples",
                        "give a dev file or use a larger training file so a dev split can be made")
    return RunData(labels, train, dev, test if test is not None and len(test) else None)


def encode_all(encode, texts: list[str], max_len: int) -> list[np.ndarray]:
    """Token ids of every text (once, before training), as int64 arrays."""
    return [np.asarray(encode(t, max_len), dtype=np.int64) for t in texts]


def collate(encoded: list[np.ndarray], indices, pad_id: int) -> np.ndarray:
    """A [B, L] int64 batch, right-padded with ``pad_id`` to its longest row."""
    rows = [encoded[i] for i in indices]
    width = max(1, max(len(r) for r in rows))
    out = np.full((len(rows), width), pad_id, dtype=np.int64)
    for k, r in enumerate(rows):
        out[k, : len(r)] = r
    return out


class EpochPlan:
    """Which examples each rank trains on at each (epoch, batch) under a seeded shuffle.

    A global batch is ``batch_size * world`` examples of the epoch's permutation; rank r takes
    its r-th slice. The last, short global batch wraps around to the permutation's start so every
    rank gets the same number of rows (ranks must run the same number of steps).
    """

    def __init__(self, num_examples: int, batch_size: int, world: int, seed: int):
        self.n = num_examples
        self.batch_size = batch_size
        self.world = world
        self.seed = seed
        self.global_batch = batch_size * world
        self.steps_per_epoch = max(1, -(-num_examples // self.global_batch))

    def permutation(self, epoch: int) -> np.ndarray:
        """The order of examples in ``epoch`` (0-based), the same on every rank and every resume."""
        return np.random.RandomState(epoch_seed(self.seed, epoch)).permutation(self.n)

    def batch(self, perm: np.ndarray, index: int, rank: int) -> np.ndarray:
        """Indices rank ``rank`` uses for batch ``index`` of an epoch with order ``perm``."""
        start = index * self.global_batch
        chunk = perm[start: start + self.global_batch]
        if self.world > 1 and len(chunk) < self.global_batch:
            per_rank = -(-len(chunk) // self.world)
            need = per_rank * self.world - len(chunk)
            chunk = np.concatenate([chunk, np.resize(perm, need)]) if need else chunk
            return chunk[rank * per_rank: (rank + 1) * per_rank]
        per_rank = -(-len(chunk) // self.world)
        return chunk[rank * per_rank: (rank + 1) * per_rank]

    def batch_rows(self, index: int) -> int:
        """How many real examples (all ranks together) batch ``index`` of an epoch covers."""
        return min(self.global_batch, self.n - index * self.global_batch)
