"""The `paddledesk` command as a user runs it: real training, one-line errors, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import SAMPLES


def paddledesk(*args: str, workspace, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), *args],
                          capture_output=True, text=True, timeout=timeout)


def test_demo_trains_exports_and_prints_predictions(workspace):
    proc = paddledesk("demo", "--max-steps", "30", workspace=workspace)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "eval @ step" in out and "finished in" in out
    assert "这家餐厅的服务非常好" in out and "ms per sentence" in out
    assert "Traceback" not in proc.stderr


def test_train_then_predict_sentences_and_a_file_then_list_runs(workspace, tmp_path):
    data = SAMPLES / "reviews_zh"
    proc = paddledesk("train", "--data", str(data / "train.tsv"), "--dev", str(data / "dev.tsv"),
                      "--model", "bow", "--preset", "quick", "--max-steps", "20", workspace=workspace)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (run,) = workspace.runs()
    proc = paddledesk("predict", "--model", str(run.export_dir), "这家酒店很干净", "太差了", workspace=workspace)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("[") >= 2 and "太差了" in proc.stdout
    infile = tmp_path / "in.txt"
    infile.write_text("服务很好\n质量太差\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = paddledesk("predict", "--model", run.id, "--file", str(infile), "--out", str(out), workspace=workspace)
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text(encoding="utf-8").strip().splitlines()) == 3  # header + 2 rows
    proc = paddledesk("runs", workspace=workspace)
    assert run.id in proc.stdout and "finished" in proc.stdout
    proc = paddledesk("runs", "show", run.id, workspace=workspace)
    assert "accuracy" in proc.stdout and str(run.export_dir) in proc.stdout


@pytest.mark.parametrize("args, expected", [
    (["train", "--data", "/nope/train.tsv"], "file not found: /nope/train.tsv"),
    (["train", "--data", "README.md", "--model", "gpt-9"], "gpt-9"),
    (["predict", "--model", "/nope", "你好"], "no model folder or run named"),
    (["runs", "show", "2020-01-01"], "no run '2020-01-01'"),
    (["train", "--data", "README.md", "--gpus", "0;1"], "--gpus '0;1' is not a list of GPU numbers"),
])
def test_user_errors_are_one_message_with_a_hint(workspace, args, expected):
    proc = paddledesk(*args, workspace=workspace, timeout=120)
    assert proc.returncode == 2
    assert expected in proc.stderr and "hint:" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_bad_rows_are_reported_with_file_and_line(workspace, tmp_path):
    bad = tmp_path / "bad.tsv"
    rows = ["很好\t正面", "\t负面"] + [f"第{i}次很好\t正面" if i % 2 else f"第{i}次很差\t负面" for i in range(30)]
    bad.write_text("text\tlabel\n" + "\n".join(rows) + "\n", encoding="utf-8")
    proc = paddledesk("train", "--data", str(bad), "--model", "bow", "--max-steps", "2", workspace=workspace,
                      timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "1 rows skipped" in proc.stdout and "bad.tsv:3: " in proc.stdout  # the empty text, and where it is
    assert "Traceback" not in proc.stderr


def test_a_whole_file_problem_names_the_file_and_says_what_to_do(workspace, tmp_path):
    bad = tmp_path / "one_class.tsv"
    bad.write_text("text\tlabel\n" + "".join(f"第{i}句\t正面\n" for i in range(40)), encoding="utf-8")
    proc = paddledesk("train", "--data", str(bad), "--model", "bow", workspace=workspace, timeout=120)
    assert proc.returncode == 2
    first = proc.stderr.splitlines()[0]
    assert first.startswith("error: ") and "one_class.tsv" in first
    assert proc.stderr.count("hint:") == 1 and "Traceback" not in proc.stderr
    assert workspace.runs() == []


def test_train_in_a_docker_container_from_the_command_line(workspace):
    from tests.helpers.docker import start_engine

    engine = start_engine()
    data = SAMPLES / "reviews_zh"
    proc = subprocess.run(
        [sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), "train", "--runner", "docker",
         "--base-image", engine.base_image, "--data", str(data / "train.tsv"), "--model", "bow",
         "--preset", "quick", "--max-steps", "10"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "DOCKER_HOST": engine.url})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"trainer image {engine.trainer_image}" in proc.stdout and "finished in" in proc.stdout
    (run,) = workspace.runs()
    assert run.runner_info()["kind"] == "docker" and run.has_export()
    assert "paddle_version" in (run.export_dir / "manifest.json").read_text(encoding="utf-8")


def test_gpus_says_plainly_that_this_machine_has_no_nvidia_gpu(workspace):
    proc = paddledesk("gpus", workspace=workspace, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.startswith("No NVIDIA GPU:") and "libnvidia-ml.so" in proc.stdout and "Hint:" in proc.stdout


def test_monitor_replays_a_real_h200_trace_into_a_screenshot(workspace, tmp_path):
    from tests.helpers import REPO

    shot = tmp_path / "monitor.png"
    trace = REPO / "tests" / "fixtures" / "gpu" / "nvml-trace-load.json"
    proc = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), "monitor",
                           "--replay", str(trace), "--screenshot", str(shot)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000


def test_one_damaged_run_folder_does_not_hide_the_others(workspace):
    from core.jobs import JobSpec

    good = workspace.new_run(JobSpec())
    bad = workspace.new_run(JobSpec())
    bad.job_file.write_text('{"train": ', encoding="utf-8")
    proc = paddledesk("runs", workspace=workspace, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert good.id in proc.stdout and "damaged" in proc.stdout and str(bad.job_file) in proc.stdout


def test_a_train_command_takes_the_model_presets_weight_decay_unless_the_options_say_otherwise(tmp_path):
    from core.models import preset
    from paddledesk.cli import make_parser
    from paddledesk.cli_train import build_job

    data = str(SAMPLES / "reviews_zh" / "train.tsv")
    for model in ("ngrams", "bow"):
        job = build_job(make_parser().parse_args(["train", "--data", data, "--model", model]))
        assert job.train.weight_decay == preset(model, "balanced").weight_decay
        assert job.train.learning_rate == preset(model, "balanced").learning_rate
    job = build_job(make_parser().parse_args(["train", "--data", data, "--model", "ngrams", "--lr", "0.5"]))
    assert job.train.learning_rate == 0.5 and job.train.weight_decay == preset("ngrams", "balanced").weight_decay
