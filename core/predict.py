"""Predictor over an export folder: paddle.inference + our own tokenizers (never paddlenlp).

``Predictor(export_dir).predict(["这家餐厅的服务非常好"])`` -> ``[Prediction(label, probs)]``;
``notes`` says how much of each text the model could read (``core.predict_notes``). ``predict_file``
labels a .txt / .csv / .tsv / .jsonl file, read by ``core.datasets`` like a training file, into a CSV
with one probability column per label and one row per input row; when the file has its own labels a
``true_label`` column and the accuracy against them. paddle (and numpy) are imported when a Predictor
is built, not with this module: the GUI imports it at start.
"""

from __future__ import annotations

import csv
import json
import os
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from core.errors import UserFacingError
from core.predict_notes import InputNotes, input_notes
from core.trainer.text import Tokenizer, TokenizerError, load_tokenizer

if TYPE_CHECKING:
    import numpy as np

MANIFEST = "manifest.json"
MODEL_FILES = ("inference.json", "inference.pdmodel")  # Paddle 3 (PIR) / Paddle 2.6
PARAMS_FILE = "inference.pdiparams"
# Above this many bytes of weights oneDNN pays off; below it (BoW ... ERNIE mini) it slows things down.
_ONEDNN_MIN_BYTES = 200 * 1024 * 1024
# A guessed label column is the file's own labels only when nearly all its values are the model's labels
# (an id or score column would otherwise be scored as labels).
_TRUE_LABEL_SHARE = 0.9


class PredictorError(UserFacingError):
    """A missing or broken export folder, or an unwritable output file: what, where, and what to do."""

    kind = "predict"

    def __str__(self) -> str:
        return f"{self.message}. {self.hint}" if self.hint else str(self.message)


class PredictionCancelled(Exception):
    """File prediction stopped on request; nothing was written. ``done`` of ``total`` rows were predicted."""

    def __init__(self, done: int, total: int):
        self.done, self.total = done, total
        super().__init__(f"cancelled after {done:,} of {total:,} rows; nothing was written")


class Prediction(NamedTuple):
    """The most likely label and the probability of every label."""

    label: str
    probs: dict[str, float]

    @property
    def confidence(self) -> float:
        """Probability of the predicted label."""
        return self.probs[self.label]


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise PredictorError(f"{folder}: no such folder",
                             "choose a run's export folder (runs/<id>/export), written when training ends")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PredictorError(f"{path}: not found",
                             "this is not an export folder; choose runs/<id>/export of a finished run") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise PredictorError(f"{path}: not valid JSON ({e})",
                             "the export is damaged; export the run again") from None
    if not isinstance(manifest, dict):
        raise PredictorError(f"{path}: not a manifest object", "the export is damaged; export the run again")
    missing = [k for k in ("labels", "tokenizer", "max_seq_len") if k not in manifest]
    if missing:
        raise PredictorError(f"{path}: missing {', '.join(missing)}",
                             "the export was written by an incompatible version; export the run again")
    return manifest


def paddle_dynamic_mode_here() -> None:
    """Switch Paddle's dynamic-graph mode on for the calling thread once Paddle is imported (0.1 ms).

    Paddle keeps the mode per thread and only the thread that imported it gets it on: when a worker
    imports Paddle (the GUI does), every other thread, the main one included, is left in static mode,
    where building or running a network fails. The GUI calls this on its thread after Paddle work.
    """
    import sys

    paddle = sys.modules.get("paddle")
    if paddle is not None and hasattr(paddle, "in_dynamic_mode") and not paddle.in_dynamic_mode():
        paddle.disable_static()


def _gpu_available() -> bool:
    import paddle

    try:
        return paddle.device.is_compiled_with_cuda() and paddle.device.cuda.device_count() > 0
    except Exception:  # a broken driver reads as "no GPU"
        return False


