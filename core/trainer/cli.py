"""Command line of the trainer: arguments, error handling and exit codes.

User errors (bad job, bad data, out of memory) become one ``error`` event with a hint and an
exit code; only internal errors print a traceback, and only to stderr (the run's log).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import dist
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, OOM_HINT, OutOfMemory, TrainerError, is_cuda_error, is_oom
from .events import EventWriter


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The trainer's command-line arguments."""
    p = argparse.ArgumentParser(prog="python -m trainer", description="PaddleDesk trainer")
    p.add_argument("--job", required=True, help="path of the run's job.json")
    p.add_argument("--run-dir", help="run folder (default: the job file's folder)")
    p.add_argument("--data-dir", help="prepared data folder (default: <run-dir>/data)")
    p.add_argument("--resume", action="store_true", help="continue from checkpoints/last")
    p.add_argument("--export-only", action="store_true",
                   help="write <run-dir>/export again from the best checkpoint, without training")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the trainer; returns the exit code (0 done, 1 internal, 2 data, 3 interrupted, 4 OOM)."""
    args = parse_args(argv)
    job_path = Path(args.job).resolve()
    run_dir = Path(args.run_dir).resolve() if args.run_dir else job_path.parent
    data_dir = Path(args.data_dir).resolve() if args.data_dir else run_dir / "data"
    world = dist.detect()
    writer = EventWriter(run_dir / "events.jsonl", enabled=world.is_main)
    # an export-only process's failure is about the export, not the run's own outcome
    extra = {"export_only": True} if args.export_only else {}
    try:
        return _run(job_path, run_dir, data_dir, args.resume, world, writer, args.export_only)
    except TrainerError as exc:
        return _report(writer, exc.kind, exc.message, exc.hint, exc.exit_code, **extra)
    except KeyboardInterrupt:
        return _report(writer, "interrupted", "training stopped by Ctrl+C (no checkpoint written)",
                       "resume the run to continue from the last checkpoint", EXIT_INTERRUPTED, **extra)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: always report an outcome
        if is_oom(exc):
            err = OutOfMemory("the device ran out of memory", OOM_HINT)
            traceback.print_exc(file=sys.stderr)
            return _report(writer, err.kind, err.message, err.hint, err.exit_code, **extra)
        traceback.print_exc(file=sys.stderr)
        if is_cuda_error(exc):
            return _report(writer, "cuda", f"CUDA error: {_first_line(exc)}",
                           "check the NVIDIA driver and that the GPU is not used by another program",
                           EXIT_INTERNAL, **extra)
        return _report(writer, "internal", f"{type(exc).__name__}: {_first_line(exc)}",
                       "this is a bug in the trainer; the run's log has the details", EXIT_INTERNAL, **extra)
    finally:
        writer.close()


def _run(job_path: Path, run_dir: Path, data_dir: Path, resume: bool, world: dist.World,
         writer: EventWriter, export_only: bool = False) -> int:
    from .config import load_job, parse_config
    from .errors import DataError

    cfg = parse_config(load_job(job_path), where=str(job_path))
    from .text import TokenizerError

    try:
        if export_only:
            from .reexport import export_only as run_export

            return run_export(cfg, run_dir, data_dir, writer)
        from .loop import run_trainer

        return run_trainer(cfg, run_dir, data_dir, resume, world, writer)
    except TokenizerError as exc:
        raise DataError(str(exc), "check the pretrained model folder or export") from None


def _report(writer: EventWriter, kind: str, message: str, hint: str, code: int, **extra) -> int:
    writer.emit("error", kind=kind, message=message, hint=hint, **extra)
    print(f"error: {message}" + (f"\nhint: {hint}" if hint else ""), file=sys.stderr, flush=True)
    return code


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:500] if text else type(exc).__name__
