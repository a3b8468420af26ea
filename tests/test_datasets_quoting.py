"""Stray quotes never merge rows; label spellings become one class; hints speak each interface's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.datasets import DatasetError, build_examples, load_examples, prepare_run_data, read_table
from core.jobs import DatasetSpec

POS = ["服务很好", "菜很好吃", "环境干净", "价格实惠", "上菜很快", "老板热情"]
NEG = ["太难吃了", "服务很差", "等了很久", "又贵又少", "环境很脏", "再也不来"]


def _rows(n: int) -> list[tuple[str, str]]:
    return [(f"{(POS if i % 2 else NEG)[i % 6]}{i}", "正面" if i % 2 else "负面") for i in range(n)]


def _stray_rows(delim: str) -> list[str]:
    """12 rows; row 3 opens a stray quote (我的评价就是"差...) at the start of its text, row 7 closes one."""
    lines = [f"{t}{delim}{lb}" for t, lb in _rows(12)]
    lines[2] = f'"差得很，我的评价就是差{delim}负面'
    lines[6] = f'也就那样"{delim}正面'
    return lines


@pytest.mark.parametrize("delim,ext", [("\t", "tsv"), (",", "csv"), (";", "csv")])
def test_a_stray_quote_pair_is_one_problem_row_and_the_rows_between_are_read(tmp_path, delim, ext):
    path = tmp_path / f"reviews.{ext}"
    body = _stray_rows(delim)
    # a properly quoted text elsewhere turns quoting on for TSV too
    body[9] = f'"好吃{delim}便宜"{delim}正面' if delim != "\t" else '"好吃，便宜"\t正面'
    path.write_text(f"text{delim}label\n" + "\n".join(body) + "\n", encoding="utf-8")
    ex = load_examples(path)
    assert [p.line for p in ex.problems] == [4]  # header is line 1: row 3 is line 4
    assert ex.problems[0].message == "a quote opened here closes on line 8"
    assert len(ex) == 11 and ex.lines == [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert not any("\n" in t or "正面" in t or "负面" in t for t in ex.texts)  # no label inside a text
    assert ex.texts[5] == '也就那样"'


def test_a_stray_quote_in_a_file_without_a_header_is_reported_too(tmp_path):
    path = tmp_path / "noheader.csv"
    path.write_text("\n".join(_stray_rows(",")) + "\n", encoding="utf-8")
    ex = load_examples(path, None, None)
    assert len(ex) + len(ex.problems) == 12 and [p.line for p in ex.problems] == [3]


def test_training_data_keeps_every_row_it_can_and_lists_the_stray_quote(tmp_path):
    path = tmp_path / "train.tsv"
    body = _stray_rows("\t") + [f"{t}\t{lb}" for t, lb in _rows(20)] + ['"引号包着的评论"\t正面']
    path.write_text("text\tlabel\n" + "\n".join(body) + "\n", encoding="utf-8")
    prepared = prepare_run_data(DatasetSpec(train=str(path)), tmp_path / "data")
    assert prepared.counts["train"] + prepared.counts["dev"] == len(body) - 1
    assert [p.line for p in prepared.problems] == [4]
    summary = json.loads((tmp_path / "data" / "summary.json").read_text(encoding="utf-8"))
    assert summary["problem_count"] == 1 and "closes on line 8" in summary["problems"][0]


def test_a_real_multiline_field_is_still_one_row(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text('text,label\n"第一行\n第二行",正面\n"普通",负面\n"好\n也好",正面\n还行,负面\n', encoding="utf-8")
    ex = load_examples(path)
    assert ex.texts == ["第一行\n第二行", "普通", "好\n也好", "还行"] and ex.lines == [2, 4, 5, 7]
    assert ex.problems == []


def test_labels_that_differ_in_case_or_spacing_are_one_class_with_a_warning(tmp_path):
    path = tmp_path / "mixed.csv"
    labels = ["Positive", "positive", " negative", "negative", "Negative ", "positive", "ｐｏｓｉｔｉｖｅ"] * 3
    path.write_text("text,label\n" + "".join(f"{POS[i % 6]}{i},{lb}\n" for i, lb in enumerate(labels)),
                    encoding="utf-8")
    ex = load_examples(path)
    assert ex.label_names == ["negative", "positive"]
    assert ex.class_counts() == {"negative": 9, "positive": 12}
    assert len(ex.warnings) == 2 and all("differ only in case or spacing" in w for w in ex.warnings)
    assert "'Positive' (3)" in ex.warnings[1] and "mixed.csv" in ex.warnings[1]
    prepared = prepare_run_data(DatasetSpec(train=str(path)), tmp_path / "data")
    assert prepared.labels == ["negative", "positive"]
    summary = json.loads((tmp_path / "data" / "summary.json").read_text(encoding="utf-8"))
    assert any("'Positive' (3)" in w for w in summary["warnings"])


def test_a_first_row_whose_label_differs_only_in_case_is_data_not_a_header(tmp_path):
    path = tmp_path / "nohead.csv"
    rows = [f"{POS[i % 6]}{i},{'positive' if i % 2 else 'negative'}" for i in range(10)]
    path.write_text("房间不错,Positive\n" + "\n".join(rows) + "\n", encoding="utf-8")
    table = read_table(path)
    assert not table.info.has_header and len(table) == 11


def test_a_forced_delimiter_reads_a_file_the_sniffer_would_get_wrong(tmp_path):
    path = tmp_path / "pipes.txt"
    path.write_text("".join(f"{t}, 还行|{lb}\n" for t, lb in _rows(12)), encoding="utf-8")
    table = read_table(path, delimiter="|")
    assert table.info.delimiter == "|" and len(table.columns) == 2
    ex = build_examples(table, "0", "1")
    assert len(ex) == 12 and ex.label_names == ["负面", "正面"]
    spec = DatasetSpec(train=str(path), text_column="0", label_column="1", delimiter="|")
    assert prepare_run_data(spec, tmp_path / "data").counts["train"] > 0
    with pytest.raises(DatasetError, match="not a delimiter"):
        read_table(path, delimiter="ab")


def test_a_semicolon_file_whose_texts_hold_commas_is_read_by_semicolons(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("text;label\n" + "".join(f"{t},真的,好;{lb}\n" if i % 3 else f"{t};{lb}\n"
                                             for i, (t, lb) in enumerate(_rows(12))), encoding="utf-8")
    table = read_table(path)
    assert table.info.delimiter == ";" and table.columns == ["text", "label"] and len(table) == 12


def test_hints_name_the_option_of_the_interface(tmp_path):
    path = tmp_path / "big5.csv"
    path.write_bytes(("text,label\n" + "".join(f"繁體字評論{i},正面\n" for i in range(30))).encode("big5")
                     + b"\xff\xfe\xfa,1\n")
    with pytest.raises(DatasetError) as err:
        read_table(path)
    assert "--encoding big5" in err.value.cli_hint and "box" not in err.value.cli_hint
    assert "--encoding" not in err.value.hint and "--encoding" not in str(err.value)
    ok = tmp_path / "ok.csv"
    ok.write_text("review,label\n好,1\n差,0\n", encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_examples(ok, "text", "label")
    assert err.value.cli_hint == "the header has: review, label; choose the text column with --text-column NAME"
    assert err.value.hint == "the header has: review, label; choose the text column in the Text column box"


def test_delimiter_and_encoding_reach_the_reader_from_a_job_file(tmp_path):
    from core.jobs import JobSpec

    job = JobSpec()
    job.dataset = DatasetSpec(train=str(tmp_path / "x.txt"), delimiter="|", encoding="gb18030")
    again = JobSpec.from_json(job.to_json())
    assert again.dataset.delimiter == "|" and again.dataset.encoding == "gb18030"
    (tmp_path / "x.txt").write_bytes("".join(f"{t}|{lb}\n" for t, lb in _rows(12)).encode("gb18030"))
    prepared = prepare_run_data(again.dataset, tmp_path / "data")
    assert prepared.train_info.delimiter == "|" and prepared.train_info.encoding == "gb18030"
    assert Path(prepared.files["train"]).is_file()
