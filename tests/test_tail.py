"""One log tail (core.tail.LineTail) for the CLI's follower and the app's live view."""

from __future__ import annotations

from core.events import format_line
from core.runs import Run, RunFollower
from core.tail import LineTail


def test_a_torn_last_line_waits_for_its_newline_and_a_rewritten_file_is_read_again(tmp_path):
    log = tmp_path / "train.log"
    tail = LineTail(log)
    assert tail.read_lines() == []  # no file yet is no lines
    log.write_bytes("第一行\nsecond ha".encode())
    assert tail.read_lines() == ["第一行"]
    with log.open("ab") as fh:
        fh.write(b"lf\n")
    assert tail.read_lines() == ["second half"]
    log.write_bytes(b"new\n")  # shorter: a resume started the file again
    assert tail.read_lines() == ["new"]


def test_a_window_keeps_the_newest_lines_and_counts_the_skipped_ones(tmp_path):
    log = tmp_path / "train.log"
    log.write_bytes(b"".join(b"line %05d\n" % i for i in range(10_000)))  # 11 bytes a line
    tail = LineTail(log, window=1100)
    lines, skipped = tail.read_counted()
    assert lines[-1] == "line 09999" and len(lines) == 99  # the line the window cut into is dropped
    assert skipped + len(lines) == 10_000
    assert tail.read_counted() == ([], 0)


def test_the_follower_keeps_raw_lines_and_junk_but_not_events(tmp_path):
    run = Run(tmp_path)
    event = format_line({"v": 1, "type": "step", "ts": 1.0, "seq": 1, "step": 1})
    run.log_file.write_text(f"loading\n{event}\nPDK_EVENT not json\nepoch 1\r\n", encoding="utf-8")
    assert RunFollower(run).poll_log() == ["loading", "PDK_EVENT not json", "epoch 1"]
    lines, skipped = RunFollower(run, log_window=16).poll_log_counted()
    assert lines == ["epoch 1"] and skipped == 3
