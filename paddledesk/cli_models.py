"""`paddledesk models`: the catalogue with what is available offline; import and export of weights.

    paddledesk models                     the catalogue; "offline" says whether a model trains at full
                                          strength on this computer with no network
    paddledesk models import PATH         a PaddleNLP folder, .zip or .tar(.gz) into the model store
    paddledesk models export NAME FILE    a downloaded or imported model as .zip/.tar.gz for another computer
"""

from __future__ import annotations

import argparse

from paddledesk.cli_errors import UserError


def add_models_command(sub) -> None:
    """The `models` sub-command and its actions."""
    models = sub.add_parser("models", help="the model catalogue; import or export pretrained weights")
    models.add_argument("action", nargs="?", choices=["list", "import", "export"], default="list")
    models.add_argument("paths", nargs="*", help="import: PATH; export: NAME FILE")
    models.add_argument("--name", help="import: store it under this catalogue name (default: matched by its sizes)")


def cmd_models(args: argparse.Namespace) -> int:
    from core.runs import Workspace

    workspace = Workspace(args.workspace) if getattr(args, "workspace", None) else Workspace()
    action, paths = getattr(args, "action", None) or "list", getattr(args, "paths", None) or []
    if action == "import":
        return _import(workspace, paths, getattr(args, "name", None))
    if action == "export":
        return _export(workspace, paths)
    return _list(workspace)


def _list(workspace) -> int:
    from core.model_store import weights_status
    from core.models import list_models

    print(f"{'name':<22} {'family':<8} {'params':>8}  {'offline':<7}  description")
    notes = []
    for info in list_models():
        available, reason = weights_status(info.name, workspace)
        offline = "yes" if available else "no"
        print(f"{info.name:<22} {info.family:<8} {info.params_text:>8}  {offline:<7}  {info.description}")
        if available and info.family == "ernie":
            notes.append(f"  {info.name}: {reason}")
    from core.model_store import stored_models

    listed = {info.name for info in list_models()}
    notes += [f"  {m.name}: imported from {m.info.get('source')} into {m.path}" for m in stored_models(workspace)
              if m.name not in listed]  # a custom ERNIE has no row of its own
    if notes:
        print("available offline:")
        print("\n".join(notes))
    print("ERNIE models marked 'no' train from random weights here; "
          "`paddledesk models import PATH` brings weights from a file.")
    return 0


def _import(workspace, paths: list[str], name: str | None) -> int:
    from core.model_store import ModelStoreError, import_pretrained

    if len(paths) != 1:
        raise UserError("models import needs one PATH", "e.g. paddledesk models import ernie-3.0-mini-zh.zip")
    try:
        stored = import_pretrained(paths[0], workspace, name=name)
    except ModelStoreError as exc:
        raise UserError(exc.message, exc.hint) from None
    arch = stored.info["architecture"]
    kind = "matches the catalogue" if stored.info["matched_catalogue"] else "custom ERNIE (no catalogue match)"
    print(f"imported {stored.name} ({kind}: {arch.get('num_hidden_layers')} layers, "
          f"hidden {arch.get('hidden_size')}, vocabulary {arch.get('vocab_size')}) into {stored.path}")
    print(f"sha256 model_state: {stored.info['files'].get('model_state.pdparams', '?')}")
    print(f"train it offline: paddledesk train --data FILE --model {stored.name}")
    return 0


def _export(workspace, paths: list[str]) -> int:
    from core.model_store import ModelStoreError, export_pretrained

    if len(paths) != 2:
        raise UserError("models export needs NAME and FILE", "e.g. paddledesk models export ernie-3.0-mini-zh mini.zip")
    try:
        out = export_pretrained(paths[0], paths[1], workspace)
    except ModelStoreError as exc:
        raise UserError(exc.message, exc.hint) from None
    print(f"wrote {out} ({out.stat().st_size / 2**20:.1f} MiB); "
          f"on the other computer: paddledesk models import {out.name}")
    return 0


def warn_without_weights(job, workspace) -> str | None:
    """The no-silent-downgrade warning for `paddledesk train`, or None when weights are here."""
    from core.model_store import weights_status

    if job.model.pretrained:
        return None
    available, reason = weights_status(job.model.name, workspace)
    return None if available else f"warning: {job.model.name}: {reason}"
