"""The calls a frozen bundle gets where a pip install would get ``python ...``.

In the PyInstaller bundle there is no Python interpreter: ``sys.executable`` is the ``paddledesk``
program itself. The local runner starts the trainer with that program, so it must understand:

    paddledesk --run-trainer --job job.json ...      the trainer (also works outside the bundle)
    paddledesk -m MODULE args...                     (bundle only) e.g. ``-m trainer``,
                                                     ``-m paddle.distributed.launch`` for data parallel
    paddledesk [-u] SCRIPT.py args...                (bundle only) what paddle.distributed.launch
                                                     starts once per rank
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

CORE_DIR = Path(__file__).resolve().parents[1] / "core"  # holds the `trainer` package


def dispatch(argv: list[str]) -> int | None:
    """Run an interpreter-like call and return its exit code; None when ``argv`` is a normal CLI call."""
    if argv[:1] == ["--run-trainer"]:
        return _run_module("trainer", argv[1:])
    if not getattr(sys, "frozen", False):
        return None
    if argv[:1] == ["-u"]:  # unbuffered: the runner sets PYTHONUNBUFFERED anyway
        argv = argv[1:]
    if argv[:1] == ["-m"] and len(argv) > 1:
        return _run_module(argv[1], argv[2:])
    if argv and argv[0].endswith(".py") and os.path.isfile(argv[0]):
        return _run(lambda: runpy.run_path(argv[0], run_name="__main__"), [argv[0], *argv[1:]])
    return None


def _run_module(name: str, args: list[str]) -> int:
    return _run(lambda: runpy.run_module(name, run_name="__main__", alter_sys=True), [name, *args])


def _run(call, argv: list[str]) -> int:
    # the bundle's bootloader ignores PYTHONPATH; the runner uses it to point at the trainer
    extra = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    for path in reversed([*extra, str(CORE_DIR)]):
        if path not in sys.path:
            sys.path.insert(0, path)
    sys.argv = argv
    try:
        call()
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0
