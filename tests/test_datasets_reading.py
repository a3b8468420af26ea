"""Reading good files: encodings, formats, header detection, columns, the preview table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.datasets import guess_columns, load_examples, read_table, sniff

ROWS = [("这家餐厅的服务非常好", "正面"), ("房间又小又吵", "负面"), ("物流很快，包装完好", "正面"),
        ("剧情拖沓，看得想睡觉", "负面"), ("性价比很高，推荐", "正面"), ("质量太差，用两天就坏了", "负面")]


def tsv(rows=ROWS, header=True) -> str:
    return ("text\tlabel\n" if header else "") + "".join(f"{t}\t{lab}\n" for t, lab in rows)


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16"),
])
def test_each_encoding_is_detected_and_read_alike(tmp_path, encoding, detected):
    path = tmp_path / "reviews.tsv"
    path.write_bytes(tsv().encode(encoding))
    ex = load_examples(path)
    assert ex.info.encoding == detected
    assert ex.info.columns == ("text", "label")  # no BOM glued to the first column name
    assert ex.texts == [t for t, _ in ROWS] and not ex.problems
    assert ex.label_names == ["负面", "正面"] and ex.label_ids == [1, 0, 1, 0, 1, 0]


def test_explicit_encoding_is_used(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("text,label\ncafé crème,pos\nmauvais,neg\n".encode("latin-1"))
    ex = load_examples(path, encoding="latin-1")
    assert ex.texts == ["café crème", "mauvais"] and ex.label_names == ["neg", "pos"]


def test_headerless_tsv_gets_numbered_columns_and_int_labels(tmp_path):
    path = tmp_path / "plain.tsv"
    path.write_text("".join(f"{t}\t{int(lab == '正面')}\n" for t, lab in ROWS), encoding="utf-8")
    info = sniff(path)
    assert not info.has_header and info.columns == ("0", "1") and info.format == "tsv"
    ex = load_examples(path, text_column="0", label_column="1")
    assert len(ex) == 6 and ex.label_names == ["0", "1"] and ex.lines == [1, 2, 3, 4, 5, 6]


def test_headerless_file_with_label_names_is_not_taken_for_a_header(tmp_path):
    path = tmp_path / "plain.tsv"
    path.write_text(tsv(ROWS * 2, header=False), encoding="utf-8")
    assert not sniff(path).has_header


def test_a_rare_label_on_the_first_line_does_not_make_it_a_header(tmp_path):
    path = tmp_path / "rare.tsv"
    path.write_text("一般般吧，没什么特别的\t中性\n" + tsv(ROWS * 3, header=False), encoding="utf-8")
    table = read_table(path)
    assert not table.info.has_header and len(table) == 19 and table.row(0)[1] == "中性"


def test_header_with_unusual_names_is_detected_by_content(tmp_path):
    path = tmp_path / "custom.csv"
    path.write_text("评价内容,打分\n" + "".join(f"{t},{i % 2}\n" for i, (t, _) in enumerate(ROWS)),
                    encoding="utf-8")
    table = read_table(path)
    assert table.info.has_header and table.columns == ["评价内容", "打分"]
    assert guess_columns(table) == ("评价内容", "打分")


def test_header_of_descriptive_names_is_detected_even_with_two_rows(tmp_path):
    path = tmp_path / "two.tsv"
    path.write_text("评论内容\t情感倾向\n内容空洞\t负面\n很好\t正面\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["评论内容", "情感倾向"] and len(table) == 2
    path.write_text("内容空洞\t负面\n很好\t正面\n", encoding="utf-8")
    assert not read_table(path).info.has_header
    path.write_text("Review Text,Rating\ngreat,5\n", encoding="utf-8")
    assert read_table(path).info.has_header
    path.write_text("I did it,valid\nnope,invalid\n", encoding="utf-8")
    assert not read_table(path).info.has_header


def test_guess_columns_by_name_and_by_content(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("id,sentiment,review\n" + "".join(
        f"{i},{lab},{t}\n" for i, (t, lab) in enumerate(ROWS)), encoding="utf-8")
    assert guess_columns(read_table(path)) == ("review", "sentiment")
    path.write_text("".join(f"{i}\t{t}\t{lab}\n" for i, (t, lab) in enumerate(ROWS * 3)), encoding="utf-8")
    assert guess_columns(read_table(path)) == ("1", "2")


def test_csv_with_quoted_multiline_field_keeps_physical_line_numbers(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text('text,label\n"第一行\n第二行，还有逗号, 和""引号""",正面\n"普通",负面\n很好,正面\n',
                    encoding="utf-8")
    ex = load_examples(path)
    assert ex.texts[0] == '第一行\n第二行，还有逗号, 和"引号"'
    assert ex.lines == [2, 4, 5]  # the multi-line record starts on line 2; the next one is on line 4


