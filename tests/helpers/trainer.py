"""Shared set-up for the trainer tests: tiny run folders and the trainer as a real subprocess."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "core"

POSITIVE = ["这家餐厅的服务非常好", "菜很好吃，下次还来", "酒店干净，前台很热情", "电影很精彩，值得推荐",
            "物流很快，质量不错", "性价比高，非常满意", "环境优雅，味道正宗", "房间宽敞，早餐丰富"]
NEGATIVE = ["服务太差了，再也不来", "菜又贵又难吃", "房间很脏，隔音也差", "电影无聊，浪费时间",
            "快递太慢，包装破损", "质量很差，已经退货", "等了一个小时才上菜", "空调坏了没人修"]
ENDINGS = ["", "！", "。", "，真的", "啊", "，说实话"]


def rows(n: int, seed: int) -> list[dict[str, Any]]:
    """n balanced examples (label 0 = 正面, 1 = 负面) with a little variety."""
    rng = random.Random(seed)
    return [{"text": rng.choice(POSITIVE if i % 2 == 0 else NEGATIVE) + rng.choice(ENDINGS), "label": i % 2}
            for i in range(n)]


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")


def make_run(root: Path, model: str = "bow", train: dict | None = None, runner: dict | None = None,
             n_train: int = 64, dev: list[dict] | None = None, test: bool = True) -> Path:
    """A run folder with job.json and data/ as core writes them before starting the trainer."""
    run = root
    data = run / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_jsonl(data / "train.jsonl", rows(n_train, 1))
    write_jsonl(data / "dev.jsonl", dev if dev is not None else rows(16, 2))
    if test:
        write_jsonl(data / "test.jsonl", rows(12, 3))
    (data / "labels.json").write_text(json.dumps(["正面", "负面"], ensure_ascii=False), encoding="utf-8")
    job = {"schema_version": 1, "name": "t",
           "dataset": {"train": "train.tsv"},
           "model": {"name": model, "pretrained": None, "max_seq_len": 32},
           "train": {"epochs": 2, "batch_size": 8, "learning_rate": 0.01, "logging_every": 2, "seed": 7,
                     **(train or {})},
           "runner": {"kind": "local", "devices": [], "nproc": 1, **(runner or {})}}
    (run / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    return run


def trainer_env(**extra: str) -> dict[str, str]:
    """The environment the local runner gives the trainer (package on the path, few threads)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(CORE)
    env["PYTHONUNBUFFERED"] = "1"
    env["OMP_NUM_THREADS"] = "1"  # the test machine's cores are shared
    env.setdefault("PPNLP_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "pdk-test-ppnlp"))
    env.update(extra)
    return env


def trainer_argv(run: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "trainer", "--job", str(run / "job.json"), *extra]


def run_trainer(run: Path, *extra: str, env: dict[str, str] | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the trainer to completion and return its result (stdout/stderr as text)."""
    return subprocess.run(trainer_argv(run, *extra), env=env or trainer_env(), capture_output=True, text=True,
                          timeout=timeout, cwd=run)


def events(run: Path) -> list[dict[str, Any]]:
    """Every event in the run's events.jsonl (all lines must parse)."""
    path = run / "events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def of_type(evs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in evs if e["type"] == kind]
