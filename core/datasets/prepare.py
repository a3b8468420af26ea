"""Turn the user's dataset files into the run folder's data/ (see TRAINER_CONTRACT.md, "Run folder input")."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from core.jobs import DatasetSpec
from core.messages import say

from .examples import Examples, build_examples, guess_columns
from .problems import DatasetError, Problem
from .reading import FileInfo, Table, read_table
from .split import stratified_split
from .stats import DatasetStats, compute_stats

MIN_TRAIN_ROWS = 10  # below this no split or training result means anything
DEFAULT_COLUMNS = {"text": "text", "label": "label"}  # DatasetSpec defaults: guessed when absent


@dataclass
class PreparedData:
    """What prepare_run_data wrote and found."""

    out_dir: Path
    labels: list[str]  # class-index order, as written to labels.json
    counts: dict[str, int]  # rows written: train, dev, test (0 when no test file)
    problems: list[Problem]  # every rejected row of every file
    stats: DatasetStats  # of the training rows written
    warnings: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # train, dev, [test], labels, summary
    dev_from_split: bool = True
    text_column: str = "text"
    label_column: str = "label"
    train_info: FileInfo | None = None


def prepare_run_data(spec: DatasetSpec, out_dir: str | Path, seed: int = 42) -> PreparedData:
    """Validate train/dev/test, split dev off train when missing, write train/dev/test.jsonl + labels.json."""
    if not spec.train:
        raise DatasetError("dataset", say("data.no-train-file", "no training file chosen"),
                           say("data.hint-pick-file", "pick a CSV, TSV or JSONL file"))
    if not 0.0 < spec.dev_fraction < 0.9:
        raise DatasetError(spec.train, say("data.dev-fraction", "dev_fraction {value} must be between 0 and 0.9",
                                           value=spec.dev_fraction), say("data.hint-dev-fraction", "0.1 is usual"))
    warnings: list[str] = []
    fixed = list(spec.labels) or None
    train_table = _read(spec, spec.train)
    text_col, label_col = _columns(train_table, spec, warnings)
    train = build_examples(train_table, text_col, label_col, fixed)
    warnings += train.warnings
    _require_trainable(train)
    labels = train.label_names
    where = "" if fixed else say("data.the-training-file", "the training file {file}", file=Path(spec.train).name)
    problems = list(train.problems)

    if spec.dev:
        dev = _load_other(spec, spec.dev, text_col, label_col, labels, where, warnings)
        problems += dev.problems
        train_rows = (train.texts, train.label_ids)
        dev_rows = (dev.texts, dev.label_ids)
    else:
        tr, dv = stratified_split(train.label_ids, spec.dev_fraction, seed)
        if not dv:
            raise DatasetError(spec.train, say("data.too-few-to-split", "too few rows to split off a dev set"),
                               say("data.hint-add-rows-or-dev", "add rows, or choose a separate dev file"))
        train_rows = ([train.texts[i] for i in tr], [train.label_ids[i] for i in tr])
        dev_rows = ([train.texts[i] for i in dv], [train.label_ids[i] for i in dv])
    test_rows = None
    if spec.test:
        test = _load_other(spec, spec.test, text_col, label_col, labels, where, warnings)
        problems += test.problems
        test_rows = (test.texts, test.label_ids)

    stats = compute_stats(train_rows[0], train_rows[1], labels)
    warnings += stats.warnings
    dev_present = set(dev_rows[1])
    missing = [n for i, n in enumerate(labels) if stats.class_counts[n] and i not in dev_present]
    if missing:
        warnings.append(say("data.warn-no-dev-examples", "no dev examples for {labels}: its score will not be measured",
                            labels=", ".join(map(repr, missing))))

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {"train": out / "train.jsonl", "dev": out / "dev.jsonl"}
    _write_jsonl(files["train"], *train_rows)
    _write_jsonl(files["dev"], *dev_rows)
    if test_rows is not None:
        files["test"] = out / "test.jsonl"
        _write_jsonl(files["test"], *test_rows)
    elif (out / "test.jsonl").exists():
        (out / "test.jsonl").unlink()  # a stale one from an earlier prepare would be read as this run's
    files["labels"] = out / "labels.json"
    _write_text(files["labels"], json.dumps(labels, ensure_ascii=False))
    counts = {"train": len(train_rows[0]), "dev": len(dev_rows[0]), "test": len(test_rows[0]) if test_rows else 0}
    result = PreparedData(out, labels, counts, problems, stats, warnings, files, not spec.dev,
                          text_col, label_col, train.info)
    files["summary"] = out / "summary.json"
    _write_text(files["summary"], json.dumps(_summary(result, spec, seed), ensure_ascii=False, indent=1))
    return result


def _read(spec: DatasetSpec, path: str) -> Table:
    return read_table(path, format=spec.format, encoding=spec.encoding, has_header=spec.has_header,
                      delimiter=getattr(spec, "delimiter", None))


def _columns(table: Table, spec: DatasetSpec, warnings: list[str]) -> tuple[str, str]:
    """The spec's columns; the default names "text"/"label" fall back to a guess when the file lacks them."""
    text_col, label_col = spec.text_column, spec.label_column
    cols = table.columns
    if text_col in cols and label_col in cols:
        return text_col, label_col
    guess_text, guess_label = guess_columns(table)
    if text_col == DEFAULT_COLUMNS["text"] and text_col not in cols and guess_text and guess_text != label_col:
        warnings.append(say("data.warn-guessed-text", "{file}: no 'text' column; using column {column!r} as the text",
                            file=Path(table.info.path).name, column=guess_text))
        text_col = guess_text
    if (label_col == DEFAULT_COLUMNS["label"] and label_col not in cols and guess_label
            and guess_label != text_col):
        warnings.append(say("data.warn-guessed-label", "{file}: no 'label' column; using column {column!r} "
                            "as the label", file=Path(table.info.path).name, column=guess_label))
        label_col = guess_label
    return text_col, label_col


