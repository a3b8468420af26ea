"""`paddledesk runs delete ID [--yes]`: asks y/N on a terminal, then moves the run to the workspace's trash."""

from __future__ import annotations

import sys

from core.runs import Run, Workspace


def delete_run(workspace: Workspace, run: Run, assume_yes: bool = False) -> int:
    """0 when the run went to the trash, 1 when the user answered no."""
    from core.formatting import format_bytes
    from core.trash import KEEP_DAYS, folder_size, move_to_trash
    from paddledesk.cli_errors import UserError

    if not assume_yes:
        if not sys.stdin.isatty():
            raise UserError(f"deleting run {run.id} needs a yes: there is no terminal to ask on",
                            f"add --yes: paddledesk runs delete {run.id} --yes")
        answer = input(f"Delete run {run.id} ({format_bytes(folder_size(run.path))}: checkpoints, exported model, "
                       f"log)? It goes to {workspace.root / 'trash'} for {KEEP_DAYS} days. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    trashed = move_to_trash(workspace, run)
    print(f"moved run {run.id} to the trash: {trashed.folder}\n"
          f"(emptied after {KEEP_DAYS} days; move the folder back to {workspace.runs_dir / run.id} to undo)")
    return 0
