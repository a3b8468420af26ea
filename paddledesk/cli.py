"""`paddledesk`: the app with no arguments, and the same core from the command line.

    paddledesk                      open the desktop app (or say how to run headless)
    paddledesk demo                 train on the sample dataset, export, predict a few sentences
    paddledesk train --data F ...   train a model and follow it with a progress bar
    paddledesk predict --model DIR "句子" ... | --file in.tsv --out out.csv
    paddledesk runs [list | show ID | resume ID | stop ID | export ID | delete ID [--yes]]
    paddledesk gpus | monitor       the GPU table / the GPU dashboard

Errors a user can cause print one message with a hint and exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from paddledesk import __version__

EXIT_USER_ERROR = 2
REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SENTENCES = [
    "这家餐厅的服务非常好，菜也很好吃",
    "房间又小又脏，再也不会住了",
    "物流很快，包装完好，质量不错",
    "剧情拖沓，演员演技尴尬，浪费时间",
]


class UserError(Exception):
    """A problem the user can fix; printed as one message and a hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


# --- commands ----------------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    from core.launch import launch
    from core.runs import Workspace

    job = build_job(args)
    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    if job.runner.kind == "docker" and not job.runner.image:
        job.runner.image = prepare_docker_image(args.base_image, job.runner.devices,
                                                getattr(args, "registry", None) or "",
                                                getattr(args, "index_url", None) or "")
    from core.launch import runner_for

    runner = runner_for(job.runner.kind)  # the parent of the trainer: it records how it ended
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
    print(f"\nPredictions from {run.export_dir}:")
    return _print_predictions(run.export_dir, args.sentences or SAMPLE_SENTENCES)


def _opt(path: object) -> str | None:
    return str(path) if path else None


def cmd_predict(args: argparse.Namespace) -> int:
    model_dir = resolve_export(args.model, args.workspace)
    if args.file:
        from core.predict import Predictor

        out = Path(args.out or Path(args.file).with_suffix(".predictions.csv"))
        delimiter = cli_delimiter(args.delimiter)
        predictor = Predictor(model_dir)
        bar = ProgressBar("predict")
        result = predictor.predict_file(args.file, out, text_column=args.text_column, label_column=args.label_column,
                                        encoding=args.encoding or None, delimiter=delimiter,
                                        progress=lambda done, total: bar.update(done, total))
        bar.finish()
        print(f"wrote {result.rows} rows to {out}: {result.predicted} predicted, {len(result.problems)} not read "
              f"(text column {result.text_column!r})")
        if result.accuracy is not None:  # the file has its own labels: how often the model agrees
            print(f"accuracy against the file's labels (column {result.label_column!r}, in true_label): "
                  f"{result.accuracy:.4f} ({result.correct} of {result.labelled} rows)")
        elif result.label_column:
            print(f"column {result.label_column!r} holds none of the model's labels ({', '.join(predictor.labels)}): "
                  "no accuracy")
        for problem in result.problems[:10]:  # all of them are in the output's problem column
            print(f"  {problem}", file=sys.stderr)
        if len(result.problems) > 10:
            print(f"  … and {len(result.problems) - 10} more, each in the problem column of {out}", file=sys.stderr)
        return 0
    if not args.texts:
        raise UserError("nothing to predict", "give sentences, or --file in.tsv --out out.csv")
    return _print_predictions(model_dir, args.texts)


def _print_predictions(model_dir: Path, texts: list[str]) -> int:
    from core.predict import Predictor

    predictor = Predictor(model_dir)
    start = time.perf_counter()
    results = predictor.predict(texts)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(texts))
    for text, result, note in zip(texts, results, predictor.notes(texts)):
        probs = "  ".join(f"{label} {p:.3f}" for label, p in result.probs.items())
        print(f"{result.label:>8}  [{probs}]  {text}")
        if note.mostly_unknown:
            print(f"          note: {note.unknown_share:.0%} of the characters are unknown to this model: "
                  "the label is a guess")
        if note.truncated:
            print(f"          note: only the first {note.read_chars:,} of {note.text_chars:,} characters were read")
    print(f"({ms:.1f} ms per sentence)")
    return 0


