"""How the command line shows an error: one message and a hint for what the user can fix
(exit 2), a crash log and a request to report it for anything else (exit 1)."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from core.errors import UserFacingError, located

EXIT_USER_ERROR = 2


class UserError(UserFacingError):
    """A problem with what was typed on the command line; printed as one message and a hint."""

    kind = "usage"


def describe_error(exc: BaseException) -> tuple[str | None, str]:
    """(message, hint) for errors a user can cause; (None, '') for bugs. Reads the error's fields."""
    if isinstance(exc, UserFacingError):
        if exc.problems:  # a job with several wrong fields: each on its own line
            return "the job is not valid:\n  " + "\n  ".join(exc.problems), exc.cli_hint or "fix the options above"
        return located(exc.where, str(exc.message)), str(exc.cli_hint or "")
    if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return str(exc), "check the path and its permissions"
    if "invalid reference format" in str(exc):  # an image name the engine refused
        return (f"Docker refused an image name: {getattr(exc, 'explanation', None) or exc}",
                "image names are lowercase, e.g. paddlepaddle/paddle:2.6.2")
    return None, ""


def report(exc: BaseException) -> int:
    """Print ``exc`` for the user on stderr; the exit code."""
    message, hint = describe_error(exc)
    if message is None:
        log = write_crash_log()
        print(f"internal error: {exc}\nThe details are in {log}; please report them.", file=sys.stderr)
        return 1
    print(f"error: {message}", file=sys.stderr)
    if hint:
        print(f"hint: {hint}", file=sys.stderr)
    return EXIT_USER_ERROR


def quiet_broken_pipe() -> int:
    """Exit like a Unix tool whose reader went away: no message, no error at interpreter exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the final flush of stdout must not fail again
    except (OSError, ValueError):
        pass
    return 128 + 13  # SIGPIPE, what a shell reports for a killed writer


def write_crash_log() -> Path:
    from core.runs import Workspace

    path = Workspace().root / "logs" / "cli-crash.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {time.ctime()}\n{traceback.format_exc()}\n")
    except OSError:
        path = Path("-")
    return path
