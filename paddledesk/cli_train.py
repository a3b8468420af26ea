"""`paddledesk train` and `paddledesk demo`: a job from the options, the trainer started, followed to its end."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paddledesk.cli_errors import UserError
from paddledesk.cli_options import cli_delimiter, parse_gpus
from paddledesk.progress import ProgressBar

SAMPLE_SENTENCES = [
    "这家餐厅的服务非常好，菜也很好吃",
    "房间又小又脏，再也不会住了",
    "物流很快，包装完好，质量不错",
    "剧情拖沓，演员演技尴尬，浪费时间",
]


def cmd_train(args: argparse.Namespace) -> int:
    from core.launch import launch
    from core.runs import Workspace

    job = build_job(args)
    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    from paddledesk.cli_models import warn_without_weights

    warning = warn_without_weights(job, workspace)  # before Start: never a silent downgrade
    if warning:
        print(warning, file=sys.stderr, flush=True)
    if job.runner.kind == "docker" and not job.runner.image:
        job.runner.image = prepare_docker_image(args.base_image, job.runner.devices,
                                                getattr(args, "registry", None) or "",
                                                getattr(args, "index_url", None) or "")
    from core.launch import runner_for

    runner = runner_for(job.runner.kind)  # the parent of the trainer: it records how it ended
    if getattr(args, "tune", False):
        from paddledesk.cli_tune import cmd_tune

        return cmd_tune(job, workspace, args.tune_minutes, runner)
    run = launch(job, workspace, runner, progress=lambda msg: print(f"· {msg}", flush=True))
    print(f"run {run.id}  ({run.path})", flush=True)
    return follow(run, runner=runner)


def prepare_docker_image(base_image: str | None, devices: list[int] | None = None, registry: str = "",
                         index_url: str = "") -> str:
    """Check the base image fits the GPUs (before a 10 GB pull), pull it and build the trainer
    image when missing, showing progress. Without --base-image the catalogue's choice is used."""
    from core.docker.choose import Hardware, read_hardware, suggest_image
    from core.docker.doctor import PROBLEM, image_check
    from core.docker.images import DEFAULT_BASE_IMAGE, prepare_trainer_image

    if devices:
        hardware = read_hardware().only(devices)
        base = base_image or suggest_image(hardware).ref or DEFAULT_BASE_IMAGE
    else:  # CPU training in a container: the CPU image unless one is named
        hardware = Hardware(reason="training on the CPU")
        base = base_image or DEFAULT_BASE_IMAGE
    check = image_check(base, hardware)
    if check.status == PROBLEM:
        raise UserError(f"{base} cannot train on the chosen GPUs: {check.detail}",
                        f"{check.fix} (--base-image), or train on the CPU (no --gpus); `paddledesk doctor` says more")
    print(f"· base image {base}", flush=True)
    bar = ProgressBar("pull")

    def on_pull(state) -> None:
        bar.update(int(state.done_bytes / 2**20), max(1, int(state.total_bytes / 2**20)), "MiB")

    tag = prepare_trainer_image(None, base, on_pull=on_pull, index_url=index_url, registry=registry,
                                on_build=lambda line: print(f"  build | {line.rstrip()}", flush=True))
    bar.finish()
    print(f"· trainer image {tag}", flush=True)
    return tag


def cmd_demo(args: argparse.Namespace) -> int:
    """Train on the shipped sample dataset on the CPU, export, and predict sample sentences."""
    from core.datasets import sample_datasets

    samples = {s.name: s for s in sample_datasets()}
    sample = samples.get("reviews_zh") or next(iter(samples.values()))
    ns = argparse.Namespace(**vars(args))
    ns.data, ns.dev, ns.test = str(sample.train), _opt(sample.dev), _opt(getattr(sample, "test", None))
    ns.text_column, ns.label_column, ns.labels = "text", "label", None
    code = cmd_train(ns)
    if code != 0:
        return code
    from core.runs import Workspace

    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    run = workspace.runs()[0]
    print(f"\nPredictions from {run.export_dir} ({_dev_accuracy_text(run)}):")
    from paddledesk.cli_predict import print_predictions

    return print_predictions(run.export_dir, args.sentences or SAMPLE_SENTENCES)


def _dev_accuracy_text(run) -> str:
    """The exported model's dev accuracy, as the demo prints it beside its predictions."""
    import json

    try:
        metrics = json.loads((run.export_dir / "manifest.json").read_text(encoding="utf-8")).get("metrics") or {}
        return f"dev accuracy {float(metrics['accuracy']):.3f}"
    except (OSError, ValueError, KeyError, TypeError):
        return "dev accuracy unknown"


def _opt(path: object) -> str | None:
    return str(path) if path else None