def test_crlf_line_endings(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("text,label\r\n好吃,1\r\n难吃,0\r\n".encode("utf-8-sig"))
    ex = load_examples(path)
    assert ex.texts == ["好吃", "难吃"] and ex.lines == [2, 3]


def test_csv_extension_with_tabs_inside_is_read_as_tsv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(tsv(), encoding="utf-8")
    info = sniff(path)
    assert info.format == "tsv" and info.delimiter == "\t"


def test_semicolon_csv(tmp_path):
    path = tmp_path / "euro.csv"
    path.write_text("text;label\n好吃;1\n难吃;0\n", encoding="utf-8")
    ex = load_examples(path)
    assert ex.info.delimiter == ";" and ex.texts == ["好吃", "难吃"]


def test_tsv_keeps_quotes_that_are_part_of_the_text(tmp_path):
    path = tmp_path / "quotes.tsv"
    path.write_text('text\tlabel\n他说"真香"\t正面\n"难吃"的菜，别点\t负面\n', encoding="utf-8")
    ex = load_examples(path)
    assert ex.texts == ['他说"真香"', '"难吃"的菜，别点'] and not ex.problems


def test_jsonl_with_int_labels_and_extra_keys(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t, "label": int(lab == "正面"), "meta": {"a": 1}},
                                         ensure_ascii=False) for i, (t, lab) in enumerate(ROWS)) + "\n\n",
                    encoding="utf-8")
    ex = load_examples(path)
    assert ex.info.format == "jsonl" and ex.info.columns == ("id", "text", "label", "meta")
    assert ex.label_names == ["0", "1"] and ex.label_ids == [1, 0, 1, 0, 1, 0] and ex.lines == [1, 2, 3, 4, 5, 6]


def test_txt_file_is_sniffed(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text(json.dumps({"text": "好", "label": "pos"}) + "\n", encoding="utf-8")
    assert sniff(path).format == "jsonl"
    path.write_text(tsv(), encoding="utf-8")
    assert sniff(path).format == "tsv"


def test_forced_format_and_header(tmp_path):
    path = tmp_path / "data.dat"
    path.write_text("text,label\n好吃,1\n", encoding="utf-8")
    table = read_table(path, format="csv", has_header=False)
    assert table.columns == ["0", "1"] and len(table) == 2 and table.row(0) == ["text", "label"]


def test_preview_table_of_100k_rows(tmp_path):
    path = tmp_path / "big.tsv"
    path.write_text("text\tlabel\n" + "".join(f"第{i}条评论\t{i % 2}\n" for i in range(100_000)), encoding="utf-8")
    table = read_table(path)
    assert len(table) == 100_000 and table.row(99_999) == ["第99999条评论", "1"]
    assert table.line(0) == 2 and table.line(99_999) == 100_001
    assert table.index_of_line(50_002) == 50_000
    head = read_table(path, max_rows=100)
    assert len(head) == 100 and head.truncated and head.columns == ["text", "label"]


def test_index_of_line_points_at_the_nearest_row_after_a_rejected_line(tmp_path):
    path = tmp_path / "gap.jsonl"
    path.write_text('{"text": "a", "label": 1}\nnot json\n{"text": "b", "label": 0}\n', encoding="utf-8")
    table = read_table(path)
    assert table.lines == [1, 3] and table.index_of_line(2) == 1


def test_importing_core_datasets_imports_neither_paddle_nor_qt():
    code = ("import sys, core.datasets; "
            "print(sorted(m for m in ('paddle', 'paddlenlp', 'PySide6') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"
