"""Errors the trainer reports as an ``error`` event with a hint, and the exit code for each."""

from __future__ import annotations

EXIT_OK, EXIT_INTERNAL, EXIT_DATA, EXIT_INTERRUPTED, EXIT_OOM = 0, 1, 2, 3, 4


class TrainerError(Exception):
    """A failure with a user-readable message and hint; never shown as a traceback."""

    kind = "internal"
    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(TrainerError):
    """The job file or the prepared data cannot be used (the user can fix it)."""

    kind = "data"
    exit_code = EXIT_DATA


class OutOfMemory(TrainerError):
    """The device ran out of memory."""

    kind = "oom"
    exit_code = EXIT_OOM


OOM_HINT = "use a smaller batch size or a shorter max sequence length, or a smaller model"


def is_oom(exc: BaseException) -> bool:
    """True for Paddle's out-of-memory errors (their class differs between versions)."""
    if isinstance(exc, MemoryError):
        return True
    text = f"{type(exc).__name__} {exc}".lower()
    return "out of memory" in text or "resourceexhausted" in text


def is_cuda_error(exc: BaseException) -> bool:
    """True for errors raised by the CUDA driver or runtime (bad device, driver mismatch...)."""
    text = str(exc)
    return "CUDA error" in text or "cudaError" in text or "ExternalError" in type(exc).__name__