def build_job(args: argparse.Namespace):
    """A JobSpec from command-line options; a catalogue preset fills what was not given."""
    from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
    from core.models import ModelError, apply_preset

    devices = parse_gpus(args.gpus)
    job = JobSpec(
        name=args.name or "",
        dataset=DatasetSpec(train=str(args.data), dev=args.dev, test=args.test,
                            text_column=args.text_column, label_column=args.label_column,
                            labels=[s for s in (args.labels or "").split(",") if s],
                            encoding=getattr(args, "encoding", None) or None,
                            delimiter=cli_delimiter(getattr(args, "delimiter", None))),
        # the trainer runs in the run folder (or a container): a relative path would point elsewhere
        model=ModelSpec(name=args.model,
                        pretrained=str(Path(args.pretrained).expanduser().resolve()) if args.pretrained else None),
        train=TrainSpec(),
        runner=RunnerSpec(kind=args.runner, devices=devices, nproc=args.nproc,
                          memory_limit=getattr(args, "memory_limit", None),
                          pids_limit=getattr(args, "pids_limit", None) or 0),
    )
    try:
        apply_preset(job, args.preset)
    except ModelError as exc:
        raise UserError(str(exc), "see `paddledesk models` for the names") from None
    # options given on the command line win over the preset
    if args.max_seq_len:
        job.model.max_seq_len = args.max_seq_len
    for opt, field_name in (("epochs", "epochs"), ("batch_size", "batch_size"), ("lr", "learning_rate"),
                            ("max_steps", "max_steps"), ("seed", "seed"), ("eval_every", "eval_every"),
                            ("patience", "early_stopping_patience")):
        value = getattr(args, opt, None)
        if value is not None:
            setattr(job.train, field_name, value)
    if getattr(args, "amp", False):
        job.train.amp = True
    return job.validate()


def follow(run, runner=None, after_seq: int = 0) -> int:
    """Follow a run's events after ``after_seq`` until it ends: a progress bar, eval results, the outcome."""
    from core.launch import runner_of, stop
    from core.runs import RunFollower

    runner = runner or runner_of(run)
    follower = RunFollower(run, after_seq=after_seq)
    bar = ProgressBar("train")
    total = 0
    outcome = None
    try:
        for event in follower.follow(lambda: runner.is_running(run)):
            d = event.data
            if event.type == "start":
                total = int(d.get("total_steps", 0))
                if d.get("amp_note"):
                    bar.note(f"note: {d['amp_note']}")
                bar.note(f"{d.get('model')} on {d.get('device')}: {d.get('num_train')} train / "
                         f"{d.get('num_dev')} dev examples, {total} steps")
            elif event.type == "step":
                bar.update(int(d.get("step", 0)), total,
                           f"loss {d.get('loss', 0):.4f}  {d.get('samples_per_s', 0):.0f} samples/s",
                           eta=d.get("eta_s"))
            elif event.type == "eval":
                bar.note(f"eval @ step {d.get('step')} ({d.get('split', 'dev')}): {eval_text(d)}"
                         + ("  ← best" if d.get("best") else ""))
            elif event.type == "export":
                bar.note(f"exported to {run.path / d.get('path', 'export')}")
            elif event.type in ("done", "error"):
                outcome = event
    except KeyboardInterrupt:
        bar.note("stopping: the trainer writes a checkpoint first …")
        stop(run, runner)
        print(f"stopped. Continue with: paddledesk runs resume {run.id}")
        return 130
    bar.finish()
    runner.wait(run, 10)
    if outcome is None:
        from core.events import RunHistory

        history = RunHistory.from_file(run.events_file)
        outcome_data = history.error or history.done
        outcome_type = "error" if history.error else "done" if history.done else None
    else:
        outcome_data, outcome_type = outcome.data, outcome.type
    if outcome_type == "done":
        best = outcome_data.get("best") or {}
        print(f"finished in {outcome_data.get('duration_s', 0):.0f} s; best {best.get('metric')} "
              f"{best.get('value', 0):.4f} at step {best.get('step')}; model in {run.export_dir}")
        from core.events import RunHistory
        from core.verdicts import chance_level

        history = RunHistory.from_file(run.events_file)
        verdict = chance_level(history.evals, (history.start or {}).get("labels"))
        if verdict is not None:  # "finished" alone would read as a success
            print(f"warning: {verdict.message}\nhint: {verdict.hint}", file=sys.stderr)
        return 0
    if outcome_type == "error":
        kind = outcome_data.get("kind")
        print(f"error ({kind}): {outcome_data.get('message')}", file=sys.stderr)
        if outcome_data.get("hint"):
            print(f"hint: {outcome_data['hint']}", file=sys.stderr)
        for line in outcome_data.get("log_tail", [])[-10:]:
            print(f"  | {line}", file=sys.stderr)
        if kind == "interrupted":
            print(f"Continue with: paddledesk runs resume {run.id}", file=sys.stderr)
        return 3 if kind == "interrupted" else 1
    print(f"the trainer ended without a result; see {run.log_file}", file=sys.stderr)
    return 1


def eval_text(d: dict) -> str:
    parts = [f"accuracy {d.get('accuracy', 0):.4f}", f"macro-F1 {d.get('macro_f1', 0):.4f}"]
    if isinstance(d.get("loss"), (int, float)):
        parts.append(f"loss {d['loss']:.4f}")
    return "  ".join(parts)


