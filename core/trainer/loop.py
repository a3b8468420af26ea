"""The training loop: set-up (AdamW, clipping, AMP), the steps, early stopping, the export.

The schedule is in ``schedule.py``, evaluation in ``evaluation.py``, checkpoints in ``checkpoints.py``.

``Trainer(...).run()`` returns the process exit code. Everything a user sees goes through the
EventWriter (rank 0 only); every rank runs the same steps and the same dev evaluation, so the
decisions to stop (early stopping, SIGTERM, the end) agree without extra messages.
"""

from __future__ import annotations

import math
import os
import random
import signal
import time
from pathlib import Path

import numpy as np
import paddle
import paddle.nn.functional as F

from . import checkpoint as ckpt
from . import dist
from .checkpoints import CheckpointsMixin
from .config import TrainConfig
from .data import EpochPlan, RunData, collate, encode_all, load_run_data
from .durations import format_clock
from .errors import EXIT_INTERRUPTED, EXIT_OK, OOM_HINT, DataError, OutOfMemory, TrainerError, is_oom
from .evaluation import EvaluationMixin
from .events import EventWriter
from .export import export_model
from .schedule import WarmupLinearDecay, no_decay
from .seeds import seed_step
from .weights import weights_text

STEP_DELAY_ENV = "PDK_TEST_STEP_DELAY"  # seconds slept after each step: lets tests interrupt mid-epoch
OOM_AT_STEP_ENV = "PDK_TEST_OOM_AT_STEP"  # a real, impossible Paddle allocation at that step (tests)
STOP_AT_STEP_ENV = "PDK_TEST_STOP_AT_STEP"  # the trainer sends itself SIGTERM after that step (tests)
EVAL_AT_START_ENV = "PDK_TEST_EVAL_AT_START"  # a dev eval of the starting weights, as step 0 (tests)
AMP_CPU_NOTE = "mixed precision (AMP) needs a GPU; training in float32 on the CPU"


