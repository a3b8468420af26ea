"""JobSpec validation and JSON, the event protocol, and run folders — the contracts every part shares."""

from __future__ import annotations

import json

import pytest

from core.events import RunHistory, format_line, parse_json, parse_line, read_events
from core.jobs import DatasetSpec, JobError, JobSpec, TrainSpec
from core.runs import Run, RunFollower, run_status


def test_job_round_trips_through_json(tmp_path):
    data = tmp_path / "train.tsv"
    data.write_text("text\tlabel\n好\t正面\n", encoding="utf-8")
    job = JobSpec(dataset=DatasetSpec(train=str(data), labels=["负面", "正面"]), train=TrainSpec(epochs=2, amp=True))
    job.save(tmp_path / "job.json")
    again = JobSpec.load(tmp_path / "job.json")
    assert again == job
    assert json.loads((tmp_path / "job.json").read_text(encoding="utf-8"))["schema_version"] == 1


def test_job_validation_lists_every_problem_in_words():
    job = JobSpec(dataset=DatasetSpec(train="/no/such/file.csv"), train=TrainSpec(batch_size=0, learning_rate=3))
    with pytest.raises(JobError) as err:
        job.validate()
    text = "\n".join(err.value.problems)
    assert "file not found: /no/such/file.csv" in text
    assert "batch_size" in text and "learning_rate" in text


def test_job_json_with_wrong_types_and_unknown_keys():
    with pytest.raises(JobError, match="train.epochs: expected a whole number"):
        JobSpec.from_dict({"train": {"epochs": "three"}})
    job = JobSpec.from_dict({"train": {"epochs": 4, "future_field": 1}, "extra": True})
    assert job.train.epochs == 4
    with pytest.raises(JobError, match="newer than this app"):
        JobSpec.from_dict({"schema_version": 99})
    with pytest.raises(JobError, match="not valid JSON"):
        JobSpec.from_json("{oops")


def test_event_parsing_tolerates_junk_and_unknown_fields():
    line = format_line({"v": 1, "type": "step", "ts": 1.0, "seq": 3, "step": 7, "loss": 0.5, "new_field": [1]})
    event = parse_line("W1129 paddle noise " + line)
    assert event is not None and event.type == "step" and event.get("step") == 7 and event.seq == 3
    assert parse_line("plain log line") is None
    assert parse_line("PDK_EVENT {not json") is None
    assert parse_json('{"v": 1, "type": "telemetry", "ts": 1}') is None  # unknown type: raw log
    assert parse_json("[1, 2]") is None


def _write_events(path, events):
    with path.open("a", encoding="utf-8") as fh:
        for e in events:
            fh.write(json.dumps({"v": 1, "ts": 0.0, **e}, ensure_ascii=False) + "\n")


def test_history_rebuilds_curves_and_drops_steps_redone_after_a_hard_kill(tmp_path):
    path = tmp_path / "events.jsonl"
    _write_events(path, [
        {"seq": 1, "type": "start", "total_steps": 10},
        *({"seq": 1 + i, "type": "step", "step": i, "loss": 1.0 / i} for i in range(1, 7)),
        {"seq": 8, "type": "eval", "step": 5, "accuracy": 0.7},
        # killed at step 6 without a checkpoint after step 4: the resume redoes 5 and 6
        {"seq": 9, "type": "start", "total_steps": 10, "resumed_from_step": 4},
        *({"seq": 5 + i, "type": "step", "step": i, "loss": 0.9 / i} for i in range(5, 11)),
        {"seq": 16, "type": "done", "step": 10},
    ])
    path.open("a").write("{torn last li")
    history = RunHistory.from_file(path)
    assert [s["step"] for s in history.steps] == list(range(1, 11))
    assert history.evals == []  # the eval at step 5 belonged to the killed attempt
    assert history.done is not None and history.phase == "finished"


def test_history_ignores_replayed_events():
    history = RunHistory()
    events = read_events("/nonexistent")
    assert events == []
    from core.events import Event
    assert history.add(Event("step", {"seq": 1, "step": 1}))
    assert not history.add(Event("step", {"seq": 1, "step": 1}))
    assert len(history.steps) == 1


