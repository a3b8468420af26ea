"""What can be wrong with a dataset: one rejected row (Problem) or a whole file (DatasetError).

A DatasetError may name the setting that fixes it (``fix``): the command line renders that as its
option (``--encoding gb18030``), the app as its control (the Text column box), so a hint never
names a control of the other interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import UserFacingError
from core.messages import say

# How each interface names the settings a hint may point to; a missing entry: no such control.
CLI_OPTIONS = {"encoding": "--encoding", "delimiter": "--delimiter", "text_column": "--text-column",
               "label_column": "--label-column"}
APP_CONTROLS = {"text_column": say("control.text-column", "the Text column box"),
                "label_column": say("control.label-column", "the Label column box")}

# row problems more than one reader reports
EMPTY_TEXT = say("data.row-empty-text", "empty text")
EMPTY_TEXT_HINT = say("data.hint-fill-text", "fill in the text or delete the line")
ROLES = {"text": say("data.role-text", "text"), "label": say("data.role-label", "label")}


def too_long(chars: int):
    """"the text is too long (N characters)"."""
    return say("data.row-too-long", "the text is too long ({chars:,} characters)", chars=chars)


def field_count(got: int, want: int):
    """"N fields, expected M" (singular for one)."""
    if got == 1:
        return say("data.row-one-field", "1 field, expected {want}", want=want)
    return say("data.row-fields", "{got} fields, expected {want}", got=got, want=want)


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
            if not flag:
                return ""
            if not self.example:
                return say("fix.cli-option", "{words} with {option}", words=self.words, option=flag)
            return say("fix.cli-option-example", "{words} with {option} {example}", words=self.words,
                       option=flag, example=self.example)
        control = APP_CONTROLS.get(self.setting)
        return say("fix.app-control", "{words} in {control}", words=self.words, control=control) if control else ""


def render_hint(hint: str, fix: Fix | None, interface: str) -> str:
    """``hint`` followed by the fix's clause in the words of ``interface``."""
    clause = fix.render(interface) if fix else ""
    if not clause:
        return hint
    return say("hint.and-fix", "{hint}; {clause}", hint=hint, clause=clause) if hint else clause


class DatasetError(UserFacingError, ValueError):
    """A whole-file problem (empty, binary, wrong encoding, missing column, one class, ...).

    ``hint`` is worded for the app (str() too); ``cli_hint`` names command-line options instead.
    """

    kind = "data"

    def __init__(self, file: str, message: str, hint: str = "", line: int | None = None,
                 fix: Fix | None = None):
        self.file = str(file)
        self.message = message
        self.base_hint = hint
        self.fix = fix
        self.line = line
        ValueError.__init__(self, str(self))  # its own fields are set: the base's would clash with hint

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
