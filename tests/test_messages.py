"""core.messages: ids + English templates + arguments; English wherever no translator looks."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from core.messages import Message, join, placeholders, say, templates_in_source

REPO = Path(__file__).resolve().parents[1]


def test_a_message_is_its_english_text_and_keeps_id_template_and_arguments():
    m = say("data.row-too-long", "the text is too long ({chars:,} characters)", chars=12345)
    assert m == "the text is too long (12,345 characters)" and isinstance(m, str)
    assert (m.id, m.template, m.args) == ("data.row-too-long", "the text is too long ({chars:,} characters)",
                                          {"chars": 12345})
    for twin in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
        assert isinstance(twin, Message) and twin == m and twin.args == m.args
    joined = join([m, "plain"], "; ")
    assert joined == "the text is too long (12,345 characters); plain" and joined.args["item0"] is m


def test_dataset_problems_keep_their_english_text_and_carry_ids(tmp_path):
    from core.datasets.examples import load_examples

    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\n很好吃,正面\n,负面\n太难吃了\n难吃,负面\n", encoding="utf-8")
    examples = load_examples(bad)
    assert [str(p) for p in examples.problems] == [
        f"{bad}:3: empty text — fill in the text or delete the line",
        f"{bad}:4: 1 field, expected 2 — a missing ',' between the text and the label?"]
    assert [p.message.id for p in examples.problems] == ["data.row-empty-text", "data.row-one-field"]
    assert examples.problems[1].hint.args == {"sep": "','"}


def test_the_catalogue_finds_every_say_call_and_refuses_what_it_cannot_list(tmp_path):
    templates = templates_in_source(REPO / "core")
    assert templates["data.row-empty-text"] == "empty text"
    assert templates["gpu.none-found"] == "no NVIDIA GPU or driver found ({reasons})"
    assert len(templates) > 250
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text('from core.messages import say\nX = say("x", "one {a}", a=1)\n', encoding="utf-8")
    (pkg / "b.py").write_text('from core.messages import say\nY = say("x", "another", a=1)\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"b\.py:2: the id 'x' already has another template"):
        templates_in_source(pkg)
    (pkg / "b.py").write_text('from core.messages import say\nY = say("y", f"{1}")\n', encoding="utf-8")
    with pytest.raises(ValueError, match="literal id and a literal template"):
        templates_in_source(pkg)
    assert placeholders("{a:,} and {b!r} {{c}}") == {"a", "b"}


def test_the_gui_catalogue_is_up_to_date_with_core():
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import translations
    finally:
        sys.path.remove(str(REPO / "tools"))
    assert (REPO / "gui" / "core_messages.py").read_text(encoding="utf-8") == translations.core_messages_source(), \
        "run tools/translations.py"


def test_the_cli_prints_a_broken_file_in_english(tmp_path):
    bad = tmp_path / "reviews.csv"
    bad.write_bytes(b"PK\x03\x04 not a csv at all")
    done = subprocess.run([sys.executable, "-m", "paddledesk", "train", "--data", str(bad), "--model", "bow"],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "HOME": str(tmp_path),
                               "PADDLEDESK_WORKSPACE": str(tmp_path / "ws")})
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "reviews.csv: this is not a text file: it looks like a ZIP archive (or an Excel .xlsx workbook)" in out
    assert "save it as CSV UTF-8" in out