def cmd_runs(args: argparse.Namespace) -> int:
    from core.jobs import JobError
    from core.runners.reconcile import reconcile_run, reconcile_runs
    from core.runs import Workspace, run_duration, run_status

    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    action = args.action or "list"
    if action == "list":
        reconcile_runs(workspace)  # a run whose trainer is gone is listed as ended, not running
        runs = workspace.runs()
        if not runs:
            print(f"no runs yet in {workspace.runs_dir}")
            return 0
        print(f"{'id':<20} {'status':<9} {'model':<20} {'best':>8} {'steps':>7} {'duration':>9}  dataset")
        for run in runs:
            history = run.history()
            status = run_status(run, history)
            seconds = run_duration(run, history, status)  # every resumed part, up to now while running
            try:
                job = run.job()
            except JobError as exc:  # one damaged folder must not hide the others
                print(f"{run.id:<20} {'damaged':<9} {run.job_file}: {exc}")
                continue
            best = history.best_eval(job.train.metric)
            best_text = f"{best[job.train.metric]:.4f}" if best else "-"
            print(f"{run.id:<20} {status:<9} {job.model.name:<20} {best_text:>8} "
                  f"{history.last_step:>7} {_duration(seconds) if seconds is not None else '-':>9}  "
                  f"{Path(job.dataset.train).name}")
        return 0
    if not args.run_id:
        raise UserError(f"`runs {action}` needs a run id", "see `paddledesk runs` for the ids")
    run = find_run(workspace, args.run_id)
    reconcile_run(run)
    if action == "show":
        return show_run(run)
    if action == "resume":
        from core.launch import resume, runner_of

        runner = runner_of(run)
        seen = run.history().last_seq  # the trainer numbers its events on from there
        resume(run, runner)
        print(f"resumed run {run.id}", flush=True)
        return follow(run, runner=runner, after_seq=seen)
    if action == "stop":
        from core.launch import runner_of, stop

        runner = runner_of(run)
        if not runner.is_running(run):
            status = run_status(run)
            if status == "running":  # recorded as running, but its engine does not answer
                raise UserError(f"cannot reach the trainer of run {run.id}",
                                "start Docker again, then retry `paddledesk runs stop`")
            print(f"run {run.id} is not running ({status}); nothing to stop")
            return 0
        stop(run, runner)
        print(f"stopped run {run.id}; `paddledesk runs resume {run.id}` continues it")
        return 0
    if action == "export":
        return export_run(run)
    if action == "delete":
        from paddledesk.cli_delete import delete_run

        return delete_run(workspace, run, assume_yes=args.yes)
    raise UserError(f"unknown action {action!r}", "use list, show, resume, stop, export or delete")


def export_run(run) -> int:
    """Write the run's export folder again from its best checkpoint and say where it is."""
    from core.launch import export_again_and_wait

    print(f"exporting run {run.id} from its best checkpoint …", flush=True)
    exported = export_again_and_wait(run)  # a failure raises RunnerError: message + hint, exit 2
    metrics = exported.get("metrics") or {}
    scores = "  ".join(f"{k} {v:.4f}" for k, v in metrics.items() if k in ("accuracy", "macro_f1")
                       and isinstance(v, (int, float)))
    print(f"exported {exported.get('source', 'checkpoint')} to {run.path / exported.get('path', 'export')}"
          + (f"  ({scores})" if scores else ""))
    return 0


def show_run(run) -> int:
    from core.runs import run_duration, run_status

    history = run.history()
    job = run.job()
    status = run_status(run, history)
    print(f"run       {run.id}\nstatus    {status}\nfolder    {run.path}")
    print(f"model     {job.model.name}\ndataset   {job.dataset.train}")
    print(f"steps     {history.last_step}/{history.total_steps}")
    seconds = run_duration(run, history, status)
    if seconds is not None:
        print(f"duration  {_duration(seconds)} over {len(history.segments)} part(s)")
    for ev in history.evals[-3:]:
        print(f"eval @{ev.get('step')}: " + _eval_text(ev))
    if history.error:
        print(f"error     {history.error.get('kind')}: {history.error.get('message')}")
    if run.has_export():
        print(f"export    {run.export_dir}")
    return 0


def cmd_gpus(args: argparse.Namespace) -> int:
    from core.gpu import format_table
    from core.runs import Workspace

    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    print(format_table(workspace=workspace, docker_client=_docker_client_or_none()))
    return 0


def _docker_client_or_none():
    """A client of the engine when one answers (to name the runs of containers), else None."""
    try:
        from core.docker.engine import connect

        return connect(None)
    except Exception:  # no engine is a normal state here: local runs are still attributed
        return None


def cmd_monitor(args: argparse.Namespace) -> int:
    require_display()
    from gui.monitor import main as monitor_main

    workspace = ["--workspace", args.workspace] if args.workspace else []
    return int(monitor_main(workspace + args.monitor_args) or 0)


def cmd_gui(args: argparse.Namespace) -> int:
    require_display()
    from gui.app import main as gui_main

    return int(gui_main(sys.argv[:1]) or 0)


