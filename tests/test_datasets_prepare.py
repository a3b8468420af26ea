"""Labels, split, stats, prepare_run_data (the run folder contract) and the shipped samples."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from core.datasets import (
    LabelMap,
    compute_stats,
    infer_label_names,
    length_histogram,
    load_examples,
    prepare_run_data,
    sample_datasets,
    stratified_split,
    suggest_max_seq_len,
)
from core.jobs import DatasetSpec


def write_tsv(path: Path, rows: list[tuple[str, str]], header: bool = True) -> Path:
    path.write_text(("text\tlabel\n" if header else "") + "".join(f"{t}\t{lab}\n" for t, lab in rows),
                    encoding="utf-8")
    return path


def reviews(n: int, labels=("正面", "负面")) -> list[tuple[str, str]]:
    return [(f"第{i}条评论{'好吃' if i % len(labels) == 0 else '难吃'}", labels[i % len(labels)]) for i in range(n)]


# -- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("values, expected", [
    (["正面", "负面"], ["负面", "正面"]),
    (["positive", "negative"], ["negative", "positive"]),
    (["pos", "neg"], ["neg", "pos"]),
    (["好评", "差评"], ["差评", "好评"]),
    (["正面", "中性", "负面"], ["负面", "中性", "正面"]),
    (["1", "0"], ["0", "1"]),
    (["10", "9", "2"], ["2", "9", "10"]),
    (["体育", "财经", "娱乐"], sorted(["体育", "财经", "娱乐"])),
    (["positive", "sports"], ["positive", "sports"]),
])
def test_inferred_label_order(values, expected):
    assert infer_label_names(values * 3) == expected


def test_label_map_accepts_names_case_insensitively_and_indices():
    m = LabelMap(["negative", "positive"])
    assert [m.index(v) for v in ("positive", "Negative", "1", "0", "2", "neutral")] == [1, 0, 1, 0, None, None]
    assert [m.index(v) for v in ("正面", "负面", "pos", "中性")] == [1, 0, 1, None]  # by polarity
    stars = LabelMap(["1", "2", "3", "4", "5"])
    assert stars.index("1") == 0 and stars.index("0") is None  # integer names are names, not indices


def test_labels_as_ints_with_names_from_the_label_list(tmp_path):
    path = write_tsv(tmp_path / "ints.tsv", [("好", "1"), ("差", "0"), ("好吃", "1.0")])
    ex = load_examples(path, labels=["负面", "正面"])
    assert ex.label_ids == [1, 0, 1] and ex.class_counts() == {"负面": 1, "正面": 2}


# -- split ----------------------------------------------------------------------------------------


def test_split_is_deterministic_and_stratified():
    labels = [0] * 500 + [1] * 300 + [2] * 30 + [3] * 2
    train, dev = stratified_split(labels, 0.1, seed=7)
    assert (train, dev) == stratified_split(labels, 0.1, seed=7)
    assert dev != stratified_split(labels, 0.1, seed=8)[1]
    assert sorted(train + dev) == list(range(len(labels))) and not set(train) & set(dev)
    per_class = Counter(labels[i] for i in dev)
    assert per_class == {0: 50, 1: 30, 2: 3, 3: 1}  # every class present, proportions kept
    assert train == sorted(train) and dev == sorted(dev)


def test_a_class_with_one_example_stays_in_train():
    train, dev = stratified_split([0, 0, 0, 0, 1], 0.5, seed=1)
    assert 4 in train and len(dev) == 2


# -- stats ----------------------------------------------------------------------------------------


def test_stats_percentiles_and_suggested_length():
    texts = ["字" * n for n in range(1, 101)]  # lengths 1..100
    stats = compute_stats(texts, [i % 2 for i in range(100)], ["负面", "正面"])
    assert stats.length == {"min": 1, "p50": 50, "p90": 90, "p95": 95, "p99": 99, "max": 100}
    assert stats.suggested_max_seq_len == 128 and stats.class_counts == {"负面": 50, "正面": 50}
    assert stats.warnings == [] and stats.duplicates == 0


def test_suggested_max_seq_len_steps_and_cap():
    assert [suggest_max_seq_len(n) for n in (5, 30, 31, 62, 200, 2000)] == [16, 32, 48, 64, 256, 512]


def test_imbalance_duplicates_and_conflicts_are_warned_about():
    texts = ["好"] * 3 + [f"句子{i}" for i in range(97)]
    labels = [0, 1, 0] + [0] * 87 + [1] * 10
    stats = compute_stats(texts, labels, ["负面", "正面"])
    assert stats.duplicates == 2 and stats.conflicting == 1
    assert any("imbalanced" in w and "macro-F1" in w for w in stats.warnings)
    assert any("repeated texts" in w for w in stats.warnings)


def test_length_histogram_counts_every_text():
    edges, counts = length_histogram(["a" * n for n in range(1, 301)], bins=10)
    assert sum(counts) == 300 and len(edges) == 11 and edges[0] == 0


# -- prepare_run_data -----------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_prepare_writes_the_run_folder_contract(tmp_path):
    rows = reviews(200)
    rows[5] = ("", "正面")  # rejected
    train = write_tsv(tmp_path / "train.tsv", rows)
    out = tmp_path / "run" / "data"
    result = prepare_run_data(DatasetSpec(train=str(train), dev_fraction=0.2), out, seed=3)
    assert json.loads((out / "labels.json").read_text(encoding="utf-8")) == ["负面", "正面"] == result.labels
    tr, dv = read_jsonl(out / "train.jsonl"), read_jsonl(out / "dev.jsonl")
    assert result.counts == {"train": len(tr), "dev": len(dv), "test": 0} and len(tr) + len(dv) == 199
    assert all(set(r) == {"text", "label"} and isinstance(r["label"], int) for r in tr + dv)
    assert Counter(r["label"] for r in dv) == {0: 20, 1: 20}
    assert not (out / "test.jsonl").exists()
    assert [str(p) for p in result.problems] == [f"{train}:7: empty text — fill in the text or delete the line"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == result.counts and summary["problem_count"] == 1
    assert result.stats.num_examples == len(tr)


def test_prepare_is_deterministic_for_a_seed(tmp_path):
    train = write_tsv(tmp_path / "train.tsv", reviews(300))
    spec = DatasetSpec(train=str(train))
    prepare_run_data(spec, tmp_path / "a", seed=11)
    prepare_run_data(spec, tmp_path / "b", seed=11)
    prepare_run_data(spec, tmp_path / "c", seed=12)
    read = lambda d: (tmp_path / d / "dev.jsonl").read_bytes()  # noqa: E731
    assert read("a") == read("b") != read("c")


def test_prepare_with_dev_and_test_files_and_a_label_list(tmp_path):
    train = write_tsv(tmp_path / "train.tsv", reviews(40, labels=("1", "0")))
    dev = write_tsv(tmp_path / "dev.tsv", [("好", "正面"), ("差", "负面")])
    test = write_tsv(tmp_path / "test.tsv", [("好", "1"), ("差", "0"), ("一般", "2")])
    spec = DatasetSpec(train=str(train), dev=str(dev), test=str(test), labels=["负面", "正面"])
    result = prepare_run_data(spec, tmp_path / "out")
    assert result.counts == {"train": 40, "dev": 2, "test": 2} and not result.dev_from_split
    assert read_jsonl(tmp_path / "out" / "dev.jsonl") == [{"text": "好", "label": 1}, {"text": "差", "label": 0}]
    (problem,) = result.problems
    assert problem.line == 4 and "unknown label '2' (not in the label list)" in problem.message


def test_prepare_guesses_columns_of_a_headerless_file(tmp_path):
    rows = [(f"{i}", f"评论{i}号，{'好吃' if i % 2 else '难吃'}", str(i % 2)) for i in range(50)]
    path = tmp_path / "plain.tsv"
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    result = prepare_run_data(DatasetSpec(train=str(path)), tmp_path / "out")
    assert (result.text_column, result.label_column) == ("1", "2") and result.labels == ["0", "1"]
    assert any("using column '1' as the text" in w for w in result.warnings)


def _prepare_100k(tmp_path):
    import time

    train = write_tsv(tmp_path / "big.tsv", reviews(100_000))
    t0 = time.perf_counter()
    result = prepare_run_data(DatasetSpec(train=str(train)), tmp_path / "out")
    return result, time.perf_counter() - t0


def test_prepare_100k_rows_keeps_every_row(tmp_path):
    result, _elapsed = _prepare_100k(tmp_path)
    assert result.counts["train"] + result.counts["dev"] == 100_000


@pytest.mark.perf
def test_prepare_100k_rows_in_under_6_s(tmp_path):
    _result, elapsed = _prepare_100k(tmp_path)
    assert elapsed < 6  # bench/dataset_validate.py measures the 2 s goal; this only catches blow-ups


# -- samples --------------------------------------------------------------------------------------


def _naive_bayes_accuracy(train: list[tuple[str, str]], test: list[tuple[str, str]]) -> float:
    """Character 1-2-gram multinomial naive Bayes: a bag-of-words baseline."""
    def grams(t: str) -> list[str]:
        return list(t) + [t[i:i + 2] for i in range(len(t) - 1)]

    counts: dict[str, Counter] = defaultdict(Counter)
    prior = Counter(lab for _, lab in train)
    for t, lab in train:
        counts[lab].update(grams(t))
    vocab = len(set().union(*counts.values()))
    totals = {lab: sum(c.values()) for lab, c in counts.items()}

    def predict(t: str) -> str:
        return max(prior, key=lambda lab: math.log(prior[lab]) + sum(
            math.log((counts[lab][g] + 1) / (totals[lab] + vocab)) for g in grams(t)))

    return sum(predict(t) == lab for t, lab in test) / len(test)


def _rows(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text\tlabel"
    return [tuple(line.split("\t")) for line in lines[1:]]


def test_sample_datasets_are_listed_balanced_and_learnable():
    samples = {s.name: s for s in sample_datasets()}
    assert set(samples) == {"reviews_zh", "news_topics_zh"}
    sizes = {"reviews_zh": (1640, 200, 200), "news_topics_zh": (200, 50, 50)}
    for name, sample in samples.items():
        assert sample.description and sample.path.is_file() and sample.train == sample.path
        splits = [_rows(p) for p in (sample.path, sample.dev, sample.test)]
        assert tuple(map(len, splits)) == sizes[name]
        every = [t for rows in splits for t, _ in rows]
        assert len(set(every)) == len(every)  # no duplicates, within or across splits
        train_counts = Counter(lab for _, lab in splits[0])
        assert set(train_counts) == set(sample.labels) and len(set(train_counts.values())) == 1
        acc = _naive_bayes_accuracy(splits[0], splits[2])
        print(f"{name}: naive Bayes test accuracy {acc:.3f}")
        assert 0.8 <= acc < 1.0  # learnable, yet not a one-keyword giveaway


def test_sample_review_domains_are_all_covered():
    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    text = sample.path.read_text(encoding="utf-8")
    for word in ("吃", "酒店", "买", "片", "电", "读"):  # restaurants, hotels, shopping, films, electronics, books
        assert text.count(word) >= 40, word


def test_sample_spec_prepares(tmp_path):
    for sample in sample_datasets():
        result = prepare_run_data(sample.spec(), tmp_path / sample.name)
        assert result.labels == list(sample.labels) and not result.problems
        assert result.counts["test"] == len(_rows(sample.test))
