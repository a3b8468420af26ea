"""The Runner interface shared by the local and Docker runners.

A runner only starts, stops and finds the trainer. Progress never flows through the runner:
the trainer writes into its run folder and ``core.runs.RunFollower`` tails it, the same for
every runner, which is what makes reattaching after an app restart work.
"""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import UserFacingError
from core.events import RunHistory, read_events
from core.runs import Run, Workspace
from core.trainer.events import append_event, error_event


class RunnerError(UserFacingError, RuntimeError):
    """A failure a user can act on: ``kind`` names it, ``hint`` says what to do."""

    def __init__(self, message: str, hint: str = "", kind: str = "runner"):
        super().__init__(message, hint, kind=kind)

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base}\nHint: {self.hint}" if self.hint else base


class Runner(ABC):
    """Starts the trainer for a prepared run folder (job.json and data/ written)."""

    kind: str = ""

    @abstractmethod
    def start(self, run: Run, resume: bool = False, export_only: bool = False) -> None:
        """Start the trainer for ``run`` and return at once; record how in runner.json.

        ``resume``: continue from the last checkpoint; ``export_only``: no training, write
        ``<run>/export`` again from the best checkpoint (one process, on the CPU).
        """

    @abstractmethod
    def stop(self, run: Run, timeout: float = 15.0) -> None:
        """Ask the trainer to checkpoint and exit (SIGTERM); kill it after ``timeout`` seconds."""

    @abstractmethod
    def is_running(self, run: Run) -> bool:
        """Whether the trainer of ``run`` is still alive."""

    @abstractmethod
    def wait(self, run: Run, timeout: float | None = None) -> int | None:
        """Wait for the trainer to end; its exit code, or None on timeout."""

    @abstractmethod
    def find_running(self, workspace: Workspace) -> list[Run]:
        """Runs of this runner still going (after an app restart), to reattach to."""


_OUTCOME_LOCK = threading.Lock()  # a reaper thread and a listing may record an end at once


@contextmanager
def run_end_lock(run: Run) -> Iterator[None]:
    """Held while a run's end is recorded, across threads and processes (the CLI and the app may
    both notice a dead trainer): whoever gets it second sees runner.json already "exited"."""
    try:
        import fcntl
    except ImportError:  # Windows: the thread lock alone
        fcntl = None
    with _OUTCOME_LOCK:
        if fcntl is None:
            yield
            return
        fd = os.open(run.path, os.O_RDONLY)  # the folder itself: no lock file among the run's files
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def record_missing_outcome(run: Run, code: int | None, killed: bool = False, oom: bool = False,
                           memory_limit: str = "", gone: str = "") -> None:
    """Append an `error` event when the trainer ended without reporting its outcome (crash, kill,
    OOM, or ``gone``: its process or container vanished while nobody watched)."""
    events = read_events(run.events_file)
    if events and events[-1].get("export_only"):
        return  # an "export again" process reported its own result
    history = RunHistory.from_events(events)
    if history.done is not None or history.error is not None:
        return
    hint = "see the log; Resume continues from the last checkpoint"
    if oom:
        kind = "oom"
        limit = f" (the container may use {memory_limit})" if memory_limit else ""
        message = f"the trainer was killed because it ran out of memory{limit}"
        hint = ("use a smaller batch size or maximum length, or allow more memory (train --memory-limit)"
                if memory_limit else "use a smaller batch size or maximum length, or give Docker more memory")
    elif gone:
        kind, message = "interrupted", gone
    elif killed:
        kind, message = "interrupted", "the trainer was killed"
    elif code == 0:
        kind, message = "internal", "the trainer ended without reporting a result"
    else:
        kind, message = "internal", f"the trainer exited with code {code} without reporting a result"
    append_event(run.events_file, error_event(history.last_seq + 1, kind, message, hint,
                                              log_tail=tail_lines(run.log_file, 20)))


def tail_lines(path: Path, count: int) -> list[str]:
    """The last ``count`` lines of a text file (reads at most 64 KiB)."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 65536))
            data = fh.read()
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()[-count:]