# --- helpers -----------------------------------------------------------------------------------


def build_job(args: argparse.Namespace):
    """A JobSpec from command-line options; a catalogue preset fills what was not given."""
    from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
    from core.models import ModelError, preset

    try:
        chosen = preset(args.model, args.preset)
    except ModelError as exc:
        raise UserError(str(exc), "see `paddledesk models` for the names") from None
    train = TrainSpec(epochs=chosen.epochs, batch_size=chosen.batch_size, learning_rate=chosen.learning_rate)
    max_seq_len = chosen.max_seq_len
    for opt, field_name in (("epochs", "epochs"), ("batch_size", "batch_size"), ("lr", "learning_rate"),
                            ("max_steps", "max_steps"), ("seed", "seed"), ("eval_every", "eval_every"),
                            ("patience", "early_stopping_patience")):
        value = getattr(args, opt, None)
        if value is not None:
            setattr(train, field_name, value)
    if getattr(args, "amp", False):
        train.amp = True
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
                        pretrained=str(Path(args.pretrained).expanduser().resolve()) if args.pretrained else None,
                        max_seq_len=args.max_seq_len or max_seq_len),
        train=train,
        runner=RunnerSpec(kind=args.runner, devices=devices, nproc=args.nproc,
                          memory_limit=getattr(args, "memory_limit", None),
                          pids_limit=getattr(args, "pids_limit", None) or 0),
    )
    return job.validate()


def cli_delimiter(text: str | None) -> str | None:
    """--delimiter as typed ("tab", ";", "\\t") -> the character; a clear error for anything else."""
    from core.datasets import parse_delimiter

    try:
        return parse_delimiter(text)
    except ValueError as exc:
        raise UserError(f"--delimiter {exc}", "e.g. --delimiter ';' or --delimiter tab") from None


