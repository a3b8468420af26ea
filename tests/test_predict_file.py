"""predict --file: one output row per data row, in order, read by the training reader; or nothing written."""

from __future__ import annotations

import csv
import random

import pytest

from core.datasets import DatasetError
from core.predict import Predictor
from paddledesk.cli import main
from tests.helpers.exports import make_export

csv.field_size_limit(2**24)
LABELS = ["负面", "正面"]
WORDS = ["服务", "很好", "太差", "好吃", "便宜", "失望", "推荐", "一般", "干净", "吵闹"]


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return make_export(tmp_path_factory.mktemp("export") / "bow", "bow")


@pytest.fixture(scope="module")
def predictor(export):
    return Predictor(export)


def reviews(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))) + str(i) for i in range(n)]


def out_rows(path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def stray_quote_texts(n: int) -> list[str]:
    texts = reviews(n)
    for i in range(3, n, 9):  # 我的评价就是"差…: a quote that opens and never closes in its cell
        texts[i] = f'我的评价就是"差{texts[i]}'
    for i in range(7, n - 2, 13):
        texts[i] = f'"{texts[i]}'  # one that opens at the start of the cell
        texts[i + 2] = f'{texts[i + 2]}"'  # and a later one that closes
    return texts


@pytest.mark.parametrize("header", [True, False])
def test_a_tsv_of_reviews_with_stray_quotes_gives_one_prediction_per_review(predictor, tmp_path, header):
    texts = stray_quote_texts(100)
    labels = [LABELS[i % 2] for i in range(100)]
    src = tmp_path / "reviews.tsv"
    src.write_text(("text\tlabel\n" if header else "") + "".join(f"{t}\t{lb}\n" for t, lb in zip(texts, labels)),
                   encoding="utf-8")
    result = predictor.predict_file(src, tmp_path / "out.csv")
    head, rows = out_rows(tmp_path / "out.csv")
    assert head == ["text", "label", "true_label", "prob_负面", "prob_正面", "problem"]  # the file's own labels
    assert [r[2] for r in rows] == labels
    assert result.rows == 100 == len(rows) and result.predicted == 100
    assert [r[0] for r in rows] == texts  # in order, no review glued to the next, no label in a text
    assert all(r[1] in LABELS and r[-1] == "" for r in rows)


def test_a_tsv_that_quotes_its_texts_reports_the_stray_quote_rows_instead_of_merging(predictor, tmp_path):
    texts = stray_quote_texts(100)
    cells = [f'"{t}"' if i % 10 == 0 else t for i, t in enumerate(texts)]  # some texts quoted properly
    src = tmp_path / "quoted.tsv"
    src.write_text("text\tlabel\n" + "".join(f"{c}\t{LABELS[i % 2]}\n" for i, c in enumerate(cells)),
                   encoding="utf-8")
    result = predictor.predict_file(src, tmp_path / "out.csv")
    _head, rows = out_rows(tmp_path / "out.csv")
    assert len(rows) == 100 and result.rows == 100
    bad = [i for i, r in enumerate(rows) if r[-1]]
    assert bad and all(rows[i][1] == "" and "quot" in rows[i][-1] for i in bad)
    assert any("a quote opened here closes on line" in rows[i][-1] for i in bad)
    assert len(result.problems) == len(bad) and result.predicted == 100 - len(bad)
    assert all("\t" not in r[0] and "\n" not in r[0] for i, r in enumerate(rows) if i not in bad)
    assert [r[0] for i, r in enumerate(rows) if i not in bad and i % 10] == \
        [t for i, t in enumerate(texts) if i not in bad and i % 10]


def test_an_unclosed_quote_in_a_csv_is_one_problem_row_among_100(predictor, tmp_path):
    texts = reviews(100)
    lines = [f'{i},"{t}",{LABELS[i % 2]}' for i, t in enumerate(texts)]
    lines[41] = f'41,"{texts[41]},{LABELS[1]}'
    src = tmp_path / "in.csv"
    src.write_text("id,review,label\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = predictor.predict_file(src, tmp_path / "out.csv")
    _head, rows = out_rows(tmp_path / "out.csv")
    assert len(rows) == 100 and result.predicted == 99 and result.text_column == "review"
    assert rows[41][1] == "" and rows[41][-1].startswith("line 43: a quote opened here closes on line")
    assert [r[0] for i, r in enumerate(rows) if i != 41] == [t for i, t in enumerate(texts) if i != 41]


def test_a_semicolon_csv_is_split_on_semicolons_and_its_header_is_not_a_sentence(predictor, tmp_path):
    texts = [t + ("，还行, 真的" if i % 4 == 0 else "") for i, t in enumerate(reviews(100))]
    src = tmp_path / "semi.csv"
    src.write_text("评论;标签\n" + "".join(f"{t};{LABELS[i % 2]}\n" for i, t in enumerate(texts)), encoding="utf-8")
    result = predictor.predict_file(src, tmp_path / "out.csv")
    _head, rows = out_rows(tmp_path / "out.csv")
    assert result.rows == 100 and [r[0] for r in rows] == texts


def test_a_1mb_cell_is_a_problem_row_not_a_crash(predictor, tmp_path):
    texts = reviews(100)
    texts[50] = "很长" * 500_000
    src = tmp_path / "long.csv"
    src.write_text("text,label\n" + "".join(f'"{t}",{LABELS[i % 2]}\n' for i, t in enumerate(texts)), encoding="utf-8")
    result = predictor.predict_file(src, tmp_path / "out.csv")
    _head, rows = out_rows(tmp_path / "out.csv")
    assert len(rows) == 100 and result.predicted == 99
    assert "too long" in rows[50][-1] and rows[50][1] == "" and len(rows[50][0]) < 300


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030", "utf-8-sig"])
def test_files_that_train_accepts_are_accepted_in_any_encoding_it_reads(predictor, tmp_path, encoding):
    texts = reviews(30)
    src = tmp_path / "in.tsv"
    src.write_bytes(("text\tlabel\n" + "".join(f"{t}\t正面\n" for t in texts)).encode(encoding))
    assert predictor.predict_file(src, tmp_path / "out.csv").rows == 30
    assert [r[0] for r in out_rows(tmp_path / "out.csv")[1]] == texts


def test_a_file_that_cannot_be_read_stops_with_file_and_line_and_writes_nothing(predictor, tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes("text\ncafé crème\n".encode("latin-1"))
    out = tmp_path / "out.csv"
    with pytest.raises(DatasetError, match=r"latin\.csv:2: cannot decode"):
        predictor.predict_file(src, out)
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_the_cli_names_its_own_options_and_reads_with_them(export, tmp_path, capsys):
    texts = reviews(12)
    src = tmp_path / "pipes.txt"
    src.write_bytes("".join(f"{i}|{t}, 好|正面\n" for i, t in enumerate(texts)).encode("gb18030"))
    out = tmp_path / "out.csv"
    code = main(["predict", "--model", str(export), "--file", str(src), "--out", str(out),
                 "--delimiter", "|", "--text-column", "1", "--encoding", "gb18030"])
    assert code == 0, capsys.readouterr().err
    assert [r[0] for r in out_rows(out)[1]] == [f"{t}, 好" for t in texts]
    assert "wrote 12 rows" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(("text,label\n" + "".join(f"評論{i},1\n" for i in range(30))).encode("big5") + b"\xff\xfe,1\n")
    assert main(["predict", "--model", str(export), "--file", str(bad), "--out", str(tmp_path / "b.csv")]) == 2
    err = capsys.readouterr().err
    assert "bad.csv:2: cannot decode" in err and "--encoding big5" in err and "box" not in err
    assert not (tmp_path / "b.csv").exists()
    assert main(["predict", "--model", str(export), "--file", str(src), "--delimiter", "ab"]) == 2
    assert "--delimiter 'ab' is not a delimiter" in capsys.readouterr().err


def test_the_predict_page_shows_one_row_per_input_row_and_counts_the_unread(qtbot, export, tmp_path):
    from core.runs import Workspace
    from gui.pages.predict_page import PredictPage

    texts = stray_quote_texts(40)
    cells = [f'"{t}"' if i % 10 == 0 else t for i, t in enumerate(texts)]
    src = tmp_path / "quoted.tsv"
    src.write_text("text\tlabel\n" + "".join(f"{c}\t{LABELS[i % 2]}\n" for i, c in enumerate(cells)),
                   encoding="utf-8")
    page = PredictPage(Workspace(tmp_path / "ws"))
    qtbot.addWidget(page)
    page.export_dir = str(export)
    page.predict_path(str(src))
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=60000)
    assert page.file_model.rowCount() == 40
    assert "could not be read" in page.file_label.text() and page.file_label.text().startswith("40 rows")
