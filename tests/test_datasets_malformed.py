"""Malformed dataset inputs: each gives one clear message naming the file (and line), never a traceback."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from core.datasets import DatasetError, build_examples, load_examples, prepare_run_data, read_table
from core.jobs import DatasetSpec

GOOD = ["这家店的菜很好吃", "服务太差了", "房间干净整洁", "物流慢得离谱", "剧情很精彩", "质量一般般"]


def write(folder: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def good_tsv_lines(n: int) -> list[str]:
    return [f"{GOOD[i % len(GOOD)]}{i}\t{'正面' if i % 2 else '负面'}" for i in range(n)]


def file_error(path: Path, **kw) -> DatasetError:
    with pytest.raises(DatasetError) as info:
        load_examples(path, **kw)
    return info.value


def row_problem(path: Path, line: int, **kw):
    """The validated examples and the problem reported for ``line`` (exactly one)."""
    ex = load_examples(path, **kw)
    found = [p for p in ex.problems if p.line == line]
    assert len(found) == 1, [str(p) for p in ex.problems]
    text = str(found[0])
    assert text.startswith(f"{path}:{line}: ") and " — " in text  # file:line: message — hint
    return ex, found[0]


# -- whole-file problems ------------------------------------------------------------------------


def test_wrong_encoding_named_explicitly_reports_the_line(tmp_path):
    path = write(tmp_path, "gbk.tsv", "text\tlabel\nok\t正面\n很好吃\t正面\n", encoding="gbk")
    err = file_error(path, encoding="utf-8")
    assert err.line == 2 and "utf-8" in err.message and "detected" in err.hint
    assert "--encoding gb18030" in err.cli_hint and "--encoding" not in err.hint
    assert str(err).startswith(f"{path}:2: cannot decode")


def test_latin1_file_is_rejected_with_line_and_hint(tmp_path):
    path = write(tmp_path, "latin.csv", "text,label\ngood,1\ncafé crème, très bon,1\nmauvais goût,0\n",
                 encoding="latin-1")
    err = file_error(path)
    assert err.line == 3 and "not UTF-8" in err.message and "UTF-8" in err.hint
    assert "--encoding big5 (or latin-1" in err.cli_hint and "--encoding" not in err.hint


def test_binary_file_is_not_text(tmp_path):
    rng = random.Random(1)
    path = write(tmp_path, "data.tsv", bytes(rng.randrange(256) for _ in range(4096)))
    err = file_error(path)
    assert "not a text file" in err.message and err.file == str(path)


def test_excel_workbook_renamed_to_csv_is_recognised(tmp_path):
    path = write(tmp_path, "data.csv", b"PK\x03\x04" + os.urandom(200))
    err = file_error(path)
    assert "Excel" in err.message and "CSV UTF-8" in err.hint


def test_unsupported_extension(tmp_path):
    path = write(tmp_path, "reviews.xlsx", "text,label\n好,1\n")
    err = file_error(path)
    assert "unsupported file type .xlsx" in err.message and "CSV" in err.hint


def test_empty_file(tmp_path):
    err = file_error(write(tmp_path, "empty.tsv", b""))
    assert "empty" in err.message and err.hint


def test_only_blank_lines(tmp_path):
    err = file_error(write(tmp_path, "blank.tsv", "\n  \n\n"))
    assert "blank" in err.message


def test_header_only(tmp_path):
    err = file_error(write(tmp_path, "header.tsv", "text\tlabel\n"))
    assert "no data rows" in err.message and err.line == 1


def test_directory_instead_of_a_file(tmp_path):
    err = file_error(tmp_path)
    assert "folder" in err.message and err.file == str(tmp_path)


def test_file_not_found(tmp_path):
    err = file_error(tmp_path / "nope.tsv")
    assert "not found" in err.message


def test_missing_column_lists_the_columns(tmp_path):
    path = write(tmp_path, "cols.csv", "review,sentiment\n好吃,positive\n难吃,negative\n")
    err = file_error(path, text_column="text", label_column="sentiment")
    assert "no column 'text'" in err.message and "review, sentiment" in err.hint and err.line == 1


def test_missing_column_without_header_says_columns_are_numbered(tmp_path):
    path = write(tmp_path, "nohead.tsv", "很好吃\t1\n太难吃\t0\n")
    err = file_error(path, text_column="text", label_column="1")
    assert "no header" in err.message and "0, 1" in err.hint


def test_duplicate_header_names(tmp_path):
    path = write(tmp_path, "dup.csv", "text,label,text\n好吃,1,x\n")
    err = file_error(path)
    assert "'text' twice" in err.message and err.line == 1 and "rename" in err.hint


def test_json_array_instead_of_json_lines(tmp_path):
    path = write(tmp_path, "data.json", json.dumps([{"text": "好", "label": 1}]))
    err = file_error(path)
    assert "JSON array" in err.message and err.line == 1


def test_label_column_that_holds_texts(tmp_path):
    lines = [f"第{i}条评论\t标签{i}" for i in range(60)]
    err = file_error(write(tmp_path, "texts.tsv", "text\tlabel\n" + "\n".join(lines)))
    assert "does not look like labels" in err.message


def test_text_and_label_the_same_column(tmp_path):
    err = file_error(write(tmp_path, "same.tsv", "text\tlabel\n好\t1\n"), text_column="label")
    assert "same column" in err.message


def test_unknown_encoding_name(tmp_path):
    err = file_error(write(tmp_path, "x.tsv", "text\tlabel\n好\t1\n"), encoding="klingon")
    assert "unknown encoding" in err.message


def test_all_labels_empty(tmp_path):
    err = file_error(write(tmp_path, "nolabels.tsv", "text\tlabel\n好吃\t\n难吃\t \n"))
    assert "no usable rows" in err.message and "line 2: empty label" in err.hint


def test_one_class_data(tmp_path):
    path = write(tmp_path, "one.tsv", "text\tlabel\n" + "\n".join(f"好吃{i}\t正面" for i in range(30)))
    with pytest.raises(DatasetError) as info:
        prepare_run_data(DatasetSpec(train=str(path)), tmp_path / "out")
    assert "only one class ('正面')" in info.value.message and "two labels" in info.value.hint


def test_too_few_rows(tmp_path):
    path = write(tmp_path, "few.tsv", "text\tlabel\n好吃\t正面\n难吃\t负面\n很棒\t正面\n")
    with pytest.raises(DatasetError) as info:
        prepare_run_data(DatasetSpec(train=str(path)), tmp_path / "out")
    assert "only 3 usable rows" in info.value.message and "at least 10" in info.value.hint


# -- rejected rows --------------------------------------------------------------------------------


def test_undecodable_bytes_in_one_line_reject_only_that_row(tmp_path):
    lines = good_tsv_lines(40)
    data = ("text\tlabel\n" + "\n".join(lines) + "\n").encode()
    bad_line = 8  # physical line 8 = data row 7
    parts = data.split(b"\n")
    parts[bad_line - 1] = parts[bad_line - 1].replace(b"\t", b"\xff\xfe\t", 1)
    path = write(tmp_path, "broken.tsv", b"\n".join(parts))
    ex, problem = row_problem(path, bad_line)
    assert "undecodable" in problem.message and len(ex) == 39


def test_nul_bytes_in_a_line(tmp_path):
    lines = good_tsv_lines(10)
    lines[3] = lines[3].replace("\t", "\x00\x00\t")
    ex, problem = row_problem(write(tmp_path, "nul.tsv", "text\tlabel\n" + "\n".join(lines)), 5)
    assert "NUL" in problem.message and len(ex) == 9


def test_empty_text(tmp_path):
    lines = good_tsv_lines(6)
    lines[2] = "   \t正面"
    ex, problem = row_problem(write(tmp_path, "e.tsv", "text\tlabel\n" + "\n".join(lines)), 4)
    assert problem.message == "empty text" and len(ex) == 5


def test_empty_label(tmp_path):
    lines = good_tsv_lines(6)
    lines[4] = "还不错\t"
    _, problem = row_problem(write(tmp_path, "l.tsv", "text\tlabel\n" + "\n".join(lines)), 6)
    assert problem.message == "empty label"


def test_unknown_label_against_the_label_list(tmp_path):
    lines = good_tsv_lines(6)
    lines[1] = "一般般\t中性"
    path = write(tmp_path, "u.tsv", "text\tlabel\n" + "\n".join(lines))
    ex, problem = row_problem(path, 3, labels=["负面", "正面"])
    assert "unknown label '中性'" in problem.message and "负面, 正面" in problem.hint
    assert ex.label_names == ["负面", "正面"] and len(ex) == 5


def test_ragged_rows_too_few_and_too_many_fields(tmp_path):
    lines = good_tsv_lines(8)
    lines[1] = "只有文本没有标签"
    lines[5] = "文本\t里有\t制表符\t正面"
    path = write(tmp_path, "ragged.tsv", "text\tlabel\n" + "\n".join(lines))
    ex, problem = row_problem(path, 3)
    assert problem.message == "1 field, expected 2" and "tab" in problem.hint
    _, problem = row_problem(path, 7)
    assert problem.message == "4 fields, expected 2" and "contains a tab" in problem.hint
    assert len(ex) == 6


def test_ragged_csv_row_hints_at_quoting(tmp_path):
    path = write(tmp_path, "r.csv", "text,label\n好吃,正面\n好吃,便宜,正面\n难吃,负面\n")
    _, problem = row_problem(path, 3)
    assert "quoted" in problem.hint


def test_a_1mb_line_in_tsv(tmp_path):
    lines = good_tsv_lines(6)
    lines[2] = "长" * 1_000_000 + "\t正面"
    ex, problem = row_problem(write(tmp_path, "long.tsv", "text\tlabel\n" + "\n".join(lines)), 4)
    assert "too long" in problem.message and len(ex) == 5


def test_a_1mb_field_in_csv(tmp_path):
    body = "\n".join(f"好吃{i},正面" if i % 2 else f"难吃{i},负面" for i in range(6))
    path = write(tmp_path, "long.csv", "text,label\n" + body + "\n\"" + "长" * 1_000_000 + "\",正面\n坏,负面\n")
    ex, problem = row_problem(path, 8)
    assert "too long" in problem.message
    assert ex.lines[-1] == 9 and ex.texts[-1] == "坏"  # reading went on after the long field


def test_bad_json_line(tmp_path):
    rows = [json.dumps({"text": t, "label": i % 2}, ensure_ascii=False) for i, t in enumerate(GOOD)]
    rows.insert(2, '{"text": "坏了", "label": 1')
    ex, problem = row_problem(write(tmp_path, "bad.jsonl", "\n".join(rows)), 3)
    assert problem.message.startswith("invalid JSON") and '{"text"' in problem.hint and len(ex) == 6


def test_jsonl_line_that_is_not_an_object(tmp_path):
    rows = [json.dumps({"text": t, "label": i % 2}, ensure_ascii=False) for i, t in enumerate(GOOD)]
    rows.insert(4, '["不是对象", 1]')
    _, problem = row_problem(write(tmp_path, "list.jsonl", "\n".join(rows)), 5)
    assert problem.message == "not a JSON object (got a list)"


def test_jsonl_missing_key(tmp_path):
    rows = [json.dumps({"text": t, "label": i % 2}, ensure_ascii=False) for i, t in enumerate(GOOD)]
    rows[1] = json.dumps({"text": "没有标签", "lable": 1}, ensure_ascii=False)
    _, problem = row_problem(write(tmp_path, "key.jsonl", "\n".join(rows)), 2)
    assert problem.message == "the object has no 'label' key"


def test_jsonl_multi_label_list(tmp_path):
    rows = [json.dumps({"text": t, "label": i % 2}, ensure_ascii=False) for i, t in enumerate(GOOD)]
    rows[3] = json.dumps({"text": "又好又贵", "label": ["正面", "负面"]}, ensure_ascii=False)
    _, problem = row_problem(write(tmp_path, "multi.jsonl", "\n".join(rows)), 4)
    assert "list or object" in problem.message and "one label" in problem.hint


def test_unbalanced_quote_reports_its_line_and_reading_goes_on(tmp_path):
    body = ['"好吃,便宜",1', '"没关上的引号,0', "还行,1", "难吃,0", '"正常的",1']
    path = write(tmp_path, "q.csv", "text,label\n" + "\n".join(body) + "\n")
    ex, problem = row_problem(path, 3)
    assert problem.message == "a quote opened here closes on line 6" and 'double it ("")' in problem.hint
    assert ex.texts == ["好吃,便宜", "还行", "难吃", "正常的"] and ex.lines == [2, 4, 5, 6]


def test_quote_still_open_at_the_end_of_the_file(tmp_path):
    ex, problem = row_problem(write(tmp_path, "eof.csv", 'text,label\n好,1\n差,0\n"没结束,1\n'), 4)
    assert "never closed" in problem.message and ex.texts == ["好", "差"]


def test_text_after_a_closing_quote(tmp_path):
    path = write(tmp_path, "q2.csv", 'text,label\n好,1\n"好吃"的菜,1\n差,0\n')
    _, problem = row_problem(path, 3)
    assert "broken quoting" in problem.message


def test_dev_label_not_in_training_file(tmp_path):
    train = write(tmp_path, "train.tsv", "text\tlabel\n" + "\n".join(good_tsv_lines(30)))
    dev = write(tmp_path, "dev.tsv", "text\tlabel\n好\t正面\n一般\t中性\n差\t负面\n")
    result = prepare_run_data(DatasetSpec(train=str(train), dev=str(dev)), tmp_path / "out")
    (problem,) = result.problems
    assert str(problem).startswith(f"{dev}:3: unknown label '中性' (not in the training file train.tsv)")
    assert result.counts["dev"] == 2


def test_every_problem_of_a_messy_file_is_listed_in_line_order(tmp_path):
    lines = good_tsv_lines(20)
    lines[2] = "\t正面"
    lines[7] = "没有标签"
    lines[11] = "文本\t"
    path = write(tmp_path, "messy.tsv", "text\tlabel\n" + "\n".join(lines))
    table = read_table(path)
    ex = build_examples(table, "text", "label")
    assert [p.line for p in ex.problems] == [4, 9, 13] and len(ex) == 17