class Trainer(CheckpointsMixin, EvaluationMixin):
    """One run of the trainer process (one rank): set-up, the step loop, the end.

    Checkpoints and state are in ``checkpoints.py``, evaluation in ``evaluation.py``."""

    def __init__(self, cfg: TrainConfig, run_dir: Path, data_dir: Path, resume: bool,
                 world: dist.World, writer: EventWriter):
        self.cfg, self.run_dir, self.data_dir, self.resume = cfg, run_dir, data_dir, resume
        self.world, self.ev = world, writer
        self.ckpt_dir = run_dir / "checkpoints"
        self.stop_requested = False
        self.step_delay = float(os.environ.get(STEP_DELAY_ENV, "0") or 0)
        self.oom_at_step = int(os.environ.get(OOM_AT_STEP_ENV, "0") or 0)
        self.stop_at_step = int(os.environ.get(STOP_AT_STEP_ENV, "0") or 0)
        self.t_start = time.time()

    # -- set-up -------------------------------------------------------------------------------
    def _on_stop_signal(self, signum, frame) -> None:  # noqa: ARG002 - signal handler signature
        if self.stop_requested and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl+C: stop now, without a checkpoint
        self.stop_requested = True

    def _install_signal_handlers(self) -> None:
        """SIGTERM (Stop in the app, docker stop) and a first Ctrl+C: finish the step, checkpoint, exit 3.

        Called again after the network is built: building ERNIE (paddlenlp) puts a native handler in
        place that kills the process, while Python still reports its own handler as installed.
        """
        signal.signal(signal.SIGTERM, self._on_stop_signal)
        if self.world.size == 1:  # under launch, Ctrl+C reaches launch, which sends SIGTERM to us
            signal.signal(signal.SIGINT, self._on_stop_signal)

    def _device(self) -> str:
        cfg = self.cfg
        if not cfg.devices:
            paddle.set_device("cpu")
            return "cpu"
        if not paddle.is_compiled_with_cuda():
            raise DataError("this job asks for GPUs but the installed PaddlePaddle has no CUDA support",
                            "choose the CPU, or run the job in the GPU Docker image")
        local = paddle.distributed.ParallelEnv().dev_id if self.world.size > 1 else 0
        paddle.set_device(f"gpu:{local}")
        return "gpu:" + ",".join(str(d) for d in cfg.devices)

    def _seed(self, seed: int) -> None:
        paddle.seed(seed)
        np.random.seed(seed % (2**32))
        random.seed(seed)

    def _pretrained_dir(self, family: str) -> str | None:
        """The folder of pretrained ERNIE weights: the job's folder, a download, or None (offline)."""
        if family != "ernie":
            return None
        if self.cfg.pretrained:
            path = Path(self.cfg.pretrained)
            if not (path / "vocab.txt").is_file():
                raise DataError(f"{path}: no vocab.txt in the pretrained model folder",
                                "choose a folder saved by PaddleNLP (vocab.txt, model_config.json, *.pdparams)")
            return str(path)
        from .nets import fetch_pretrained

        cache = Path(os.environ.get("PPNLP_HOME") or (self.run_dir / "cache")) / "pdk_pretrained" / self.cfg.model
        found = fetch_pretrained(self.cfg.model, cache) if self.world.is_main else None
        if self.world.size > 1:
            paddle.distributed.barrier()
            found = str(cache) if (cache / "vocab.txt").is_file() else None
        return found

    def _build(self, data: RunData, resume_from: Path | None) -> None:
        from .catalogue import UnknownModelError, family_of, get_arch
        from .nets import build_network
        from .text import build_tokenizer, load_tokenizer

        cfg = self.cfg
        try:
            self.family = family_of(cfg.model)
        except UnknownModelError as exc:
            raise DataError(f"job.json: model.name: {exc}", "pick a model from the catalogue") from None
        pretrained = self._pretrained_dir(self.family)
        self.pretrained = pretrained
        tok_state = resume_from and ckpt.read_state(resume_from) or {}
        if resume_from is not None and tok_state.get("tokenizer"):
            self.tokenizer = load_tokenizer(tok_state["tokenizer"], resume_from / "tokenizer")
        else:
            self.tokenizer = build_tokenizer(cfg.model, data.train.texts, pretrained_dir=pretrained)
        self._seed(cfg.seed)  # the initial weights; each step re-seeds itself (seeds.seed_step)
        self.net = build_network(cfg.model, self.tokenizer, len(data.labels), pretrained=pretrained)
        self.model = dist.wrap(self.net, self.world)
        self.num_params = int(sum(int(np.prod(p.shape)) for p in self.net.parameters()))

        self.plan = EpochPlan(len(data.train), cfg.batch_size, self.world.size, cfg.seed)
        per_epoch = self.plan.steps_per_epoch
        epochs = cfg.epochs
        min_steps = get_arch(cfg.model).get("min_steps", 0)
        self.epochs_note = None
        if min_steps and 0 < epochs * per_epoch < min_steps:  # a small dataset: enough updates to be sure
            epochs = math.ceil(min_steps / per_epoch)
            self.epochs_note = (f"{cfg.epochs} epochs are only {cfg.epochs * per_epoch} steps on this dataset: "
                                f"training {epochs} epochs ({cfg.model} needs {min_steps} steps; the best is kept)")
        if cfg.max_steps > 0:
            self.total_steps = cfg.max_steps if epochs < 1 else min(cfg.max_steps, epochs * per_epoch)
        else:
            self.total_steps = epochs * per_epoch
        self.epochs = math.ceil(self.total_steps / per_epoch)
        self.loss_breaks_ties = bool(get_arch(cfg.model).get("loss_breaks_ties"))
        per_epoch_evals = get_arch(cfg.model).get("evals_per_epoch", 1)
        if not cfg.eval_every and per_epoch_evals > 1:  # "once per epoch" would miss the best point
            cfg.eval_every = max(1, per_epoch // per_epoch_evals)
        self.scheduler = WarmupLinearDecay(cfg.learning_rate, int(self.total_steps * cfg.warmup_ratio),
                                           self.total_steps)
        decay = {p.name for n, p in self.net.named_parameters() if not no_decay(n)}
        clip = paddle.nn.ClipGradByGlobalNorm(cfg.max_grad_norm) if cfg.max_grad_norm > 0 else None
        self.optimizer = paddle.optimizer.AdamW(
            learning_rate=self.scheduler, parameters=self.net.parameters(), weight_decay=cfg.weight_decay,
            apply_decay_param_fun=lambda name: name in decay, grad_clip=clip)
        self.use_amp = bool(cfg.amp and self.device != "cpu")
        self.scaler = paddle.amp.GradScaler(init_loss_scaling=2.0**15) if self.use_amp else None

        self.encoded = {"train": encode_all(self.tokenizer.encode, data.train.texts, cfg.max_seq_len),
                        "dev": encode_all(self.tokenizer.encode, data.dev.texts, cfg.max_seq_len)}
        if data.test is not None:
            self.encoded["test"] = encode_all(self.tokenizer.encode, data.test.texts, cfg.max_seq_len)
        self.train_labels = np.asarray(data.train.labels, dtype=np.int64)
        if hasattr(self.net, "fit_feature_weights") and resume_from is None:  # a resume loads them
            self.net.fit_feature_weights(self.encoded["train"], self.train_labels)

    # -- the loop -----------------------------------------------------------------------------
    def run(self) -> int:
        """Train, evaluate, export; returns the exit code."""
        cfg = self.cfg
        self._install_signal_handlers()
        self.ev.emit("phase", phase="preparing")
        if self.world.is_main:
            ckpt.clean_temp(self.ckpt_dir)
        resume_from = ckpt.find_resume(self.ckpt_dir) if self.resume else None
        if self.resume and resume_from is None:
            self.ev.say("no checkpoint found: starting from the beginning")
        data = load_run_data(self.data_dir)
        self.labels = data.labels
        self.device = self._device()
        dist.init(self.world)  # after choosing the device: CPU ranks of a CUDA build must use gloo
        self._build(data, resume_from)
        self._install_signal_handlers()  # again: importing paddlenlp replaces the C-level SIGTERM handler
        self.state = self._fresh_state()
        self._losses: list[paddle.Tensor] = []  # this logging window's step losses (no sync per step)
        self._loss_carry = 0.0  # the unlogged part of a window, restored from a checkpoint
        self.saved_step = -1
        if resume_from is not None:
            self._load(resume_from)
            self.saved_step = self.state["global_step"]

        start = {"labels": data.labels, "num_train": len(data.train), "num_dev": len(data.dev),
                 "num_test": len(data.test) if data.test else 0, "total_steps": self.total_steps,
                 "steps_per_epoch": self.plan.steps_per_epoch, "epochs": self.epochs, "device": self.device,
                 "nproc": self.world.size, "model": cfg.model, "family": self.family, "params": self.num_params,
                 "batch_size": cfg.batch_size, "global_batch_size": self.plan.global_batch,
                 "amp": self.use_amp, "paddle_version": paddle.__version__,
                 "pretrained": self.pretrained, "rng": "derived from (seed, epoch, step)"}
        if cfg.amp and not self.use_amp:
            start["amp_note"] = AMP_CPU_NOTE
        if self.epochs_note:
            start["epochs_note"] = self.epochs_note
        start["weights"] = weights_text(self.family, self.pretrained)
        if self.family == "ernie" and self.pretrained is None:
            start["pretrained_note"] = ("trained from scratch: no pretrained weights found, "
                                        "ERNIE starts from random weights")
        if resume_from is not None:
            start["resumed_from_step"] = self.state["global_step"]
        self.ev.emit("start", **start)
        self.ev.say(f"training {cfg.model} ({self.num_params:,} parameters) on {self.device}, "
                    f"{len(data.train)} train / {len(data.dev)} dev examples, {self.total_steps} steps"
                    + (f", resumed from step {self.state['global_step']}" if resume_from else ""))
        if self.stop_requested:
            return self._interrupted()
        if os.environ.get(EVAL_AT_START_ENV) and self.state["global_step"] == 0:
            self.ev.emit("eval", step=0, epoch=0.0, split="dev", best=False,
                         **self.evaluate(data.dev, self.encoded["dev"]))
        self.ev.emit("phase", phase="training")
        try:
            outcome = self._train(data)
        except Exception as exc:
            if is_oom(exc):
                raise OutOfMemory(f"{self.device} ran out of memory training {cfg.model} with batch size "
                                  f"{cfg.batch_size} and max length {cfg.max_seq_len}", OOM_HINT) from None
            raise
        if outcome is not None:
            return outcome
        return self._finish(data)

    def _train(self, data: RunData) -> int | None:
        """The step loop; an exit code when interrupted, None when training ended."""
        cfg, st, plan = self.cfg, self.state, self.plan
        if st["stopped_early"]:  # resuming a run that early stopping had ended: nothing left to train
            return None
        self.model.train()
        self._loss_carry = float(st["loss_sum"]) if st["loss_count"] else 0.0
        t_loop, steps_here = time.time(), 0
        win_t, win_rows = time.time(), 0
        pad_id = self.tokenizer.pad_id
        encoded = self.encoded["train"]
        perm_epoch, perm = -1, None
        while st["global_step"] < self.total_steps:
            if perm_epoch != st["epoch"]:  # each epoch its own shuffle, the same after a resume
                perm_epoch, perm = st["epoch"], plan.permutation(st["epoch"])
            idx = plan.batch(perm, st["batch"], self.world.rank)
            ids = paddle.to_tensor(collate(encoded, idx, pad_id))
            y = paddle.to_tensor(self.train_labels[idx])
            seed_step(cfg.seed, st["global_step"], self.world.rank)  # dropout from (seed, step) alone
            loss = self._step(ids, y)
            self._losses.append(loss)
            st["loss_count"] += 1
            win_rows += plan.batch_rows(st["batch"])
            st["batch"] += 1
            st["global_step"] += 1
            steps_here += 1
            if self.step_delay:
                time.sleep(self.step_delay)
            if self.oom_at_step and st["global_step"] == self.oom_at_step:
                paddle.empty([2**48], dtype="float32")  # 4 PiB: the allocator refuses it
            if self.stop_at_step and st["global_step"] == self.stop_at_step and self.world.is_main:
                os.kill(os.getpid(), signal.SIGTERM)  # the real Stop path, at an exact step
            step = st["global_step"]
            if step % cfg.logging_every == 0 or step == self.total_steps:
                now = time.time()
                self._log_step(now - win_t, win_rows, (now - t_loop) / steps_here)
                win_t, win_rows = now, 0
            epoch_end = st["batch"] >= plan.steps_per_epoch
            if epoch_end:
                st["epoch"] += 1
                st["batch"] = 0
            due = (cfg.eval_every and step % cfg.eval_every == 0) or epoch_end or step == self.total_steps
            if due:
                if self._eval_and_save(data):
                    return None
                win_t, win_rows = time.time(), 0  # samples/s is training speed, evals excluded
            if dist.any_rank(self.stop_requested, self.world):
                return self._interrupted()
        return None

    def _step(self, ids: paddle.Tensor, y: paddle.Tensor) -> paddle.Tensor:
        if self.use_amp:
            with self._autocast():
                logits = self.model(ids).astype("float32")
        else:
            logits = self.model(ids)
        loss = _heads_loss(logits, y, getattr(self.net, "heads", 1))
        if self.scaler is not None:
            self.scaler.minimize(self.optimizer, self.scaler.scale(loss))
        else:
            loss.backward()
            self.optimizer.step()
        self.optimizer.clear_grad()
        self.step_lr = self.scheduler.last_lr  # the rate this step used (reported, not the next one)
        self.scheduler.step()
        return loss.detach()

    def _log_step(self, window_s: float, window_rows: int, sec_per_step: float) -> None:
        st = self.state
        step = st["global_step"]
        loss = float(self._rank_mean(self._window_sum())) / max(1, st["loss_count"])  # all ranks, not rank 0's
        self._losses, self._loss_carry, st["loss_count"], st["loss_sum"] = [], 0.0, 0, 0.0
        if not math.isfinite(loss):  # the same value on every rank (averaged), so all stop together
            raise DataError(f"the training loss became {loss} at step {step}: training diverged",
                            "lower the learning rate (e.g. to a tenth)" + (" or turn AMP off" if self.use_amp else ""))
        lr = float(self.step_lr)
        sps = window_rows / window_s if window_s > 0 else 0.0
        eta = (self.total_steps - step) * sec_per_step
        epoch = step / self.plan.steps_per_epoch
        self.ev.emit("step", step=step, epoch=round(epoch, 4), loss=loss, lr=lr,
                     samples_per_s=round(sps, 2), eta_s=round(eta, 1))
        pct = 100.0 * step / self.total_steps
        self.ev.say(f"[{pct:5.1f}%] step {step}/{self.total_steps}  epoch {epoch:.2f}  loss {loss:.4f}  "
                    f"lr {lr:.2e}  {sps:.1f} samples/s  eta {format_clock(eta)}")

    def _interrupted(self) -> int:
        if self.state["global_step"] != self.saved_step and self.state["global_step"] > 0:
            self._save_last()
        step = self.state["global_step"]
        self.ev.emit("error", kind="interrupted", step=step,
                     message=f"training stopped at step {step} of {self.total_steps}; a checkpoint was saved",
                     hint="resume the run to continue from this step")
        return EXIT_INTERRUPTED

    def _finish(self, data: RunData) -> int:
        """Load the best weights, evaluate the test split, export, report done."""
        st = self.state
        best_dir = self.ckpt_dir / "best"
        if (best_dir / ckpt.MODEL_FILE).is_file():
            self.net.set_state_dict(paddle.load(str(best_dir / ckpt.MODEL_FILE)))
        metrics = dict(st["best_metrics"] or {})
        if data.test is not None:
            report = self.evaluate(data.test, self.encoded["test"])
            self.ev.emit("eval", step=st["best_step"], epoch=round(st["best_step"] / self.plan.steps_per_epoch, 4),
                         split="test", best=False, **report)
            self.ev.say(f"test: accuracy {report['accuracy']:.4f}  macro-F1 {report['macro_f1']:.4f}")
            metrics["test"] = {"accuracy": report["accuracy"], "macro_f1": report["macro_f1"]}
        if self.world.is_main:
            self.ev.emit("phase", phase="exporting")
            out = self.run_dir / "export"
            files = export_model(self.net, self.tokenizer, self.labels, out, model_name=self.cfg.model,
                                 family=self.family, max_seq_len=self.cfg.max_seq_len, metrics=metrics,
                                 sample_texts=data.dev.texts)
            self.ev.emit("export", path="export", files=files, metrics=metrics)
            self.ev.say(f"exported to {out}")
        best = {"metric": self.cfg.metric, "value": st["best_value"], "step": st["best_step"]}
        self.ev.emit("done", step=st["global_step"], best=best, duration_s=round(time.time() - self.t_start, 2),
                     stopped_early=bool(st["stopped_early"]))
        return EXIT_OK


def _heads_loss(logits: paddle.Tensor, y: paddle.Tensor, heads: int) -> paddle.Tensor:
    """Cross-entropy; an ensemble net returns its heads' logits side by side: each head its own loss."""
    if heads == 1:
        return F.cross_entropy(logits, y)
    parts = paddle.split(logits, heads, axis=-1)
    return paddle.add_n([F.cross_entropy(p, y) for p in parts]) / heads


def run_trainer(cfg: TrainConfig, run_dir: Path, data_dir: Path, resume: bool, world: dist.World,
                writer: EventWriter) -> int:
    """Build a Trainer and run it (the entry __main__ uses)."""
    return Trainer(cfg, run_dir, data_dir, resume, world, writer).run()


__all__ = ["Trainer", "TrainerError", "WarmupLinearDecay", "run_trainer"]
