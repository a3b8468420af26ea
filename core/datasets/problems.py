"""What can be wrong with a dataset: one rejected row (Problem) or a whole file (DatasetError).

A DatasetError may name the setting that fixes it (``fix``): the command line renders that as its
option (``--encoding gb18030``), the app as its control (the Text column box), so a hint never
names a control of the other interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How each interface names the settings a hint may point to; a missing entry: no such control.
CLI_OPTIONS = {"encoding": "--encoding", "delimiter": "--delimiter", "text_column": "--text-column",
               "label_column": "--label-column"}
APP_CONTROLS = {"text_column": "the Text column box", "label_column": "the Label column box"}


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
    # the start of the rejected line as written, for outputs that list every row (predictions)
    excerpt: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return _render(self.file, self.line, self.message, self.hint)


@dataclass(frozen=True)
class Fix:
    """A setting that fixes an error: ``words`` (e.g. "or name its encoding") + the setting + ``example``."""

    setting: str  # encoding | delimiter | text_column | label_column
    words: str
    example: str = ""

    def render(self, interface: str) -> str:
        """The clause for ``interface`` ("cli" or "app"); "" when that interface has no such control."""
        if interface == "cli":
            flag = CLI_OPTIONS.get(self.setting)
            return f"{self.words} with {flag} {self.example}".rstrip() if flag else ""
        control = APP_CONTROLS.get(self.setting)
        return f"{self.words} in {control}" if control else ""


def render_hint(hint: str, fix: Fix | None, interface: str) -> str:
    """``hint`` followed by the fix's clause in the words of ``interface``."""
    clause = fix.render(interface) if fix else ""
    if not clause:
        return hint
    return f"{hint}; {clause}" if hint else clause


class DatasetError(ValueError):
    """A whole-file problem (empty, binary, wrong encoding, missing column, one class, ...).

    ``hint`` is worded for the app (str() too); ``cli_hint`` names command-line options instead.
    """

    def __init__(self, file: str, message: str, hint: str = "", line: int | None = None,
                 fix: Fix | None = None):
        self.file = str(file)
        self.message = message
        self.base_hint = hint
        self.fix = fix
        self.line = line
        super().__init__(str(self))

    @property
    def hint(self) -> str:
        return render_hint(self.base_hint, self.fix, "app")

    @property
    def cli_hint(self) -> str:
        return render_hint(self.base_hint, self.fix, "cli")

    @property
    def problem(self) -> Problem:
        """The same error as a Problem, for lists shown to the user."""
        return Problem(self.file, self.line, self.message, self.hint)

    def __str__(self) -> str:
        return _render(self.file, self.line, self.message, self.hint)
