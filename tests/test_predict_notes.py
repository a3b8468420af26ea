"""What the model could read (unknown characters, truncation), the file's own labels, Cancel (issue 14, item 10)."""

from __future__ import annotations

import csv
import threading

import pytest

from core.predict import Predictor
from paddledesk.cli import main
from tests.helpers.exports import LABELS, make_export

ENGLISH = "The delivery was quick and the staff were friendly"
KNOWN = "这家餐厅的服务非常好"


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("notes")
    return {m: make_export(root / m, m) for m in ("bow", "fasttext", "bilstm", "ernie-tiny-test")}


@pytest.fixture(scope="module")
def bow(exports):
    return Predictor(exports["bow"])


def _rows(path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


@pytest.mark.parametrize("model", ["bow", "fasttext", "bilstm", "ernie-tiny-test"])
def test_english_text_is_mostly_unknown_to_a_model_trained_on_chinese_and_known_text_is_not(exports, model):
    predictor = Predictor(exports[model])
    english, known = predictor.notes([ENGLISH, KNOWN])
    assert english.mostly_unknown and english.unknown_share > 0.9
    assert not known.mostly_unknown and known.unknown_share == 0.0
    assert not english.truncated and not known.truncated


@pytest.mark.parametrize("model", ["bow", "bilstm", "fasttext", "ernie-tiny-test"])
def test_a_5000_character_text_says_how_many_characters_were_read(exports, model):
    predictor = Predictor(exports[model])
    long_text = (KNOWN * 500)[:5000]
    [note] = predictor.notes(long_text)
    assert note.truncated and note.text_chars == 5000
    ids = predictor.encode([long_text])[0]
    assert len(ids) == predictor.max_seq_len  # what the model got is max_seq_len ids ...
    assert 0 < note.read_chars <= predictor.max_seq_len  # ... made from this many characters (CJK: one each)
    # the characters past read_chars change nothing: the model never saw them
    assert predictor.encode([long_text[:note.read_chars]])[0] == ids
    [short] = predictor.notes(long_text[:note.read_chars - 1])
    assert not short.truncated or model == "fasttext"  # fastText's n-gram ids fill up mid-character


def test_a_file_with_its_own_labels_gets_a_true_label_column_and_the_accuracy(bow, tmp_path):
    texts = ["服务非常好，推荐", "太差了，再也不来", "物流很快 质量不错", "房间很脏 差评", "剧情无聊，失望",
             "电影剧情感人"] * 5
    truth = ["正面", "负面", "正面", "负面", "负面", "正面"] * 5
    src = tmp_path / "labelled.csv"
    src.write_text("id,review,sentiment\n" + "".join(f"{i},{t},{lb}\n" for i, (t, lb) in enumerate(zip(texts, truth))),
                   encoding="utf-8")
    result = bow.predict_file(src, tmp_path / "out.csv")
    head, rows = _rows(tmp_path / "out.csv")
    assert head == ["text", "label", "true_label", "prob_负面", "prob_正面", "problem"]
    assert [r[2] for r in rows] == truth and result.label_column == "sentiment"
    right = sum(r[1] == r[2] for r in rows)
    assert result.labelled == 30 and result.correct == right and result.accuracy == pytest.approx(right / 30)


def test_labels_written_as_numbers_are_matched_to_the_models_names(bow, tmp_path):
    src = tmp_path / "numbers.tsv"
    src.write_text("text\tlabel\n" + "".join(f"{t}\t{i % 2}\n" for i, t in enumerate(["差评", "好评"] * 10)),
                   encoding="utf-8")
    result = bow.predict_file(src, tmp_path / "out.csv")
    _head, rows = _rows(tmp_path / "out.csv")
    assert [r[2] for r in rows] == [LABELS[i % 2] for i in range(20)] and result.labelled == 20


def test_an_id_column_is_not_taken_for_labels(bow, tmp_path):
    src = tmp_path / "ids.csv"
    src.write_text("id,text\n" + "".join(f"{i},好评{i}\n" for i in range(30)), encoding="utf-8")
    result = bow.predict_file(src, tmp_path / "out.csv")
    head, _rows_ = _rows(tmp_path / "out.csv")
    assert "true_label" not in head and result.label_column is None and result.accuracy is None


def test_cancel_between_batches_writes_nothing_and_says_how_far_it_got(bow, tmp_path):
    from core.predict import PredictionCancelled

    src = tmp_path / "many.txt"
    src.write_text("".join(f"好评 {i}\n" for i in range(3000)), encoding="utf-8")
    out = tmp_path / "out.csv"
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        cancel.set()  # the user pressed Cancel while the first chunk was predicted

    with pytest.raises(PredictionCancelled) as info:
        bow.predict_file(src, out, batch_size=64, progress=progress, cancel=cancel)
    assert info.value.done == seen[-1] == 512 and info.value.total == 3000
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_the_cli_prints_the_accuracy_against_the_files_labels_and_the_notes_for_sentences(exports, tmp_path,
                                                                                       capsys):
    src = tmp_path / "in.tsv"
    pairs = [("服务非常好", "正面"), ("太差了", "负面")] * 4
    src.write_text("text\tlabel\n" + "".join(f"{t}\t{lb}\n" for t, lb in pairs), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["predict", "--model", str(exports["bow"]), "--file", str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "accuracy against the file's labels (column 'label'" in printed and "of 8 rows" in printed
    assert main(["predict", "--model", str(exports["bow"]), ENGLISH, KNOWN * 10]) == 0
    printed = capsys.readouterr().out
    assert "unknown to this model: the label is a guess" in printed
    assert "only the first 32 of 100 characters were read" in printed
