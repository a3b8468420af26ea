"""The trainer end to end: real Paddle on the CPU, tiny data, the trainer as a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import numpy as np
import pytest

from tests.helpers.trainer import events, make_run, of_type, run_trainer, trainer_argv, trainer_env


def _assert_seq_ok(evs):
    seqs = [e["seq"] for e in evs]
    assert seqs == list(range(1, len(seqs) + 1)), seqs


def _exported_probs(export_dir, texts_ids):
    """Probabilities of the exported program through paddle.inference (what the Predictor uses)."""
    import paddle.inference as pi

    prog = export_dir / "inference.json"
    if not prog.exists():
        prog = export_dir / "inference.pdmodel"
    cfg = pi.Config(str(prog), str(export_dir / "inference.pdiparams"))
    cfg.disable_gpu()
    cfg.disable_mkldnn()
    predictor = pi.create_predictor(cfg)
    out = []
    for ids in texts_ids:
        h = predictor.get_input_handle(predictor.get_input_names()[0])
        h.copy_from_cpu(np.asarray([ids], dtype=np.int64))
        predictor.run()
        logits = predictor.get_output_handle(predictor.get_output_names()[0]).copy_to_cpu()[0]
        e = np.exp(logits - logits.max())
        out.append(e / e.sum())
    return out


def test_bow_trains_evaluates_checkpoints_and_exports(tmp_path):
    run = make_run(tmp_path / "run", "bow", train={"amp": True})
    res = run_trainer(run)
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    _assert_seq_ok(evs)
    start = of_type(evs, "start")[0]
    assert start["total_steps"] == 16 and start["steps_per_epoch"] == 8 and start["device"] == "cpu"
    assert start["labels"] == ["正面", "负面"] and start["params"] > 0 and start["nproc"] == 1
    assert start["amp"] is False and "GPU" in start["amp_note"]  # asked for AMP, on the CPU: off, said so
    steps = of_type(evs, "step")
    assert [s["step"] for s in steps] == [2, 4, 6, 8, 10, 12, 14, 16]
    assert all(s["samples_per_s"] > 0 and s["eta_s"] >= 0 and s["lr"] > 0 for s in steps)
    assert steps[-1]["loss"] < steps[0]["loss"]
    dev_evals = [e for e in of_type(evs, "eval") if e["split"] == "dev"]
    assert [e["step"] for e in dev_evals] == [8, 16]  # once per epoch
    last = dev_evals[-1]
    assert last["accuracy"] >= 0.9
    assert set(last["per_class"]) == {"正面", "负面"} and last["per_class"]["正面"]["support"] == 8
    assert np.asarray(last["confusion"]).sum() == 16
    assert [e for e in of_type(evs, "eval") if e["split"] == "test"]
    assert of_type(evs, "done")[0]["step"] == 16
    # a human progress line besides the events
    assert any(line.startswith("[") and "samples/s" in line and "eta" in line for line in res.stdout.splitlines())
    assert (run / "checkpoints" / "last" / "optimizer.pdopt").is_file()
    assert (run / "checkpoints" / "best" / "model.pdparams").is_file()
    assert not list((run / "checkpoints").glob(".tmp-*"))
    manifest = json.loads((run / "export" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"] == "bow" and manifest["labels"] == ["正面", "负面"]
    assert manifest["input_names"] == ["input_ids"] and manifest["max_seq_len"] == 32
    assert manifest["metrics"]["accuracy"] == max(e["accuracy"] for e in dev_evals)
    assert (run / "export" / "inference.pdiparams").is_file()
    assert json.loads((run / "export" / "labels.json").read_text(encoding="utf-8")) == ["正面", "负面"]
    assert of_type(evs, "export")[0]["files"]


def test_tiny_ernie_trains_and_export_reproduces_training_probabilities(tmp_path):
    run = make_run(tmp_path / "run", "ernie-tiny-test", train={"learning_rate": 0.001, "max_steps": 6,
                                                              "eval_every": 3})
    res = run_trainer(run)
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    start = of_type(evs, "start")[0]
    assert start["family"] == "ernie" and start["total_steps"] == 6
    assert [e["step"] for e in of_type(evs, "eval") if e["split"] == "dev"] == [3, 6]
    export = run / "export"
    manifest = json.loads((export / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["family"] == "ernie" and manifest["tokenizer"]["type"] == "wordpiece"
    assert (export / manifest["tokenizer"]["vocab_file"]).is_file()
    assert len(manifest["samples"]) == 8
    from core.trainer.text import load_tokenizer

    tok = load_tokenizer(manifest["tokenizer"], export)
    ids = [tok.encode(s["text"], manifest["max_seq_len"]) for s in manifest["samples"]]
    got = _exported_probs(export, ids)
    for sample, probs in zip(manifest["samples"], got):
        assert np.allclose(sample["probs"], probs, atol=1e-5)


def _wait_for_step(run, proc, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        path = run / "events.jsonl"
        if path.exists() and any(e["type"] == "step" for e in events(run)):
            return
        assert proc.poll() is None, "the trainer ended before its first step event"
        time.sleep(0.05)
    raise AssertionError("no step event")


@pytest.mark.parametrize("model", ["bow", "ernie-tiny-test"])
def test_sigterm_mid_epoch_then_resume_matches_an_uninterrupted_run(tmp_path, model):
    # ERNIE has dropout: an exact match needs each step's dropout derived from (seed, step)
    train = {"eval_every": 0, "learning_rate": 0.01 if model == "bow" else 0.001}
    whole = make_run(tmp_path / "whole", model, train=train)
    assert run_trainer(whole).returncode == 0
    run = make_run(tmp_path / "cut", model, train=train)
    proc = subprocess.Popen(trainer_argv(run), env=trainer_env(PDK_TEST_STEP_DELAY="0.3"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=run)
    _wait_for_step(run, proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err[-3000:]
    assert "Traceback" not in err
    evs = events(run)
    error = of_type(evs, "error")[-1]
    assert error["kind"] == "interrupted" and error["hint"]
    stopped = error["step"]
    assert 0 < stopped < 8  # mid-epoch: the first epoch has 8 steps
    assert json.loads((run / "checkpoints" / "last" / "trainer_state.json").read_text())["global_step"] == stopped

    res = run_trainer(run, "--resume")
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    _assert_seq_ok(evs)  # seq continues across the resume: nothing repeated or skipped
    starts = of_type(evs, "start")
    assert len(starts) == 2 and starts[1]["resumed_from_step"] == stopped
    reference = of_type(events(whole), "step")
    steps = of_type(evs, "step")
    assert [s["step"] for s in steps] == [s["step"] for s in reference] == [2, 4, 6, 8, 10, 12, 14, 16]
    # same data order, optimizer, scheduler and RNG: the loss continues exactly where it stopped
    assert np.allclose([s["loss"] for s in steps], [s["loss"] for s in reference], rtol=1e-5, atol=1e-6)
    assert np.allclose([s["lr"] for s in steps], [s["lr"] for s in reference])
    assert of_type(evs, "done")[0]["step"] == of_type(events(whole), "done")[0]["step"] == 16


def test_data_parallel_on_two_cpu_processes_only_rank0_reports(tmp_path):
    from core.trainer.dist import launch_command

    run = make_run(tmp_path / "run", "bow", runner={"nproc": 2})
    argv = launch_command(str(run / "job.json"), nproc=2, log_dir=str(run / "dist_logs"))
    res = subprocess.run(argv, env=trainer_env(), capture_output=True, text=True, timeout=300, cwd=run)
    assert res.returncode == 0, (res.stdout + res.stderr)[-3000:]
    evs = events(run)
    _assert_seq_ok(evs)
    start = of_type(evs, "start")
    assert len(start) == 1 and start[0]["nproc"] == 2 and start[0]["global_batch_size"] == 16
    assert start[0]["total_steps"] == 8  # 64 examples / (8 per process x 2)
    assert [s["step"] for s in of_type(evs, "step")] == [2, 4, 6, 8]  # one writer: no duplicates
    assert len(of_type(evs, "done")) == 1
    assert (run / "export" / "manifest.json").is_file()
    rank1_log = (run / "dist_logs" / "workerlog.1").read_text(encoding="utf-8", errors="replace")
    assert "PDK_EVENT" not in rank1_log and "training bow" not in rank1_log

    # stopped as the local runner stops it (SIGTERM to the whole process group), then resumed
    cut = make_run(tmp_path / "cut", "bow", runner={"nproc": 2})
    argv = launch_command(str(cut / "job.json"), nproc=2, log_dir=str(cut / "dist_logs"))
    proc = subprocess.Popen(argv, env=trainer_env(PDK_TEST_STEP_DELAY="0.5"), cwd=cut, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_step(cut, proc)
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=120)
    error = of_type(events(cut), "error")[-1]
    assert error["kind"] == "interrupted" and 0 < error["step"] < 4  # mid-epoch (4 steps per epoch)
    res = subprocess.run(launch_command(str(cut / "job.json"), nproc=2, extra=["--resume"],
                                        log_dir=str(cut / "dist_logs")),
                         env=trainer_env(), capture_output=True, text=True, timeout=300, cwd=cut)
    assert res.returncode == 0, (res.stdout + res.stderr)[-3000:]
    evs_cut = events(cut)
    _assert_seq_ok(evs_cut)
    whole, resumed = of_type(evs, "step"), of_type(evs_cut, "step")
    assert [s["step"] for s in resumed] == [2, 4, 6, 8]
    assert np.allclose([s["loss"] for s in resumed], [s["loss"] for s in whole], rtol=1e-5, atol=1e-6)


def test_early_stopping_stops_when_the_dev_metric_no_longer_improves(tmp_path):
    # every dev text is the same sentence with both labels: accuracy is 0.5 whatever the weights
    dev = [{"text": "这个东西一般般", "label": i % 2} for i in range(8)]
    run = make_run(tmp_path / "run", "bow", dev=dev, train={"epochs": 4, "eval_every": 2,
                                                           "early_stopping_patience": 2})
    res = run_trainer(run)
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    dev_evals = [e for e in of_type(evs, "eval") if e["split"] == "dev"]
    assert [e["step"] for e in dev_evals] == [2, 4, 6]
    assert [e["best"] for e in dev_evals] == [True, False, False]
    done = of_type(evs, "done")[0]
    assert done["stopped_early"] is True and done["step"] == 6 < of_type(evs, "start")[0]["total_steps"]
    assert done["best"]["step"] == 2
    # resuming a run that early stopping ended trains no further
    assert run_trainer(run, "--resume").returncode == 0
    evs = events(run)
    assert len(of_type(evs, "step")) == 3 and of_type(evs, "done")[-1]["step"] == 6


@pytest.mark.parametrize("breakage, where", [
    ("bad_json", "train.jsonl:3"),
    ("bad_label", "dev.jsonl:2"),
    ("no_labels", "labels.json"),
    ("bad_job", "job.json"),
])
def test_data_and_job_errors_exit_2_with_file_line_and_hint_no_traceback(tmp_path, breakage, where):
    run = make_run(tmp_path / "run", "bow", test=False)
    data = run / "data"
    if breakage == "bad_json":
        lines = (data / "train.jsonl").read_text(encoding="utf-8").splitlines()
        lines[2] = '{"text": "坏行", "label": 0'
        (data / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif breakage == "bad_label":
        lines = (data / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        lines[1] = json.dumps({"text": "好", "label": 5}, ensure_ascii=False)
        (data / "dev.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif breakage == "no_labels":
        (data / "labels.json").unlink()
    else:
        job = json.loads((run / "job.json").read_text(encoding="utf-8"))
        job["model"]["name"] = "gpt-17"
        job["train"]["batch_size"] = "lots"
        (run / "job.json").write_text(json.dumps(job), encoding="utf-8")
    res = run_trainer(run)
    assert res.returncode == 2, res.stderr[-3000:]
    assert "Traceback" not in res.stderr + res.stdout
    error = of_type(events(run), "error")[0]
    assert error["kind"] == "data" and where in error["message"] and error["hint"]
    assert where in res.stderr


def test_unknown_model_is_a_data_error_listing_the_catalogue(tmp_path):
    run = make_run(tmp_path / "run", "gpt-17", test=False)
    res = run_trainer(run)
    assert res.returncode == 2
    error = of_type(events(run), "error")[0]
    assert error["kind"] == "data" and "bow" in error["message"] and "Traceback" not in res.stderr


def test_out_of_memory_becomes_an_oom_error_with_a_hint(tmp_path):
    run = make_run(tmp_path / "run", "bow", test=False)
    res = run_trainer(run, env=trainer_env(PDK_TEST_OOM_AT_STEP="3"))
    assert res.returncode == 4, res.stderr[-3000:]
    error = of_type(events(run), "error")[0]
    assert error["kind"] == "oom" and "batch size 8" in error["message"] and "smaller batch" in error["hint"]
    assert "Traceback" not in res.stderr


def test_resume_without_checkpoint_starts_from_scratch(tmp_path):
    run = make_run(tmp_path / "run", "bow", train={"max_steps": 4}, test=False, n_train=32)
    res = run_trainer(run, "--resume")
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    assert "resumed_from_step" not in of_type(evs, "start")[0]
    assert of_type(evs, "done")[0]["step"] == 4


def test_a_missing_job_file_is_reported_without_creating_a_run_folder(tmp_path):
    missing = tmp_path / "no-such-run"
    res = subprocess.run(trainer_argv(missing), env=trainer_env(), capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert "job file not found" in res.stderr and "Traceback" not in res.stderr
    assert '"kind":"data"' in res.stdout  # the event still reaches a reader of stdout
    assert not missing.exists()
