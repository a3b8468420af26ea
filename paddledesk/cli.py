"""`paddledesk`: the app with no arguments, and the same core from the command line.

    paddledesk                      open the desktop app (or say how to run headless)
    paddledesk demo                 train on the sample dataset, export, predict a few sentences
    paddledesk train --data F ...   train a model and follow it with a progress bar
    paddledesk predict --model DIR "句子" ... | --file in.tsv --out out.csv
    paddledesk runs [list | show ID | resume ID | stop ID | export ID | delete ID [--yes]]
    paddledesk gpus | monitor       the GPU table / the GPU dashboard

This module parses the arguments and dispatches; the commands live in ``cli_train``, ``cli_predict``,
``cli_runs``, ``cli_images``, ``cli_engines``, errors are shown by ``cli_errors``. Errors a user can
cause print one message with a hint and exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from paddledesk import __version__
from paddledesk.cli_errors import EXIT_USER_ERROR, UserError, describe_error, quiet_broken_pipe, report
from paddledesk.cli_predict import cmd_predict
from paddledesk.cli_runs import cmd_runs
from paddledesk.cli_train import build_job, cmd_demo, cmd_train, follow
from paddledesk.progress import ProgressBar

# names other modules and tests import from here
__all__ = ["EXIT_USER_ERROR", "ProgressBar", "UserError", "build_job", "describe_error", "follow", "main",
           "make_parser"]


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


def require_display() -> None:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        raise UserError("no screen to open the window on (DISPLAY is not set)",
                        "run `paddledesk demo` for the headless demo, or set QT_QPA_PLATFORM=offscreen")


def cmd_self_test(args: argparse.Namespace) -> int:
    require_display()
    from gui.app import self_test

    return self_test(args.workspace)


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
        from core.models import DEFAULT_MODEL

        p.add_argument("--model", default=DEFAULT_MODEL, help=f"a catalogue name (default {DEFAULT_MODEL}): "
                                                             "ngrams, fasttext, bow, cnn, bilstm, ernie-3.0-mini-zh, "
                                                             "… (`paddledesk models`)")
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

    from paddledesk.cli_models import add_models_command
    from paddledesk.cli_tune import add_tune_options

    train = sub.add_parser("train", help="train a model")
    add_train_options(train, data_required=True)
    add_tune_options(train)
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

    add_models_command(sub)
    sub.add_parser("gpus", help="print the GPUs of this machine")
    # its own options (--replay TRACE, --rate HZ, --screenshot PNG) are passed on to the dashboard
    sub.add_parser("monitor", help="open the GPU dashboard (--replay TRACE plays a recording)")
    sub.add_parser("gui", help="open the desktop app")
    from paddledesk import cli_engines, cli_images

    cli_images.add_commands(sub)
    cli_engines.add_commands(sub)
    return parser


def cmd_models(args: argparse.Namespace) -> int:
    from paddledesk.cli_models import cmd_models as models_command

    return models_command(args)


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
        return report(exc)


def check_base_image(ref: str | None) -> None:
    """A malformed --base-image is the user's to fix, before any engine sees it."""
    if ref is None:
        return
    from core.docker.registries import check_image_ref

    problem = check_image_ref(ref)
    if problem:
        raise UserError(f"--base-image {ref!r}: {problem}",
                        "image names are lowercase, e.g. --base-image paddlepaddle/paddle:2.6.2")


if __name__ == "__main__":
    sys.exit(main())
