"""core.trash: a deleted run goes to <workspace>/trash/<id>-<time>/ and can come back; old trash is
emptied; a running run is refused. `paddledesk runs delete` asks first and uses the trash too."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from core.trash import KEEP_DAYS, TrashError, empty_trash, folder_size, move_to_trash, restore, trashed_runs
from tests.helpers import REPO
from tests.helpers.runs import fake_run, stopped_then_resumed


def a_run(workspace, run_id="2026-01-01-000001", alive=False):
    run = fake_run(workspace, run_id, stopped_then_resumed(1000.0), alive=alive)
    (run.checkpoints_dir / "best").mkdir(parents=True)
    (run.checkpoints_dir / "best" / "model.pdparams").write_bytes(b"\0" * 50_000)
    return run


def test_a_deleted_run_moves_to_the_trash_with_its_files_and_comes_back(workspace):
    run = a_run(workspace)
    size = folder_size(run.path)
    assert size > 50_000
    trashed = move_to_trash(workspace, run, now=time.mktime((2026, 3, 4, 5, 6, 7, 0, 0, -1)))
    assert not run.path.exists() and workspace.runs() == []
    assert trashed.folder == workspace.root / "trash" / f"{run.id}-20260304-050607"
    assert (trashed.folder / "checkpoints" / "best" / "model.pdparams").stat().st_size == 50_000
    assert [t.run_id for t in trashed_runs(workspace)] == [run.id]

    back = restore(workspace, trashed)
    assert back.path == run.path and [r.id for r in workspace.runs()] == [run.id]
    assert folder_size(back.path) == size  # the trash's marker does not come back with it
    assert trashed_runs(workspace) == []


def test_two_runs_of_one_id_deleted_in_one_second_keep_both_copies_apart(workspace):
    first = move_to_trash(workspace, a_run(workspace), now=5000.0)
    second = move_to_trash(workspace, a_run(workspace), now=5000.0)
    assert first.folder != second.folder and first.folder.is_dir() and second.folder.is_dir()


def test_restore_refuses_to_overwrite_a_run_that_came_back_another_way(workspace):
    run = a_run(workspace)
    trashed = move_to_trash(workspace, run)
    a_run(workspace)  # same id again
    with pytest.raises(TrashError) as err:
        restore(workspace, trashed)
    assert run.id in str(err.value) and str(trashed.folder) in err.value.hint
    assert trashed.folder.is_dir()


def test_a_running_run_cannot_go_to_the_trash(workspace):
    run = a_run(workspace, alive=True)
    with pytest.raises(TrashError) as err:
        move_to_trash(workspace, run)
    assert "running" in str(err.value) and "stop" in err.value.hint
    assert run.path.is_dir()


def test_trash_older_than_the_limit_is_emptied_and_newer_is_kept(workspace):
    now = time.time()
    old = move_to_trash(workspace, a_run(workspace, "2026-01-01-000001"), now=now - (KEEP_DAYS + 1) * 86400)
    new = move_to_trash(workspace, a_run(workspace, "2026-01-01-000002"), now=now - 86400)
    gone = empty_trash(workspace, now=now)
    assert [t.run_id for t in gone] == [old.run_id]
    assert not old.folder.exists() and new.folder.is_dir()


def cli(workspace, *args, stdin=""):
    return subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), *args],
                          input=stdin, capture_output=True, text=True, timeout=120, cwd=REPO)


def test_cli_runs_delete_asks_on_a_terminal_and_moves_to_the_trash(workspace):
    run = a_run(workspace)
    # a terminal answering "n": nothing goes (the prompt names the run and its size)
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root),
                             "runs", "delete", run.id], stdin=follower, stdout=follower, stderr=follower,
                            cwd=REPO)
    os.close(follower)
    seen = b""
    while b"[y/N]" not in seen:
        chunk = os.read(leader, 1024)
        assert chunk, seen
        seen += chunk
    os.write(leader, b"n\n")
    assert proc.wait(60) == 1
    os.close(leader)
    assert run.id in seen.decode() and "KiB" in seen.decode()  # sizes in binary units, like the GPU figures
    assert run.path.is_dir()

    # no terminal and no --yes: refused with the fix, nothing deleted
    out = cli(workspace, "runs", "delete", run.id)
    assert out.returncode == 2 and "--yes" in out.stderr and run.path.is_dir()

    out = cli(workspace, "runs", "delete", run.id, "--yes")
    assert out.returncode == 0, out.stderr
    assert not run.path.exists() and "trash" in out.stdout
    assert [t.run_id for t in trashed_runs(workspace)] == [run.id]