class Predictor:
    """Loads an export folder once; predicts batches of texts (thread-safe)."""

    def __init__(self, export_dir: str | os.PathLike, device: str = "cpu", threads: int | None = None,
                 batch_size: int = 32):
        self.export_dir = Path(export_dir)
        self.manifest = _read_manifest(self.export_dir)
        self.labels: list[str] = [str(x) for x in self.manifest["labels"]]
        self.max_seq_len = int(self.manifest["max_seq_len"])
        self.batch_size = batch_size
        try:
            self.tokenizer: Tokenizer = load_tokenizer(self.manifest["tokenizer"], self.export_dir)
        except TokenizerError as e:
            raise PredictorError(str(e), "export the run again") from None
        self.pad_id = int(self.manifest.get("pad_id", self.tokenizer.pad_id))
        self._lock = threading.Lock()
        self._predictor = self._create(device, threads)
        self._input = self._predictor.get_input_handle(self._predictor.get_input_names()[0])
        self._output = self._predictor.get_output_handle(self._predictor.get_output_names()[0])

    def _create(self, device: str, threads: int | None) -> Any:
        model = next((self.export_dir / f for f in MODEL_FILES if (self.export_dir / f).is_file()), None)
        params = self.export_dir / PARAMS_FILE
        if model is None or not params.is_file():
            absent = params if model is not None else self.export_dir / MODEL_FILES[0]
            raise PredictorError(f"{absent}: not found", "the export is incomplete; export the run again")
        with warnings.catch_warnings():  # paddle warns about ccache (a build tool) on every import
            warnings.filterwarnings("ignore", message="No ccache found")
            from paddle import inference

        cfg = inference.Config(str(model), str(params))
        self.device = "cpu"
        if device in ("gpu", "auto") and _gpu_available():
            cfg.enable_use_gpu(256, 0)
            self.device = "gpu"
        elif device == "gpu":
            raise PredictorError("no usable GPU for prediction", "predict on the CPU instead")
        else:
            cfg.disable_gpu()
            if params.stat().st_size < _ONEDNN_MIN_BYTES:
                cfg.disable_mkldnn()
            cfg.set_cpu_math_library_num_threads(threads or min(4, os.cpu_count() or 1))
        cfg.disable_glog_info()
        try:
            return inference.create_predictor(cfg)
        except Exception as e:  # paddle raises assorted C++ errors for truncated or foreign files
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise PredictorError(f"{model}: cannot load the model ({first[:200]})",
                                 "the export is damaged or from an unsupported Paddle; export the run again"
                                 ) from None

    # -- prediction ---------------------------------------------------------------------------
    def _logits(self, ids: np.ndarray) -> np.ndarray:
        with self._lock:
            self._input.reshape(list(ids.shape))
            self._input.copy_from_cpu(ids)
            self._predictor.run()
            return self._output.copy_to_cpu()

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids exactly as training produced them."""
        return self.tokenizer.encode_batch(texts, self.max_seq_len)

    def _pad(self, seqs: Sequence[list[int]]) -> np.ndarray:
        import numpy as np

        if len(seqs) == 1:
            return np.array(seqs, dtype=np.int64)
        ids = np.full((len(seqs), max(map(len, seqs))), self.pad_id, dtype=np.int64)
        for r, seq in enumerate(seqs):
            ids[r, : len(seq)] = seq
        return ids

    def predict_proba(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Probabilities [N, num_labels] (float64), rows in the order of ``texts``."""
        import numpy as np

        if isinstance(texts, str):
            texts = [texts]
        encode, max_len = self.tokenizer.encode, self.max_seq_len
        seqs = [encode(t if isinstance(t, str) else str(t), max_len) for t in texts]
        bs = batch_size or self.batch_size
        if len(seqs) <= bs:  # one batch: the common interactive case, kept lean
            return _softmax(self._logits(self._pad(seqs))) if seqs else np.empty((0, len(self.labels)))
        out = np.empty((len(seqs), len(self.labels)), dtype=np.float64)
        # Similar lengths together: less padding, same results (padding is masked in the model).
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for start in range(0, len(order), bs):
            rows = order[start:start + bs]
            out[rows] = _softmax(self._logits(self._pad([seqs[i] for i in rows])))
        return out

    def notes(self, texts: Sequence[str] | str) -> list[InputNotes]:
        """For each text: the share of characters unknown to the model and how much of it was read."""
        if isinstance(texts, str):
            texts = [texts]
        return [input_notes(self.tokenizer, t, self.max_seq_len) for t in texts]

    def predict(self, texts: Sequence[str] | str, batch_size: int | None = None) -> list[Prediction]:
        """Label and per-label probabilities for each text (a single string counts as one text)."""
        labels = self.labels
        out = []
        for row in self.predict_proba(texts, batch_size).tolist():
            best = max(range(len(row)), key=row.__getitem__)
            out.append(Prediction(labels[best], dict(zip(labels, row))))
        return out

    def predict_file(self, in_path: str | os.PathLike, out_path: str | os.PathLike,
                     text_column: str | None = None, batch_size: int = 64,
                     progress: Callable[[int, int], Any] | None = None, encoding: str | None = None,
                     delimiter: str | None = None, label_column: str | None = None,
                     cancel: threading.Event | None = None) -> FilePredictions:
        """Label every data row of ``in_path`` into CSV ``out_path``: text,label,[true_label,]prob_<label>...,problem.

        The file is read by ``core.datasets`` as a training file is. Each data row gets exactly one output
        row, in order; a row that cannot be read gets an empty label and its problem. ``true_label`` is the
        file's own label (``label_column``, or a guessed column whose values are this model's labels). A
        file that cannot be read at all raises DatasetError and writes nothing; so does a set ``cancel``
        event (checked between chunks), with PredictionCancelled. ``progress(done, total)`` after each chunk.
        """
        from core.datasets import read_prediction_input

        rows = read_prediction_input(in_path, text_column, label_column, encoding=encoding, delimiter=delimiter)
        truth_column, truth = file_labels(rows, label_column, self.labels)
        total = len(rows)
        out_path = Path(out_path)
        if out_path.parent and not out_path.parent.exists():
            out_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = out_path.with_name(out_path.name + ".part")
        blanks = [""] * len(self.labels)
        extra = ["true_label"] if truth_column else []
        labelled = correct = 0
        try:
            # utf-8 with BOM: spreadsheet programs then show Chinese correctly
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["text", "label", *extra, *(f"prob_{lb}" for lb in self.labels), "problem"])
                step = batch_size * 8  # sorted by length inside each chunk
                for start in range(0, total, step):
                    if cancel is not None and cancel.is_set():
                        raise PredictionCancelled(start, total)
                    texts = rows.texts[start:start + step]
                    problems = rows.problems[start:start + step]
                    good = [t for t, p in zip(texts, problems) if p is None]
                    probs = iter(self.predict_proba(good, batch_size) if good else ())
                    for i, (text, problem) in enumerate(zip(texts, problems), start):
                        true = [truth[i][0]] if truth_column else []
                        if problem is None:
                            row = next(probs)
                            label = self.labels[int(row.argmax())]
                            if truth_column and truth[i][1]:
                                labelled += 1
                                correct += label == truth[i][0]
                            writer.writerow([text, label, *true, *(f"{p:.6f}" for p in row), ""])
                        else:
                            writer.writerow([text, "", *true, *blanks, f"line {problem.line}: {problem.message} — "
                                                                       f"{problem.hint}"])
                    if progress is not None:
                        progress(min(start + step, total), total)
            os.replace(tmp, out_path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise PredictorError(f"{out_path}: cannot write ({e.strerror})",
                                 "choose another output file or folder") from None
        except PredictionCancelled:
            tmp.unlink(missing_ok=True)
            raise
        if progress is not None and total == 0:
            progress(0, 0)
        problems = rows.problem_rows
        return FilePredictions(out_path, total, total - len(problems), problems, rows.text_column,
                               truth_column, labelled, correct)


def file_labels(rows: Any, label_column: str | None, model_labels: list[str]) -> tuple[str | None, list]:
    """The file's own label of each row of ``rows`` (a PredictionInput): (column, [(label, known)]).

    ``label`` is the model's name for it when it is one of ``model_labels`` (``known``), else the value
    as written. With no ``label_column`` a guessed column is used only when nearly all its values are the
    model's labels; (None, []) when the file has no labels to compare with.
    """
    from core.datasets import LabelMap, guess_columns, normalize_label, resolve_column

    table = getattr(rows, "table", None)
    if table is None or (label_column is None and len(table.columns) < 2):
        return None, []
    if label_column is not None:
        column = table.columns[resolve_column(table, label_column, "label")]
    else:
        column = guess_columns(table)[1]
        if column is None or column == rows.text_column:
            return None, []
    j = table.columns.index(column)
    by_line = {line: row for line, row in zip(table.lines, table.rows)}
    names = LabelMap(model_labels)
    out = []
    for line in rows.lines:
        row = by_line.get(line)
        value = normalize_label(row[j] or "") if row is not None and j < len(row) else ""
        index = names.index(value) if value else None
        out.append((model_labels[index] if index is not None else value, index is not None))
    if label_column is None:
        given = [known for (value, known) in out if value]
        if not given or sum(given) < _TRUE_LABEL_SHARE * len(given):
            return None, []
    return column, out


class FilePredictions(NamedTuple):
    """What ``predict_file`` wrote: one row per data row; ``problems`` are the rows left unlabelled."""

    path: Path
    rows: int
    predicted: int
    problems: list[Any]  # core.datasets.Problem, in line order
    text_column: str
    label_column: str | None = None  # the file's own labels, written as true_label (None: none found)
    labelled: int = 0  # predicted rows whose own label is one of the model's
    correct: int = 0  # of them, predicted as labelled

    @property
    def accuracy(self) -> float | None:
        """Share of the labelled rows predicted right (None when the file has no usable labels)."""
        return self.correct / self.labelled if self.labelled else None


def _softmax(logits: np.ndarray) -> np.ndarray:
    import numpy as np

    z = logits.astype(np.float64)
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z