def test_follower_returns_each_event_once_and_waits_for_whole_lines(tmp_path):
    run = Run(tmp_path)
    follower = RunFollower(run)
    assert follower.poll_events() == []
    with run.events_file.open("a", encoding="utf-8") as fh:
        fh.write('{"v":1,"type":"step","ts":0,"seq":1,"step":1}\n{"v":1,"type":"step","ts":0,"seq":2,')
        fh.flush()
        assert [e.seq for e in follower.poll_events()] == [1]
        fh.write('"step":2}\n')
    assert [e.seq for e in follower.poll_events()] == [2]
    assert follower.poll_events() == []
    # a second follower (the app restarted) replays everything, and skips what it already has
    assert [e.seq for e in RunFollower(run).poll_events()] == [1, 2]
    assert [e.seq for e in RunFollower(run, after_seq=1).poll_events()] == [2]


def test_follower_log_lines_exclude_events(tmp_path):
    run = Run(tmp_path)
    run.log_file.write_text('loading\nPDK_EVENT {"v":1,"type":"phase","ts":0,"seq":1}\nepoch 1\npart', "utf-8")
    assert RunFollower(run).poll_log() == ["loading", "epoch 1"]


def test_run_status_from_the_folder_alone(tmp_path, workspace):
    run = workspace.new_run(JobSpec())
    assert run_status(run) == "created"
    run.write_runner_info({"kind": "local", "pid": 999999999})
    assert run_status(run) == "stopped"  # dead process, no outcome
    _write_events(run.events_file, [{"seq": 1, "type": "error", "kind": "interrupted"}])
    assert run_status(run) == "stopped"
    _write_events(run.events_file, [{"seq": 2, "type": "start"}, {"seq": 3, "type": "done"}])
    assert run_status(run) == "finished"
    import os
    run.write_runner_info({"kind": "local", "pid": os.getpid()})
    assert run_status(run) == "running"
    assert [r.id for r in workspace.runs()] == [run.id]


def test_export_again_leaves_the_outcome_of_the_run_as_it_was(tmp_path):
    path = tmp_path / "events.jsonl"
    _write_events(path, [
        {"seq": 1, "type": "start", "total_steps": 4},
        {"seq": 2, "type": "error", "kind": "interrupted", "message": "stopped"},
        {"seq": 3, "type": "phase", "phase": "exporting"},
        {"seq": 4, "type": "error", "kind": "data", "message": "labels.json missing", "export_only": True},
    ])
    history = RunHistory.from_file(path)
    assert history.phase == "stopped" and history.error["kind"] == "interrupted"
    assert history.export_error["message"] == "labels.json missing"
    _write_events(path, [{"seq": 5, "type": "phase", "phase": "exporting"},
                         {"seq": 6, "type": "export", "path": "export", "export_only": True}])
    history = RunHistory.from_file(path)
    assert history.phase == "stopped" and history.export is not None


def test_a_reused_pid_does_not_make_an_old_run_look_running(workspace):
    import subprocess

    from core.runners.local import LocalRunner

    run = workspace.new_run(JobSpec())
    stranger = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        # the pid of our long-gone trainer now belongs to someone else (a later process, say)
        run.write_runner_info({"kind": "local", "pid": stranger.pid, "pgid": stranger.pid, "proc_start": "1"})
        assert run_status(run) == "stopped"
        LocalRunner().stop(run, timeout=1)
        assert stranger.poll() is None  # never signalled
        run.write_runner_info({"kind": "local", "pid": stranger.pid, "state": "exited"})
        assert run_status(run) == "stopped"
    finally:
        stranger.kill()
        stranger.wait()


def test_a_step_checkpoint_left_by_a_kill_between_renames_is_resumable(workspace):
    run = workspace.new_run(JobSpec())
    assert not run.has_checkpoint()
    (run.checkpoints_dir / "step-00000040").mkdir(parents=True)
    assert run.has_checkpoint()


def test_a_damaged_event_line_does_not_hide_the_run(tmp_path):
    path = tmp_path / "events.jsonl"
    _write_events(path, [{"seq": 1, "type": "start", "total_steps": "many"}, {"seq": None, "type": "step"},
                         {"seq": "2", "type": "step", "step": 1}, {"seq": 3, "type": "step", "step": "x"},
                         {"seq": 4, "type": "done"}])
    history = RunHistory.from_file(path)
    assert history.total_steps == 0 and history.last_step == 0 and history.done is not None
    assert [e.seq for e in RunFollower(Run(tmp_path)).poll_events()] == [1, 3, 4]
