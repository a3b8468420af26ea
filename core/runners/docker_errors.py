"""The named errors of a Docker run: how a container ended, an engine that stopped answering."""

from __future__ import annotations

from typing import Any

from core.events import RunHistory
from core.messages import say
from core.runners.base import RunnerError, tail_lines
from core.runners.container_limits import memory_text
from core.runs import Run

EXIT_INTERRUPTED = 3  # the trainer's code for "stopped by SIGTERM after a checkpoint"


def exit_error(run: Run, kind: str = "docker") -> RunnerError | None:
    """The named error for how the container of ``run`` ended (None for success or a requested stop)."""
    info = run.runner_info()
    if info.get("kind") != kind or info.get("state") != "exited":
        return None
    code = info.get("exit_code")
    tail = "\n".join(tail_lines(run.log_file, 15))
    if info.get("oom_killed"):
        limit = info.get("memory_limit")
        if limit:  # our own limit: the user can raise it
            return RunnerError(
                say("docker.oom-limit", "The training container was killed because it used all the memory it may "
                    "use ({limit}; OOMKilled).", limit=memory_text(limit)),
                say("docker.hint-oom-limit", "Use a smaller batch size or maximum length or fewer processes, or "
                    "raise the limit (train --memory-limit); Resume continues from the last checkpoint."),
                kind="oom-killed")
        return RunnerError(
            say("docker.oom", "The training container was killed because the computer ran out of memory (OOMKilled)."),
            say("docker.hint-oom", "Use a smaller batch size or maximum length, fewer processes, or give Docker "
                "more memory; Resume continues from the last checkpoint."), kind="oom-killed")
    history = RunHistory.from_file(run.events_file)
    # paddle.distributed.launch exits with the signal number after a stop: trust the events
    if code in (0, EXIT_INTERRUPTED) or history.done is not None or (
            history.error or {}).get("kind") == "interrupted":
        return None
    said = (history.error or {}).get("message", "")
    message = (say("docker.exit-said", "The trainer exited with code {code}: {said}", code=code, said=said) if said
               else say("docker.exit", "The trainer exited with code {code}.", code=code))
    return exit_code_error(message, (history.error or {}).get("hint") or
                           say("docker.hint-exit", "Read the last lines of the log; Resume continues from the last "
                               "checkpoint."), tail)


def engine_gone(exc: BaseException) -> bool:
    """An engine that stopped after we connected: a connection error, not an API answer."""
    import requests

    return isinstance(exc, requests.exceptions.ConnectionError)


def engine_unreachable(exc: BaseException) -> RunnerError:
    return RunnerError(say("docker.engine-gone", "The Docker engine stopped answering: {error}", error=str(exc)),
                       say("docker.hint-engine-gone", "Start Docker again; the run folder keeps the training state, "
                           "and Resume continues it."), kind="engine-not-running")


def exit_code_error(message: str, hint: str, tail: str) -> RunnerError:
    """An exit-code RunnerError whose message ends with the last log lines."""
    text = say("docker.exit-with-log", "{message}\nLast lines of train.log:\n{log}", message=message,
               log=tail) if tail else message
    return RunnerError(text, hint, kind="exit-code")


def explain(exc: Any) -> str:
    return str(getattr(exc, "explanation", None) or exc)
