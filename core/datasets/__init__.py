"""Datasets: read CSV/TSV/JSONL (UTF-8, UTF-8 BOM, GB18030/GBK, UTF-16), validate, split, stats, prepare.

Typical use::

    table = read_table("reviews.tsv")            # preview: table.columns, len(table), table.row(i)
    text, label = guess_columns(table)           # pre-select the columns
    ex = build_examples(table, text, label)      # ex.texts, ex.label_ids, ex.label_names, ex.problems
    rows = read_prediction_input("new.tsv")      # every data row in order: rows.texts, rows.problems
    stats = compute_stats(ex.texts, ex.label_ids, ex.label_names)
    prepared = prepare_run_data(job.dataset, run_dir / "data", seed=job.train.seed)

Every rejected row is a Problem (``file:line: message — hint``); a file that cannot be used at all
raises DatasetError with the same rendering. Nothing here imports paddle or Qt.
"""

from .examples import Examples, build_examples, guess_columns, load_examples, resolve_column
from .inputs import PredictionInput, read_prediction_input
from .labels import LabelMap, infer_label_names, label_key, merge_spellings, normalize_label
from .prepare import MIN_TRAIN_ROWS, PreparedData, prepare_run_data
from .problems import DatasetError, Fix, Problem
from .reading import FileInfo, Table, parse_delimiter, read_table, sniff
from .samples import SampleDataset, sample_datasets
from .split import stratified_split
from .stats import DatasetStats, compute_stats, length_histogram, percentile, suggest_max_seq_len

__all__ = [
    "MIN_TRAIN_ROWS", "DatasetError", "DatasetStats", "Examples", "FileInfo", "Fix", "LabelMap", "PredictionInput",
    "PreparedData", "Problem", "SampleDataset", "Table", "build_examples", "compute_stats", "guess_columns",
    "infer_label_names", "label_key", "length_histogram", "load_examples", "merge_spellings", "normalize_label",
    "parse_delimiter", "percentile", "prepare_run_data", "read_prediction_input", "read_table", "resolve_column",
    "sample_datasets", "sniff", "stratified_split", "suggest_max_seq_len",
]
