"""The scripted walk (tools/walk.py) in Chinese: the real app under Xvfb, driven through Data, Train
(Stop, Resume), a SIGKILL mid-run and the reopen, Predict, Runs (Compare, Delete: No, then Yes),
Settings → Docker and the Monitor card; every picture's visible texts are checked for English."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import walk  # noqa: E402

pytestmark = pytest.mark.slow


def test_the_checker_names_english_and_lets_data_through():
    assert walk.english_words("开始训练") == []
    assert walk.english_words("Start training") == ["Start", "training"]
    # names, units, paths, run ids, image references and commands are data, not English
    assert walk.english_words("GPU 0 · NVIDIA H200 · 计算能力 9.0 · 140.4 GiB 中空闲") == []
    assert walk.english_words("镜像 paddlepaddle/paddle:3.0.0-gpu-cuda12.6-cudnn9.5-trt10.5 没有") == []
    assert walk.english_words("运行 2026-12-02-003509 的实测，文件 /tmp/a b/train.tsv") == []
    assert walk.english_words("运行 `sudo nvidia-ctk runtime configure --runtime=docker`，然后重启 Docker") == []
    assert walk.english_words("在 test 上评估") == ["test"]
    assert walk.english_words("列 label", frozenset({"label"})) == []


def test_the_chinese_walk_passes_and_shows_no_english(tmp_path):
    out, report = tmp_path / "out", tmp_path / "report"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run([sys.executable, str(REPO / "tools" / "walk.py"), "--lang", "zh_CN", "--quick",
                           "--out", str(out), "--report", str(report), "--timeout", "400"],
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert (out / "zh-cn-english.txt").read_text("utf-8").startswith("no English in ")
    for step in ("data", "train-stopped", "train-reattached-finished", "predict", "runs-delete-dialog",
                 "runs-deleted-undo", "settings-docker", "monitor-card"):
        assert (out / f"zh-cn-{step}.png").stat().st_size > 10_000, step
    marks = [json.loads(line) for line in (report / "zh-cn-texts" / "progress.jsonl").read_text("utf-8").splitlines()]
    steps = {m["step"]: m for m in marks}
    assert steps["delete-no"]["still_there"] and steps["delete-yes"]["gone"] and steps["delete-yes"]["trash"]
    assert steps["reattached"]["following"]  # the killed app's run was still training when it came back
    card = json.loads((report / "zh-cn-texts" / "monitor-card.texts.json").read_text("utf-8"))
    shown = [t["text"] for t in card]
    assert "9.0" in shown and "580.159.04 / 13.0" in shown  # the replayed H200's compute capability, driver, CUDA


def test_a_crashed_session_reports_the_crashing_threads_stack(tmp_path):
    """A session that segfaults names where: the report outlives the log, which pytest may rotate away."""
    log, shots = tmp_path / "app.log", tmp_path / "shots"
    shots.mkdir()
    (shots / "progress.jsonl").write_text(json.dumps({"step": "predicted", "n": 3}) + "\n", "utf-8")
    crasher = "import ctypes, threading\nthreading.Thread(target=input).start()\n" \
              "def open_the_runs_page():\n    ctypes.string_at(0)\nopen_the_runs_page()\n"
    with open(log, "wb") as out:  # a real segfault, with the environment the walk gives the app
        code = subprocess.call([sys.executable, "-c", crasher], stdout=out, stderr=subprocess.STDOUT,
                               stdin=subprocess.PIPE, env=dict(os.environ, PYTHONFAULTHANDLER="1"))
    assert code != 0
    details = walk.crash_details(shots, log)
    assert '"step": "predicted"' in details
    assert "Fatal Python error: Segmentation fault" in details
    assert "open_the_runs_page" in details.split("Current thread")[1]
