"""The workspace's trash: a deleted run is moved, not erased, so a delete can be undone.

```
<workspace>/trash/<run id>-<YYYYmmdd-HHMMSS>/   the run folder as it was, plus trashed.json
```
A move within the workspace is one rename (instant, whatever the size); the app empties what has
been in the trash longer than :data:`KEEP_DAYS` when it starts.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import UserFacingError
from core.runs import Run, Workspace, run_status

KEEP_DAYS = 30
MARKER = "trashed.json"  # inside a trashed folder: where it came from and when it went


class TrashError(UserFacingError, RuntimeError):
    """A run that cannot go to the trash, or come back from it; carries a hint."""

    kind = "trash"


@dataclass(frozen=True)
class TrashedRun:
    """A run folder in the trash."""

    run_id: str
    folder: Path
    deleted_at: float


def folder_size(path: Path) -> int:
    """Bytes on disk under ``path`` (links not followed; files that vanish meanwhile are skipped)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def trash_dir(workspace: Workspace) -> Path:
    return workspace.root / "trash"


def move_to_trash(workspace: Workspace, run: Run, now: float | None = None) -> TrashedRun:
    """Move ``run`` into the trash; a running run (training or exporting again) is refused."""
    if not run.path.is_dir():
        raise TrashError(f"run {run.id} is not in {workspace.runs_dir}", "refresh the list of runs")
    if run_status(run) == "running":
        raise TrashError(f"run {run.id} is running and cannot be deleted",
                         f"stop it first (paddledesk runs stop {run.id})")
    now = time.time() if now is None else now
    folder = trash_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = folder / f"{run.id}-{stamp}"
    n = 1
    while target.exists():  # deleted, undone and deleted again within one second
        target = folder / f"{run.id}-{stamp}-{n}"
        n += 1
    os.replace(run.path, target)
    (target / MARKER).write_text(json.dumps({"run_id": run.id, "deleted_at": now}), encoding="utf-8")
    return TrashedRun(run.id, target, now)


def restore(workspace: Workspace, trashed: TrashedRun) -> Run:
    """Move a trashed run back to its place in the runs folder."""
    target = workspace.runs_dir / trashed.run_id
    if target.exists():
        raise TrashError(f"a run {trashed.run_id} exists again in {workspace.runs_dir}",
                         f"its deleted copy is kept in {trashed.folder}")
    if not trashed.folder.is_dir():
        raise TrashError(f"the deleted run {trashed.run_id} is no longer in the trash ({trashed.folder})",
                         "it was emptied; the run cannot come back")
    workspace.runs_dir.mkdir(parents=True, exist_ok=True)
    os.replace(trashed.folder, target)
    (target / MARKER).unlink(missing_ok=True)
    return Run(target)


def trashed_runs(workspace: Workspace) -> list[TrashedRun]:
    """Everything in the trash, oldest first."""
    folder = trash_dir(workspace)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.is_dir():
            found.append(_read_marker(path))
    return sorted(found, key=lambda t: t.deleted_at)


def _read_marker(path: Path) -> TrashedRun:
    try:
        info = json.loads((path / MARKER).read_text(encoding="utf-8"))
        return TrashedRun(str(info["run_id"]), path, float(info["deleted_at"]))
    except (OSError, ValueError, KeyError, TypeError):  # no or a damaged marker: the folder's own time
        return TrashedRun(path.name, path, path.stat().st_mtime)


def empty_trash(workspace: Workspace, older_than_days: float = KEEP_DAYS, now: float | None = None
                ) -> list[TrashedRun]:
    """Erase what went to the trash more than ``older_than_days`` ago (run at app start, on a worker)."""
    now = time.time() if now is None else now
    gone = []
    for trashed in trashed_runs(workspace):
        if now - trashed.deleted_at >= older_than_days * 86400:
            from core.runners.docker_remote import forget_remote_volumes

            forget_remote_volumes(trashed.folder)  # a remote run's checkpoints go for good with it
            shutil.rmtree(trashed.folder, ignore_errors=True)
            gone.append(trashed)
    return gone
