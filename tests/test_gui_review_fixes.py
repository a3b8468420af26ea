"""Regressions from the GUI review: stale predictors, state after failed start/stop, stale reads."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def test_predict_uses_the_new_export_after_the_folder_is_written_again(tmp_path):
    from test_predict import make_export

    from gui.pages.predict_page import load_predictor, predict_texts

    folder = make_export(tmp_path / "export", "bow")
    first = load_predictor(str(folder))
    assert load_predictor(str(folder)) is first  # cached while the export stays the same
    # "Export again" rewrites the folder in place: new labels in a newer manifest
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["labels"] = ["bad", "good"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    stat = manifest_path.stat()
    os.utime(manifest_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    results, _ms = predict_texts(str(folder), ["服务非常好，推荐"])
    assert results[0].label in ("bad", "good")
    assert load_predictor(str(folder)).labels == ["bad", "good"]


def _finished_run(ws, run_id, steps):
    """A run folder as a finished local trainer leaves it, with ``steps`` step events."""
    from core.jobs import JobSpec
    from core.runs import Run

    path = ws / "runs" / run_id
    path.mkdir(parents=True)
    run = Run(path)
    JobSpec().save(run.job_file)
    run.write_runner_info({"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    events = [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": steps}]
    events += [{"v": 1, "type": "step", "ts": 1.0 + i, "seq": 1 + i, "step": i, "loss": 1.0 / i}
               for i in range(1, steps + 1)]
    events.append({"v": 1, "type": "done", "ts": 9e9, "seq": steps + 2, "step": steps, "duration_s": 1.0,
                   "best": {"metric": "accuracy", "value": 0.5, "step": steps}})
    run.events_file.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return run


def test_the_end_of_a_followed_run_does_not_read_its_history_on_the_gui_thread(qtbot, tmp_path):
    import time

    from core.runs import run_status
    from gui.live import RunWatcher

    run = _finished_run(tmp_path / "ws", "2026-01-01-000000", 30000)
    start = time.perf_counter()
    assert run_status(run) == "finished"
    full_read = time.perf_counter() - start
    watcher = RunWatcher(run)
    ended = []
    watcher.ended.connect(ended.append)
    watcher.start()
    watcher.timer.stop()  # this test hands out the batches itself
    watcher._thread.join(30)
    start = time.perf_counter()
    watcher.flush()
    flush = time.perf_counter() - start
    assert ended == ["finished"]
    assert flush < full_read / 3, (flush, full_read)
