"""Training speed of PaddleDesk's trainer vs a bare Paddle loop on the same model and data.

    python bench/trainer_overhead.py [--models bow,ernie-tiny-test] [--steps 400] [--rounds 5]

Both run in this process, one after the other, ``rounds`` times (one CPU thread): the real
``Trainer`` (events, progress lines, loss bookkeeping, SIGTERM checks, collate, LR schedule,
clipping) and a hand-written Paddle loop with the same tokenizer, network, batch size, AdamW,
clipping and schedule. Each is timed from its 20th step to its last, in CPU seconds of this
process (steady under other load, unlike wall time) and in wall seconds; the best round of each
counts, since other work on a shared machine only ever slows a run down. Goal: ratio >= 0.97.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
WARM = 20  # steps before the clock starts (first steps allocate and warm caches)
FRAGMENTS = ["这家餐厅", "服务", "非常好", "太差了", "菜很好吃", "又贵又难吃", "酒店", "房间干净", "隔音差",
             "电影", "很精彩", "无聊", "物流很快", "包装破损", "性价比高", "下次还来", "再也不来", "前台热情",
             "等了很久", "味道正宗", "，", "。", "！", "真的", "还可以", "一般般"]


def write_run(folder: Path, model: str, steps: int, batch: int) -> Path:
    """A run folder with synthetic reviews (8 to 60 characters); one epoch is ``steps`` steps."""
    rng = random.Random(0)
    data = folder / "data"
    data.mkdir(parents=True)
    for name, n in (("train", steps * batch), ("dev", 64)):
        with (data / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(n):
                text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(3, 15)))
                fh.write(json.dumps({"text": text, "label": i % 2}, ensure_ascii=False) + "\n")
    (data / "labels.json").write_text('["pos", "neg"]', encoding="utf-8")
    job = {"model": {"name": model, "max_seq_len": 64},
           "train": {"epochs": 1, "batch_size": batch, "learning_rate": 1e-3, "logging_every": WARM,
                     "eval_every": 0, "seed": 1, "save_total_limit": 1}}
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    return folder


def trainer_round(run: Path) -> tuple[float, float, int]:
    """(CPU s, wall s, steps) of the real Trainer between its first and last step events."""
    from core.trainer.config import load_job, parse_config
    from core.trainer.dist import World
    from core.trainer.events import EventWriter
    from core.trainer.loop import Trainer

    class TimingWriter(EventWriter):
        marks: list[tuple[int, float, float]] = []

        def emit(self, type_, **fields):
            event = super().emit(type_, **fields)
            if type_ == "step":
                self.marks.append((fields["step"], time.process_time(), time.perf_counter()))
            return event

    for name in ("events.jsonl", "checkpoints", "export"):
        p = run / name
        shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
    writer = TimingWriter(run / "events.jsonl", stdout=io.StringIO())
    writer.marks = []
    cfg = parse_config(load_job(run / "job.json"))
    code = Trainer(cfg, run, run / "data", False, World(), writer).run()
    writer.close()
    assert code == 0, f"trainer exit code {code}"
    (s0, c0, w0), (s1, c1, w1) = writer.marks[0], writer.marks[-1]
    return c1 - c0, w1 - w0, s1 - s0


def bare_round(run: Path) -> tuple[float, float, int]:
    """(CPU s, wall s, steps) of a plain Paddle loop from its WARM-th step to its last."""
    import numpy as np
    import paddle
    import paddle.nn.functional as F

    from core.trainer.data import EpochPlan
    from core.trainer.loop import WarmupLinearDecay
    from core.trainer.nets import build_network
    from core.trainer.text import build_tokenizer

    job = json.loads((run / "job.json").read_text())
    t, m = job["train"], job["model"]
    rows = [json.loads(x) for x in (run / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    texts, labels = [r["text"] for r in rows], np.array([r["label"] for r in rows], dtype=np.int64)
    paddle.set_device("cpu")
    paddle.seed(t["seed"])
    tok = build_tokenizer(m["name"], texts)
    net = build_network(m["name"], tok, 2)
    bs = t["batch_size"]
    steps = len(texts) // bs
    sched = WarmupLinearDecay(t["learning_rate"], int(0.1 * steps), steps)
    opt = paddle.optimizer.AdamW(learning_rate=sched, parameters=net.parameters(), weight_decay=0.01,
                                 grad_clip=paddle.nn.ClipGradByGlobalNorm(1.0))
    enc = [np.asarray(tok.encode(x, m["max_seq_len"]), dtype=np.int64) for x in texts]
    order = EpochPlan(len(enc), bs, 1, t["seed"]).permutation(0)  # the trainer's order: same padding work
    net.train()
    c0 = w0 = 0.0
    for step in range(steps):
        idx = order[step * bs: (step + 1) * bs]
        ids = np.full((len(idx), max(len(enc[i]) for i in idx)), tok.pad_id, dtype=np.int64)
        for k, i in enumerate(idx):
            ids[k, : len(enc[i])] = enc[i]
        loss = F.cross_entropy(net(paddle.to_tensor(ids)), paddle.to_tensor(labels[idx]))
        loss.backward()
        opt.step()
        opt.clear_grad()
        sched.step()
        if step + 1 == WARM:
            float(loss)  # the trainer reads its loss at its first step event too
            c0, w0 = time.process_time(), time.perf_counter()
    float(loss)
    return time.process_time() - c0, time.perf_counter() - w0, steps - WARM


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", default="bow,ernie-tiny-test")
    p.add_argument("--steps", type=int, default=0, help="steps per round (default: 400 bow, 100 others)")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--rounds", type=int, default=7)
    a = p.parse_args()
    import paddle

    paddle.set_device("cpu")
    t_start = time.time()
    with tempfile.TemporaryDirectory(prefix="pdk-bench-") as tmp:
        os.environ.setdefault("PPNLP_HOME", str(Path(tmp) / "ppnlp"))
        for model in a.models.split(","):
            steps = a.steps or (400 if model in ("bow", "fasttext") else 100)
            run = write_run(Path(tmp) / model, model, steps, a.batch)
            ours, bare = [], []
            for _ in range(a.rounds):  # alternated so changes of load hit both alike
                bare.append(bare_round(run))
                ours.append(trainer_round(run))
            assert ours[0][2] == bare[0][2], (ours[0][2], bare[0][2])
            rows = ours[0][2] * a.batch
            o_cpu, b_cpu = rows / min(x[0] for x in ours), rows / min(x[0] for x in bare)
            o_wall, b_wall = rows / min(x[1] for x in ours), rows / min(x[1] for x in bare)
            print(f"{model:16s} CPU:  trainer {o_cpu:8.1f}  bare loop {b_cpu:8.1f} samples/s  "
                  f"ratio {o_cpu / b_cpu:.3f} (goal >= 0.97)")
            print(f"{'':16s} wall: trainer {o_wall:8.1f}  bare loop {b_wall:8.1f} samples/s  "
                  f"ratio {o_wall / b_wall:.3f}")
            paired = sorted(b[0] / o[0] for o, b in zip(ours, bare))  # CPU ratio of each round
            print(f"{'':16s} CPU ratio per round: median {statistics.median(paired):.3f}, "
                  f"range {paired[0]:.3f}..{paired[-1]:.3f} (the spread is the machine's noise)")
    print(f"({a.rounds} rounds, batch {a.batch}, best round each, "
          f"{os.environ['OMP_NUM_THREADS']} thread(s); {time.time() - t_start:.0f} s)")


if __name__ == "__main__":
    main()
