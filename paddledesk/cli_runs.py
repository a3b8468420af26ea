"""`paddledesk runs [list | show | resume | stop | export | delete]`: runs as core.session reads them."""

from __future__ import annotations

import argparse

from core.formatting import format_clock
from paddledesk.cli_errors import UserError
from paddledesk.cli_train import eval_text, follow


def cmd_runs(args: argparse.Namespace) -> int:
    from core.runners.reconcile import reconcile_run
    from core.runs import Workspace
    from core.session import summaries

    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    action = args.action or "list"
    if action == "list":
        listed = summaries(workspace)  # a run whose trainer is gone is listed as ended, not running
        if not listed:
            print(f"no runs yet in {workspace.runs_dir}")
            return 0
        print(f"{'id':<20} {'status':<9} {'model':<20} {'best':>8} {'steps':>7} {'duration':>9}  dataset")
        for s in listed:
            run = s.run
            if s.job is None:  # one damaged folder must not hide the others
                print(f"{run.id:<20} {'damaged':<9} {run.job_file}: {s.job_error}")
                continue
            best_text = f"{s.best.value:.4f}" if s.best else "-"
            seconds = format_clock(s.seconds) if s.seconds is not None else "-"  # every resumed part
            print(f"{run.id:<20} {s.status:<9} {s.model:<20} {best_text:>8} "
                  f"{s.history.last_step:>7} {seconds:>9}  {s.dataset}")
        return 0
    if not args.run_id:
        raise UserError(f"`runs {action}` needs a run id", "see `paddledesk runs` for the ids")
    run = find_run(workspace, args.run_id)
    reconcile_run(run)
    if action == "show":
        return show_run(run)
    if action == "resume":
        from core.launch import resume, runner_of

        runner = runner_of(run)
        seen = run.history().last_seq  # the trainer numbers its events on from there
        resume(run, runner)
        print(f"resumed run {run.id}", flush=True)
        return follow(run, runner=runner, after_seq=seen)
    if action == "stop":
        from core.launch import runner_of, stop
        from core.runs import run_status

        runner = runner_of(run)
        if not runner.is_running(run):
            status = run_status(run)
            if status == "running":  # recorded as running, but its engine does not answer
                raise UserError(f"cannot reach the trainer of run {run.id}",
                                "start Docker again, then retry `paddledesk runs stop`")
            print(f"run {run.id} is not running ({status}); nothing to stop")
            return 0
        stop(run, runner)
        print(f"stopped run {run.id}; `paddledesk runs resume {run.id}` continues it")
        return 0
    if action == "export":
        return export_run(run)
    if action == "delete":
        from paddledesk.cli_delete import delete_run

        return delete_run(workspace, run, assume_yes=args.yes)
    raise UserError(f"unknown action {action!r}", "use list, show, resume, stop, export or delete")


def export_run(run) -> int:
    """Write the run's export folder again from its best checkpoint and say where it is."""
    from core.launch import export_again_and_wait

    print(f"exporting run {run.id} from its best checkpoint …", flush=True)
    exported = export_again_and_wait(run)  # a failure raises RunnerError: message + hint, exit 2
    metrics = exported.get("metrics") or {}
    scores = "  ".join(f"{k} {v:.4f}" for k, v in metrics.items() if k in ("accuracy", "macro_f1")
                       and isinstance(v, (int, float)))
    print(f"exported {exported.get('source', 'checkpoint')} to {run.path / exported.get('path', 'export')}"
          + (f"  ({scores})" if scores else ""))
    return 0


def show_run(run) -> int:
    from core.session import summarize

    s = summarize(run)
    history, job, status = s.history, run.job(), s.status  # a damaged job.json is a JobError: its problems
    print(f"run       {run.id}\nstatus    {status}\nfolder    {run.path}")
    print(f"model     {job.model.name}\ndataset   {job.dataset.train}")
    print(f"steps     {history.last_step}/{history.total_steps}")
    if s.seconds is not None:
        print(f"duration  {format_clock(s.seconds)} over {len(history.segments)} part(s)")
    for ev in history.evals[-3:]:
        print(f"eval @{ev.get('step')}: " + eval_text(ev))
    if history.error:
        print(f"error     {history.error.get('kind')}: {history.error.get('message')}")
    if run.has_export():
        print(f"export    {run.export_dir}")
    return 0




def find_run(workspace, run_id: str):
    try:
        return workspace.run(run_id)
    except KeyError:
        matches = [r for r in workspace.runs() if r.id.startswith(run_id)]
        if len(matches) == 1:
            return matches[0]
        raise UserError(f"no run {run_id!r} in {workspace.runs_dir}", "see `paddledesk runs` for the ids") from None


