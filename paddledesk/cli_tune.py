"""`paddledesk train --tune [--tune-minutes N]`: a time-boxed sweep, one line per trial, the best marked."""

from __future__ import annotations

import argparse
import sys

DEFAULT_TUNE_MINUTES = 10.0


def add_tune_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tune", action="store_true",
                   help="find good settings: a time-boxed sweep of learning rate x epochs, the best run kept")
    p.add_argument("--tune-minutes", type=float, default=DEFAULT_TUNE_MINUTES,
                   help=f"the sweep's time box in minutes (default {DEFAULT_TUNE_MINUTES:g})")


def cmd_tune(job, workspace, minutes: float = DEFAULT_TUNE_MINUTES, runner=None) -> int:
    """Run the sweep for ``job``; Ctrl-C stops the current trial (it checkpoints) and the sweep."""
    from core.tune import plan_trials, run_sweep

    trials = plan_trials(job, minutes)
    print(f"· sweep of up to {len(trials)} trials in {minutes:g} minutes on dev {job.train.metric}: "
          + ", ".join(t.label for t in trials), flush=True)

    def on_trial(trial, result) -> None:
        n = len(result.trials)
        if trial.status == "running":
            print(f"trial {trial.number}/{n}: {trial.label} … run {trial.run_id}", flush=True)
            return
        score = f"dev {result.metric} {trial.dev_score:.4f}" if trial.dev_score is not None else trial.status
        best = max((t.dev_score for t in result.trials if t.dev_score is not None), default=None)
        mark = "  ← best so far" if trial.dev_score is not None and trial.dev_score == best else ""
        print(f"trial {trial.number}/{n}: {trial.label}: {score} in {trial.duration_s or 0:.0f} s{mark}", flush=True)

    def on_event(trial, event) -> None:
        if event.type == "error" and event.data.get("kind") != "interrupted":
            print(f"  trial {trial.number}: error: {event.data.get('message')}", file=sys.stderr, flush=True)

    try:
        result = run_sweep(job, workspace, minutes, on_trial=on_trial, runner=runner, on_event=on_event,
                           trials=trials)
    except KeyboardInterrupt:
        print("stopped: the current trial wrote a checkpoint; finished trials are kept", flush=True)
        return 130
    skipped = [t for t in result.trials if t.status == "skipped"]
    if skipped:
        print(f"· {len(skipped)} trials skipped: they would not fit in the {minutes:g} minutes", flush=True)
    if result.best_run_id is None:
        print("no trial finished; nothing to keep", file=sys.stderr)
        return 1
    best = next(t for t in result.trials if t.best)
    print(f"best: trial {best.number} ({best.label}), dev {result.metric} {best.dev_score:.4f}, "
          f"run {result.best_run_id} (marked best in sweep {result.sweep_id}); model in {result.export_dir}")
    return 0
