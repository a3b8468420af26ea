"""The one base of every error a user can act on: what went wrong, what to do, where, and which kind.

Each error type of core (DatasetError, JobError, RunnerError, PredictorError, ModelError, NoGpuError,
TraceError, ...) and the CLI's UserError subclass :class:`UserFacingError` and keep their own names
and attributes. The CLI (``paddledesk.cli_errors.describe_error``) and the app
(``gui.workers.user_message``) render these fields; neither parses ``str(exc)``, whose form each class
keeps for logs. ``message`` and ``hint`` are ``core.messages.Message`` objects where the raiser wrote
them with ``say()``, so the app can show them in its language.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A failure the user can fix: ``message`` (what), ``hint`` (what to do), ``file``/``line`` (where,
    when a file is to blame), ``kind`` (a short name for it), ``problems`` (several findings at once)."""

    kind: str = "error"
    file: str | None = None
    line: int | None = None
    problems: list[str] = []  # noqa: RUF012 - read-only default; subclasses that list findings set their own

    def __init__(self, message: str = "", hint: str = "", *, file: str | None = None, line: int | None = None,
                 kind: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint
        if file is not None:
            self.file = str(file)
        if line is not None:
            self.line = line
        if kind is not None:
            self.kind = kind

    @property
    def where(self) -> str:
        """``file:line``, ``file`` or '' (the place to look)."""
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def cli_hint(self) -> str:
        """The hint in the words of the command line (a subclass names options instead of buttons)."""
        return self.hint


def located(where: str, message: str) -> str:
    """``where: message`` (just ``message`` without a place)."""
    return f"{where}: {message}" if where else message
