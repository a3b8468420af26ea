"""The trainer's pieces on their own: metrics, epoch plan, checkpoints, events, job reading."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.trainer import checkpoint as ckpt
from core.trainer.config import parse_config
from core.trainer.data import EpochPlan, collate, read_split
from core.trainer.errors import DataError, is_oom
from core.trainer.events import EventWriter, last_seq
from core.trainer.metrics import classification_report
from core.trainer.seeds import seed_step, step_seed


def test_metrics_match_a_hand_computed_three_class_example():
    y_true = [0, 0, 0, 1, 1, 2]
    y_pred = [0, 0, 1, 1, 2, 2]
    r = classification_report(y_true, y_pred, ["a", "b", "c"])
    assert r["confusion"] == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]
    assert r["accuracy"] == pytest.approx(4 / 6)
    assert r["per_class"]["a"] == {"precision": 1.0, "recall": pytest.approx(2 / 3), "f1": pytest.approx(0.8),
                                   "support": 3}
    assert r["per_class"]["b"]["precision"] == pytest.approx(0.5) and r["per_class"]["b"]["recall"] == 0.5
    assert r["per_class"]["c"]["precision"] == pytest.approx(0.5) and r["per_class"]["c"]["f1"] == pytest.approx(2 / 3)
    assert r["macro_f1"] == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_metrics_of_a_class_never_seen_are_zero_not_nan():
    r = classification_report([0, 0], [0, 0], ["a", "b"])
    assert r["per_class"]["b"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert r["macro_f1"] == 0.5


@pytest.mark.parametrize("n, batch, world", [(64, 8, 1), (37, 5, 2), (3, 4, 2), (100, 7, 3)])
def test_epoch_plan_gives_every_example_once_and_equal_work_to_every_rank(n, batch, world):
    plan = EpochPlan(n, batch, world, seed=3)
    perm = plan.permutation(0)
    seen = []
    for b in range(plan.steps_per_epoch):
        parts = [plan.batch(perm, b, r) for r in range(world)]
        assert len({len(p) for p in parts}) == 1 and len(parts[0]) > 0  # ranks step in lock-step
        seen.extend(np.concatenate(parts).tolist())
    assert set(seen) == set(range(n))  # all examples; the last batch may repeat a few to even out ranks
    assert len(seen) - n < world
    assert not np.array_equal(plan.permutation(0), plan.permutation(1))  # reshuffled each epoch
    assert np.array_equal(plan.permutation(1), EpochPlan(n, batch, world, seed=3).permutation(1))


def test_a_steps_dropout_mask_depends_only_on_seed_step_and_rank():
    import paddle

    def mask_at(step: int, rank: int = 0) -> np.ndarray:
        seed_step(7, step, rank)
        return paddle.nn.functional.dropout(paddle.ones([256]), p=0.5, training=True).numpy()

    first = mask_at(5)
    paddle.rand([1000])  # whatever ran before (other steps, an evaluation, a fresh process) ...
    mask_at(6)
    assert np.array_equal(mask_at(5), first)  # ... step 5 draws the same mask again
    assert not np.array_equal(mask_at(6), first) and not np.array_equal(mask_at(5, rank=1), first)
    assert len({step_seed(7, s, r) for s in range(1000) for r in range(4)}) == 4000


def test_collate_pads_to_the_longest_row():
    enc = [np.array([5, 6, 7]), np.array([8]), np.array([9, 9])]
    out = collate(enc, [1, 0], pad_id=0)
    assert out.dtype == np.int64 and out.tolist() == [[8, 0, 0], [5, 6, 7]]


def test_bad_jsonl_lines_name_file_and_line(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "好", "label": 0}\n\n{"text": "", "label": 1}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"train.jsonl:3: empty or missing text"):
        read_split(path, 2)
    path.write_bytes('{"text": "好", "label": 0}\n'.encode("gbk") + "差".encode("gbk") + b"\n")
    with pytest.raises(DataError, match="not UTF-8"):
        read_split(path, 2)


def _fake_checkpoint(step):
    def fill(folder):
        (folder / ckpt.MODEL_FILE).write_bytes(b"w")
        ckpt.write_state(folder, {"global_step": step})
    return fill


def test_checkpoints_rotate_keeping_save_total_limit_and_leave_no_temp(tmp_path):
    root = tmp_path / "checkpoints"
    for step in (10, 20, 30, 40):
        ckpt.save_atomic(root, "last", _fake_checkpoint(step), keep=3)
    names = sorted(p.name for p in root.iterdir())
    assert names == ["last", "step-00000020", "step-00000030"]
    assert ckpt.read_state(root / "last")["global_step"] == 40
    assert ckpt.find_resume(root) == root / "last"


def test_resume_falls_back_to_the_newest_complete_checkpoint(tmp_path):
    root = tmp_path / "checkpoints"
    for step in (10, 20):
        ckpt.save_atomic(root, "last", _fake_checkpoint(step), keep=2)
    # killed between the two renames: `last` is gone, a half-written temp folder remains
    (root / "last").rename(root / "step-00000020-x")
    (root / ".tmp-last-123").mkdir()
    (root / "step-00000020-x").rename(tmp_path / "gone")
    assert ckpt.find_resume(root) == root / "step-00000010"
    ckpt.clean_temp(root)
    assert not list(root.glob(".tmp-*"))


def test_a_failed_save_keeps_the_previous_checkpoint(tmp_path):
    root = tmp_path / "checkpoints"
    ckpt.save_atomic(root, "last", _fake_checkpoint(10), keep=2)

    def broken(folder):
        (folder / ckpt.MODEL_FILE).write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        ckpt.save_atomic(root, "last", broken, keep=2)
    assert ckpt.read_state(ckpt.find_resume(root))["global_step"] == 10


def test_event_seq_continues_after_a_torn_line(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    w = EventWriter(path)
    w.emit("phase", phase="preparing")
    w.emit("step", step=1, loss=float("nan"))
    w.close()
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"v":1,"type":"step","seq":3,"st')  # hard kill mid-write
    assert last_seq(path) == 2
    w = EventWriter(path)
    w.emit("done", step=1)
    w.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    parsed = [json.loads(x) for x in lines if x.endswith("}")]
    assert [e["seq"] for e in parsed] == [1, 2, 3]
    assert parsed[1]["loss"] is None  # NaN is not JSON
    out = capsys.readouterr().out
    assert out.count("PDK_EVENT ") == 3


def test_silent_writer_on_other_ranks_writes_nothing(tmp_path, capsys):
    w = EventWriter(tmp_path / "events.jsonl", enabled=False)
    w.emit("start", labels=[])
    w.say("hello")
    assert not (tmp_path / "events.jsonl").exists() and capsys.readouterr().out == ""


def test_job_type_errors_are_listed_together():
    job = {"model": {"name": "bow", "max_seq_len": "long"}, "train": {"batch_size": 0, "amp": "yes"}}
    with pytest.raises(DataError) as err:
        parse_config(job)
    msg = err.value.message
    assert "model.max_seq_len" in msg and "train.amp" in msg and "batch_size" in msg
    cfg = parse_config({"model": {"name": "cnn"}, "train": {"max_grad_norm": 2}, "extra": {"x": 1}})
    assert cfg.model == "cnn" and isinstance(cfg.max_grad_norm, float)


def test_paddle_allocation_failure_counts_as_out_of_memory():
    import paddle

    with pytest.raises(MemoryError) as err:  # Paddle's ResourceExhaustedError is a MemoryError
        paddle.empty([2**48], dtype="float32")
    assert is_oom(err.value)
    assert not is_oom(ValueError("shape mismatch"))


def test_warmup_then_linear_decay_and_state_round_trip():
    from core.trainer.loop import WarmupLinearDecay

    s = WarmupLinearDecay(1.0, warmup=2, total=6)
    lrs = []
    for _ in range(6):
        lrs.append(s.last_lr)
        s.step()
    assert lrs == pytest.approx([0.5, 1.0, 1.0, 0.75, 0.5, 0.25])
    t = WarmupLinearDecay(1.0, warmup=2, total=6)
    t.set_state_dict(s.state_dict())
    assert t.last_epoch == 6 and t.last_lr == s.last_lr