def parse_gpus(text: str | None) -> list[int]:
    """'0,1' -> [0, 1]; a clear error for anything else."""
    if not text:
        return []
    try:
        return [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise UserError(f"--gpus {text!r} is not a list of GPU numbers",
                        "write them with commas, e.g. --gpus 0,1 (see `paddledesk gpus`)") from None


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
                bar.note(f"eval @ step {d.get('step')} ({d.get('split', 'dev')}): {_eval_text(d)}"
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


def _eval_text(d: dict) -> str:
    parts = [f"accuracy {d.get('accuracy', 0):.4f}", f"macro-F1 {d.get('macro_f1', 0):.4f}"]
    if isinstance(d.get("loss"), (int, float)):
        parts.append(f"loss {d['loss']:.4f}")
    return "  ".join(parts)


def resolve_export(model: str | None, workspace: str | None) -> Path:
    """An export folder from a path, a run id, or (None) the newest run with an export."""
    from core.runs import Workspace

    ws = Workspace(workspace) if workspace else Workspace()
    if model:
        path = Path(model)
        if path.is_dir():
            return path / "export" if (path / "export" / "manifest.json").is_file() else path
        try:
            return ws.run(model).export_dir
        except KeyError:
            raise UserError(f"no model folder or run named {model!r}",
                            "give an export folder (runs/<id>/export) or a run id from `paddledesk runs`") from None
    for run in ws.runs():
        if run.has_export():
            return run.export_dir
    raise UserError("no exported model yet", "train one first: paddledesk demo, or paddledesk train --data …")


def find_run(workspace, run_id: str):
    try:
        return workspace.run(run_id)
    except KeyError:
        matches = [r for r in workspace.runs() if r.id.startswith(run_id)]
        if len(matches) == 1:
            return matches[0]
        raise UserError(f"no run {run_id!r} in {workspace.runs_dir}", "see `paddledesk runs` for the ids") from None


def require_display() -> None:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        raise UserError("no screen to open the window on (DISPLAY is not set)",
                        "run `paddledesk demo` for the headless demo, or set QT_QPA_PLATFORM=offscreen")


class ProgressBar:
    """A one-line progress bar with ETA on a terminal; plain lines every 10 % elsewhere."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self._last_tenth = -1
        self._open = False
        self._start = time.monotonic()

    def update(self, done: int, total: int, extra: str = "", eta: float | None = None) -> None:
        frac = done / total if total else 0.0
        if eta is None and done and total:
            eta = (time.monotonic() - self._start) / done * (total - done)
        eta_text = f"ETA {_duration(eta)}" if eta is not None else ""
        if self.tty:
            filled = int(frac * 30)
            line = f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {eta_text}  {extra}"
            self.stream.write(line[:160].ljust(100))
            self.stream.flush()
            self._open = True
        elif int(frac * 10) > self._last_tenth:
            self._last_tenth = int(frac * 10)
            print(f"{self.label} {frac:4.0%} {done}/{total} {eta_text}  {extra}", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
        print(text, file=self.stream, flush=True)

    def finish(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False


def cmd_self_test(args: argparse.Namespace) -> int:
    require_display()
    from gui.app import self_test

    return self_test(args.workspace)


def _duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


# --- argument parsing --------------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paddledesk", description="Train and try Chinese text classifiers.")
    parser.add_argument("--version", action="version", version=f"paddledesk {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="open the main window, visit every page, close; exit 0 when all is well (works offscreen)")
    parser.add_argument("--workspace", help="workspace folder (default: $PADDLEDESK_WORKSPACE or the user data dir)")
    sub = parser.add_subparsers(dest="command")

    def add_reading_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--encoding", help="the files' encoding, e.g. gb18030, big5, latin-1 (default: detected)")
        p.add_argument("--delimiter", help="the character between fields: , ; | or tab (default: detected)")

    def add_train_options(p: argparse.ArgumentParser, data_required: bool) -> None:
        p.add_argument("--data", required=data_required, help="training file: CSV, TSV or JSONL")
        p.add_argument("--dev", help="dev file (default: a stratified split of --data)")
        p.add_argument("--test", help="test file, evaluated at the end")
        p.add_argument("--text-column", default="text", help="the text column: a header name or a 0-based number")
        p.add_argument("--label-column", default="label", help="the label column: a header name or a 0-based number")
        add_reading_options(p)
        p.add_argument("--labels", help="label names in class order, comma separated (default: from data)")
        p.add_argument("--model", default="fasttext", help="a catalogue name: bow, fasttext, cnn, bilstm, "
                                                          "ernie-3.0-mini-zh, … (`paddledesk models`)")
        p.add_argument("--preset", default="balanced", choices=["quick", "balanced", "best"])
        p.add_argument("--pretrained", help="ERNIE: a local folder with pretrained weights")
        p.add_argument("--epochs", type=int)
        p.add_argument("--batch-size", type=int)
        p.add_argument("--lr", type=float)
        p.add_argument("--max-seq-len", type=int)
        p.add_argument("--max-steps", type=int)
        p.add_argument("--eval-every", type=int)
        p.add_argument("--patience", type=int, help="early stopping: evals without improvement")
        p.add_argument("--seed", type=int)
        p.add_argument("--amp", action="store_true", help="mixed precision (GPU only)")
        p.add_argument("--runner", default="local", choices=["local", "docker"])
        p.add_argument("--base-image", help="docker: the Paddle base image (default: the one `paddledesk images "
                                            "suggest` picks for the GPUs)")
        p.add_argument("--registry", help="docker: pull the base from docker-hub (default), paddle-mirror "
                                          "or host[:port][/prefix]")
        p.add_argument("--index-url", help="docker: the package index the trainer image build installs from")
        p.add_argument("--gpus", help="GPU ids, e.g. 0,1 (default: CPU)")
        p.add_argument("--nproc", type=int, default=1, help="CPU data-parallel processes")
        p.add_argument("--memory-limit", help="docker: memory the container may use, e.g. 8g "
                                               "(default: 3/4 of the Docker host's memory)")
        p.add_argument("--pids-limit", type=int, help="docker: processes and threads the container may have "
                                                      "(default: 4096)")
        p.add_argument("--name", help="a name for the run")

    add_train_options(sub.add_parser("train", help="train a model"), data_required=True)
    demo = sub.add_parser("demo", help="headless demo: train on the sample dataset and predict")
    add_train_options(demo, data_required=False)
    demo.add_argument("sentences", nargs="*", help="sentences to predict after training")
    demo.set_defaults(preset="balanced")

    pred = sub.add_parser("predict", help="predict with an exported model")
    pred.add_argument("--model", help="export folder, run folder or run id (default: newest run)")
    pred.add_argument("--file", help="a file of sentences (txt, csv, tsv, jsonl)")
    pred.add_argument("--out", help="CSV file to write (with --file)")
    pred.add_argument("--text-column", help="the text column of --file (default: guessed, e.g. text, review, 评论)")
    pred.add_argument("--label-column", help="a label column of --file, never taken as the text")
    add_reading_options(pred)
    pred.add_argument("texts", nargs="*")

    runs = sub.add_parser("runs", help="list, show, resume, stop, export again or delete runs")
    runs.add_argument("action", nargs="?", choices=["list", "show", "resume", "stop", "export", "delete"])
    runs.add_argument("run_id", nargs="?")
    runs.add_argument("--yes", action="store_true", help="delete without asking (the run goes to the trash)")

    sub.add_parser("models", help="list the model catalogue")
    sub.add_parser("gpus", help="print the GPUs of this machine")
    # its own options (--replay TRACE, --rate HZ, --screenshot PNG) are passed on to the dashboard
    sub.add_parser("monitor", help="open the GPU dashboard (--replay TRACE plays a recording)")
    sub.add_parser("gui", help="open the desktop app")
    from paddledesk import cli_engines, cli_images

    cli_images.add_commands(sub)
    cli_engines.add_commands(sub)
    return parser


def cmd_models(args: argparse.Namespace) -> int:
    from core.models import list_models

    print(f"{'name':<22} {'family':<8} {'params':>8}  description")
    for info in list_models():
        print(f"{info.name:<22} {info.family:<8} {info.params_text:>8}  {info.description}")
    return 0


COMMANDS = {"train": cmd_train, "demo": cmd_demo, "predict": cmd_predict, "runs": cmd_runs,
            "models": cmd_models, "gpus": cmd_gpus, "monitor": cmd_monitor, "gui": cmd_gui,
            "images": lambda args: _images_cli().cmd_images(args),
            "doctor": lambda args: _images_cli().cmd_doctor(args),
            "engines": lambda args: __import__("paddledesk.cli_engines").cli_engines.cmd_engines(args)}


def _images_cli():
    from paddledesk import cli_images

    return cli_images


def main(argv: list[str] | None = None) -> int:
    from paddledesk.frozen import dispatch

    code = dispatch(list(sys.argv[1:] if argv is None else argv))  # --run-trainer; `-m`/scripts in the bundle
    if code is not None:
        return code
    parser = make_parser()
    args, rest = parser.parse_known_args(argv)
    args.monitor_args = rest
    if rest and args.command != "monitor":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    command = COMMANDS.get(args.command or "gui")
    if args.self_test:
        command = cmd_self_test
    try:
        check_base_image(getattr(args, "base_image", None))
        return command(args)
    except BrokenPipeError:  # `paddledesk runs | head -1`: the reader has all it wanted
        return quiet_broken_pipe()
    except Exception as exc:  # the one place that turns errors into messages
        message, hint = describe_error(exc)
        if message is None:
            log = _write_crash_log()
            print(f"internal error: {exc}\nThe details are in {log}; please report them.", file=sys.stderr)
            return 1
        print(f"error: {message}", file=sys.stderr)
        if hint:
            print(f"hint: {hint}", file=sys.stderr)
        return EXIT_USER_ERROR


def check_base_image(ref: str | None) -> None:
    """A malformed --base-image is the user's to fix, before any engine sees it."""
    if ref is None:
        return
    from core.docker.registries import check_image_ref

    problem = check_image_ref(ref)
    if problem:
        raise UserError(f"--base-image {ref!r}: {problem}",
                        "image names are lowercase, e.g. --base-image paddlepaddle/paddle:2.6.2")


def quiet_broken_pipe() -> int:
    """Exit like a Unix tool whose reader went away: no message, no error at interpreter exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the final flush of stdout must not fail again
    except (OSError, ValueError):
        pass
    return 128 + 13  # SIGPIPE, what a shell reports for a killed writer


def describe_error(exc: BaseException) -> tuple[str | None, str]:
    """(message, hint) for errors a user can cause; (None, '') for bugs."""
    from core.jobs import JobError

    if isinstance(exc, UserError):
        return str(exc), exc.hint
    if isinstance(exc, JobError):
        return "the job is not valid:\n  " + "\n  ".join(exc.problems), "fix the options above"
    hint = getattr(exc, "hint", None)
    if hint is not None:  # our error types (DatasetError, RunnerError, PredictorError, ...) carry a hint
        text = str(exc)
        for suffix in (f" — {hint}", f". {hint}", f"\nHint: {hint}"):
            if hint and text.endswith(suffix):
                text = text[: -len(suffix)]
                break
        return text, getattr(exc, "cli_hint", hint)  # DatasetError: the hint names this interface's options
    if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return str(exc), "check the path and its permissions"
    if "invalid reference format" in str(exc):  # an image name the engine refused
        return (f"Docker refused an image name: {getattr(exc, 'explanation', None) or exc}",
                "image names are lowercase, e.g. paddlepaddle/paddle:2.6.2")
    return None, ""


def _write_crash_log() -> Path:
    from core.runs import Workspace

    path = Workspace().root / "logs" / "cli-crash.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {time.ctime()}\n{traceback.format_exc()}\n")
    except OSError:
        path = Path("-")
    return path


if __name__ == "__main__":
    sys.exit(main())
