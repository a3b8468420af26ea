"""The Runner interface shared by the local and Docker runners.

A runner only starts, stops and finds the trainer. Progress never flows through the runner:
the trainer writes into its run folder and ``core.runs.RunFollower`` tails it, the same for
every runner, which is what makes reattaching after an app restart work.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from core.runs import Run, Workspace


class RunnerError(RuntimeError):
    """A failure a user can act on: ``kind`` names it, ``hint`` says what to do."""

    def __init__(self, message: str, hint: str = "", kind: str = "runner"):
        self.hint = hint
        self.kind = kind
        super().__init__(message)

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
