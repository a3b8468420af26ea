"""What can be wrong with a dataset: one rejected row (Problem) or a whole file (DatasetError)."""

from __future__ import annotations

from dataclasses import dataclass


def _render(file: str, line: int | None, message: str, hint: str) -> str:
    where = f"{file}:{line}" if line else file
    return f"{where}: {message} — {hint}" if hint else f"{where}: {message}"


@dataclass(frozen=True)
class Problem:
    """One rejected row: ``file:line: message — hint`` (line is the 1-based physical line)."""

    file: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return _render(self.file, self.line, self.message, self.hint)


class DatasetError(ValueError):
    """A whole-file problem (empty, binary, wrong encoding, missing column, one class, ...)."""

    def __init__(self, file: str, message: str, hint: str = "", line: int | None = None):
        self.file = str(file)
        self.message = message
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    @property
    def problem(self) -> Problem:
        """The same error as a Problem, for lists shown to the user."""
        return Problem(self.file, self.line, self.message, self.hint)

    def __str__(self) -> str:
        return _render(self.file, self.line, self.message, self.hint)
