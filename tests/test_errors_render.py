"""One error base (core.errors): the CLI and the app render its fields, never a parse of str(exc)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core.datasets import DatasetError
from core.errors import UserFacingError
from core.gpu.replay import TraceError
from core.gpu.source import NoGpuError
from core.jobs import JobError
from core.models import ModelError
from core.predict import PredictorError
from core.runners.base import RunnerError
from core.trash import TrashError
from paddledesk.cli_errors import UserError, describe_error


@pytest.mark.parametrize("exc, builtin", [
    (DatasetError("a.csv", "bad row", "fix it", line=3), ValueError), (JobError(["x"]), ValueError),
    (RunnerError("gone", "retry"), RuntimeError), (PredictorError("no export", "train one"), Exception),
    (ModelError("unknown model"), ValueError), (NoGpuError("no NVML", "install a driver"), RuntimeError),
    (TraceError("t.json: entry 3 has no gpus"), ValueError), (TrashError("busy", "stop it"), RuntimeError),
    (UserError("bad --gpus", "e.g. --gpus 0,1"), Exception),
])
def test_every_user_facing_error_shares_the_base_and_keeps_its_old_kind(exc, builtin):
    assert isinstance(exc, UserFacingError) and isinstance(exc, builtin)
    assert exc.message and exc.kind


def test_the_cli_shows_message_place_and_hint_once():
    assert describe_error(DatasetError("a.csv", "bad row", "fix it", line=3)) == ("a.csv:3: bad row", "fix it")
    assert describe_error(RunnerError("the trainer ran out of memory", "use a smaller batch", "oom")) == \
        ("the trainer ran out of memory", "use a smaller batch")
    assert describe_error(PredictorError("no export in x", "train one")) == ("no export in x", "train one")
    assert describe_error(NoGpuError("no NVML", "install a driver")) == ("no NVML", "install a driver")
    message, hint = describe_error(JobError(["train.epochs: must be at least 1", "model.max_seq_len: 4 ..."]))
    assert message.splitlines()[1:] == ["  train.epochs: must be at least 1", "  model.max_seq_len: 4 ..."]
    assert hint == "fix the options above"
    assert describe_error(KeyError("bug")) == (None, "")  # a bug is not dressed up as the user's fault


def test_a_message_that_ends_like_its_hint_is_shown_whole(qapp):
    from gui.workers import user_message

    exc = TrashError("run 7 is still training; stop it first", "stop it first")
    assert describe_error(exc) == ("run 7 is still training; stop it first", "stop it first")
    assert user_message(exc) == ("run 7 is still training; stop it first", "stop it first")
    assert user_message(DatasetError("a.csv", "bad row", "fix it", line=3)) == ("a.csv:3: bad row", "fix it")
    assert user_message(RunnerError("gone", "retry")) == ("gone", "retry")  # no "Hint:" left in the message


def test_a_cli_error_prints_one_message_and_a_hint_and_exits_2(tmp_path):
    out = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(tmp_path), "runs", "show", "nope"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.splitlines() == [f"error: no run 'nope' in {tmp_path / 'runs'}",
                                       "hint: see `paddledesk runs` for the ids"]