def _load_other(spec: DatasetSpec, path: str, text_col: str, label_col: str, labels: list[str],
                where: str, warnings: list[str]) -> Examples:
    """A dev or test file, read with the training file's columns and labels."""
    table = _read(spec, path)
    if not (_has_column(table, text_col) and _has_column(table, label_col)):
        # e.g. a training file with a header and a dev file without one: guess rather than fail
        guess_text, guess_label = guess_columns(table)
        if guess_text and guess_label:
            warnings.append(say("data.warn-guessed-columns", "{file}: columns {text!r}/{label!r} not found; using "
                                "{guess_text!r} as the text and {guess_label!r} as the label", file=Path(path).name,
                                text=text_col, label=label_col, guess_text=guess_text, guess_label=guess_label))
            text_col, label_col = guess_text, guess_label
    other = build_examples(table, text_col, label_col, labels, labels_from=where)
    warnings += other.warnings
    return other


def _has_column(table: Table, column: str) -> bool:
    if column in table.columns:
        return True
    return (table.info.format != "jsonl" and column.isdigit() and int(column) < len(table.columns))


def _require_trainable(train: Examples) -> None:
    counts = train.class_counts()
    present = [n for n, c in counts.items() if c]
    rejected = len(train.problems)
    note = say("data.rejected-note", " ({count:,} rows were rejected; see the problems list)",
               count=rejected) if rejected else ""
    if len(present) < 2:
        raise DatasetError(train.file, say("data.one-class", "only one class ({label!r}) in the {rows:,} usable "
                                           "rows{note}", label=present[0], rows=len(train), note=note),
                           say("data.hint-two-labels",
                               "a classifier needs at least two labels; check that the label column is right"))
    if len(train) < MIN_TRAIN_ROWS:
        raise DatasetError(train.file, say("data.too-few-rows", "only {rows} usable rows{note}", rows=len(train),
                                           note=note),
                           say("data.hint-min-rows", "at least {count} labelled examples are needed (hundreds for "
                               "a useful model)", count=MIN_TRAIN_ROWS))


def _write_jsonl(path: Path, texts: list[str], label_ids: list[int]) -> None:
    dumps = json.dumps
    _write_text(path, "".join(f'{{"text": {dumps(t, ensure_ascii=False)}, "label": {i}}}\n'
                              for t, i in zip(texts, label_ids)))


def _write_text(path: Path, text: str) -> None:
    """Write through a temporary file so a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def _summary(p: PreparedData, spec: DatasetSpec, seed: int) -> dict:
    info = p.train_info
    return {
        "sources": {"train": spec.train, "dev": spec.dev, "test": spec.test},
        "format": info.format if info else None, "encoding": info.encoding if info else None,
        "has_header": info.has_header if info else None,
        "text_column": p.text_column, "label_column": p.label_column,
        "dev_from_split": p.dev_from_split, "dev_fraction": spec.dev_fraction, "seed": seed,
        "labels": p.labels, "counts": p.counts, "stats": p.stats.to_dict(), "warnings": p.warnings,
        "problem_count": len(p.problems), "problems": [str(x) for x in p.problems[:1000]],
    }
