"""Predictor: an export made from a model trained here gives the dygraph probabilities (1e-5)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.datasets import DatasetError, read_prediction_input
from core.predict import Prediction, Predictor, PredictorError
from tests.helpers.exports import LABELS, NEG, POS, SAMPLES, make_export


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("exports")
    return {m: make_export(root / m, m) for m in ("bow", "ernie-tiny-test")}


@pytest.mark.parametrize("model", ["bow", "fasttext", "cnn", "bilstm", "ernie-tiny-test"])
def test_predictor_gives_the_probabilities_the_trained_model_gave(tmp_path, model):
    folder = make_export(tmp_path / "export", model)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pred = Predictor(folder)
    assert pred.labels == LABELS
    got = pred.predict([s["text"] for s in manifest["samples"]], batch_size=4)  # padded batches
    for s, p in zip(manifest["samples"], got):
        np.testing.assert_allclose([p.probs[lb] for lb in LABELS], s["probs"], atol=1e-5)
        assert p.label == LABELS[int(np.argmax(s["probs"]))]
        assert p.confidence == max(p.probs.values())


def test_predictions_are_ordered_as_given_and_a_single_string_is_one_text(exports):
    pred = Predictor(exports["bow"])
    many = pred.predict(POS + NEG + SAMPLES, batch_size=3)
    one_by_one = [pred.predict(t)[0] for t in POS + NEG + SAMPLES]
    assert len(many) == len(POS + NEG + SAMPLES)
    for a, b in zip(many, one_by_one):
        assert isinstance(a, Prediction) and a.label == b.label
        assert a.probs == pytest.approx(b.probs, abs=1e-6)
    label, probs = many[0]  # unpacks as (label, probabilities)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_predictor_does_not_import_paddlenlp(exports):
    code = ("import sys; from core.predict import Predictor; p = Predictor(sys.argv[1]); "
            "print(p.predict(['服务很好'])[0].label in p.labels, 'paddlenlp' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(exports["ernie-tiny-test"])],
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-2:] == ["True", "False"]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_predict_file_labels_txt_csv_tsv_and_jsonl_into_one_csv_format(exports, tmp_path):
    pred = Predictor(exports["ernie-tiny-test"])
    texts = POS + NEG + ["逗号, 和 \"引号\" 也可以"]
    inputs = {
        "in.txt": "\n".join(texts) + "\n\n",
        "in.csv": "id,text\n" + "".join(f'{i},"{t.replace(chr(34), chr(34) * 2)}"\n' for i, t in enumerate(texts)),
        "in.tsv": "".join(f"{i}\t{t}\n" for i, t in enumerate(texts)),  # no header: the text column is found
        "in.jsonl": "".join(json.dumps({"text": t, "id": i}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
    }
    expected = pred.predict(texts)
    for name, content in inputs.items():
        src = tmp_path / name
        src.write_text(content, encoding="utf-8")
        seen: list[tuple[int, int]] = []
        out = tmp_path / f"{name}.out.csv"
        assert pred.predict_file(src, out, batch_size=4, progress=lambda d, t, seen=seen: seen.append((d, t))) \
            .rows == len(texts)
        rows = _rows(out)
        assert list(rows[0]) == ["text", "label", "prob_负面", "prob_正面", "problem"]
        assert [r["text"] for r in rows] == texts, name
        for r, e in zip(rows, expected):
            assert r["label"] == e.label
            assert float(r["prob_正面"]) == pytest.approx(e.probs["正面"], abs=1e-6)
        assert seen[-1] == (len(texts), len(texts))


def test_gb18030_input_and_named_column(exports, tmp_path):
    src = tmp_path / "gbk.csv"
    src.write_bytes("评论,分数\n服务很好,5\n太差了,1\n".encode("gb18030"))
    assert read_prediction_input(src, "评论").texts == ["服务很好", "太差了"]
    assert read_prediction_input(src).texts == ["服务很好", "太差了"]  # 评论 is a known text column name
    out = tmp_path / "out.csv"
    Predictor(exports["bow"]).predict_file(src, out, text_column="评论")
    assert [r["text"] for r in _rows(out)] == ["服务很好", "太差了"]


@pytest.mark.parametrize("content,problem", [
    ('{"text": "好"}\n{"text": oops}\n', "line 2: invalid JSON"),
    ('{"text": "好"}\n{"sentence": "好"}\n', "line 2: the object has no 'text' key"),
])
def test_bad_input_lines_are_problem_rows_with_their_line(exports, tmp_path, content, problem):
    src = tmp_path / "in.jsonl"
    src.write_text(content, encoding="utf-8")
    result = Predictor(exports["bow"]).predict_file(src, tmp_path / "out.csv")
    rows = _rows(tmp_path / "out.csv")
    assert result.rows == 2 and result.predicted == 1
    assert rows[0]["problem"] == "" and rows[1]["problem"].startswith(problem) and rows[1]["label"] == ""


def test_unreadable_inputs_give_a_hint(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(DatasetError, match="binary"):
        read_prediction_input(tmp_path / "bin.txt")
    with pytest.raises(DatasetError, match="not found"):
        read_prediction_input(tmp_path / "missing.txt")
    (tmp_path / "a.csv").write_text("text,label\n好,1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"a\.csv:1: no column 'review'"):
        read_prediction_input(tmp_path / "a.csv", "review")


def _broken_copy(src: Path, dst: Path, damage) -> Path:
    import shutil

    shutil.copytree(src, dst)
    damage(dst)
    return dst


@pytest.mark.parametrize("damage,match", [
    (lambda d: (d / "manifest.json").unlink(), "manifest.json: not found"),
    (lambda d: (d / "manifest.json").write_text("{not json", encoding="utf-8"), "manifest.json: not valid JSON"),
    (lambda d: (d / "inference.pdiparams").unlink(), "inference.pdiparams: not found"),
    (lambda d: (d / "vocab.txt").unlink(), "vocab.txt"),
    (lambda d: (d / "inference.pdiparams").write_bytes(b"\x00" * 100), "cannot load the model"),
    (lambda d: (d / "inference.json").write_text("{}", encoding="utf-8"), "cannot load the model"),
])
def test_missing_or_corrupt_export_gives_one_clear_error(exports, tmp_path, damage, match):
    folder = _broken_copy(exports["bow"], tmp_path / "export", damage)
    with pytest.raises(PredictorError, match=match) as err:
        Predictor(folder).predict(["好"])
    assert "export" in err.value.hint


def test_a_folder_that_is_not_an_export(tmp_path):
    with pytest.raises(PredictorError, match="no such folder"):
        Predictor(tmp_path / "nope")
    with pytest.raises(PredictorError, match="not an export folder"):
        Predictor(tmp_path)


@pytest.mark.parametrize("model", ["bow", "ernie-tiny-test"])
def test_predictor_reproduces_an_export_written_by_the_trainer(tmp_path, model):
    """The real trainer (python -m trainer) trains a few steps and exports; the Predictor agrees."""
    import os

    from core.jobs import JobSpec

    repo = Path(__file__).resolve().parents[1]
    run = tmp_path / "run"
    (run / "data").mkdir(parents=True)
    rows = [(t, 1) for t in POS] + [(t, 0) for t in NEG]
    for split in ("train", "dev"):
        with open(run / "data" / f"{split}.jsonl", "w", encoding="utf-8") as fh:
            for t, lb in rows:
                fh.write(json.dumps({"text": t, "label": lb}, ensure_ascii=False) + "\n")
    (run / "data" / "labels.json").write_text(json.dumps(LABELS, ensure_ascii=False), encoding="utf-8")
    job = JobSpec()
    job.dataset.train = str(run / "data" / "train.jsonl")
    job.model.name, job.model.max_seq_len = model, 32
    job.train.epochs, job.train.max_steps, job.train.batch_size, job.train.learning_rate = 1, 3, 4, 5e-3
    (run / "job.json").write_text(job.to_json(), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(repo / "core"))
    proc = subprocess.run([sys.executable, "-m", "trainer", "--job", str(run / "job.json")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    manifest = json.loads((run / "export" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["samples"], "the trainer recorded no sample probabilities"
    got = Predictor(run / "export").predict([s["text"] for s in manifest["samples"]])
    for s, p in zip(manifest["samples"], got):
        np.testing.assert_allclose([p.probs[lb] for lb in manifest["labels"]], s["probs"], atol=1e-5)


def test_empty_inputs_give_empty_results(exports, tmp_path):
    pred = Predictor(exports["bow"])
    assert pred.predict([]) == []
    src = tmp_path / "empty.txt"
    src = tmp_path / "empty.csv"
    src.write_text("text,label\n", encoding="utf-8")  # a header and no rows
    seen: list[tuple[int, int]] = []
    assert pred.predict_file(src, tmp_path / "out.csv", progress=lambda d, t: seen.append((d, t))).rows == 0
    assert _rows(tmp_path / "out.csv") == [] and seen == [(0, 0)]
    header = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "text,label,prob_负面,prob_正面,problem"
    src.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(DatasetError, match="only blank lines"):  # nothing to predict is said, not written
        pred.predict_file(src, tmp_path / "blank.csv")
