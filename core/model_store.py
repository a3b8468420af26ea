"""Pretrained weights from a file: the workspace's model store (no network, ever).

``import_pretrained(path)`` takes a folder or a .zip / .tar / .tar.gz as PaddleNLP saves it
(``model_state.pdparams``, ``model_config.json`` or ``config.json``, ``vocab.txt``, optionally
``tokenizer_config.json``), checks it, works out which catalogue ERNIE it is (by its sizes; any
other ERNIE becomes the custom entry ``ernie-custom``) and copies it to
``<workspace>/models/<name>/`` with ``store.json`` (source, sizes, SHA-256 of every file).
``export_pretrained(name, archive)`` writes such an archive for another computer, from the store
or from PaddleNLP's download cache. ``weights_status(name)`` says, without a network call, whether
a model would start from pretrained weights here, and why not.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.runs import Workspace, atomic_write_text
from core.trainer.catalogue import MODEL_ARCHS, get_arch

STORE_DIR = "models"
STORE_FILE = "store.json"
CUSTOM_ERNIE = "ernie-custom"
CONFIG_FILES = ("config.json", "model_config.json")
NO_WEIGHTS = ("no pretrained weights here: this trains from random weights, expect much lower accuracy — "
              "import weights or connect")
HINT = ("choose a folder or archive written by PaddleNLP's save_pretrained "
        "(model_state.pdparams, config.json, vocab.txt)")
_SIZE_KEYS = ("hidden_size", "num_hidden_layers", "intermediate_size")


class ModelStoreError(ValueError):
    """A file or folder that cannot be imported: what is wrong, where, and what to do."""

    def __init__(self, message: str, hint: str = HINT):
        self.message, self.hint = message, hint
        super().__init__(f"{message}. {hint}" if hint else message)


@dataclass(frozen=True)
class StoredModel:
    """One model in the store."""

    name: str  # a catalogue name (or ernie-custom)
    path: Path
    info: dict[str, Any]


def store_root(workspace: Workspace | None = None) -> Path:
    return (workspace or Workspace()).root / STORE_DIR


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unpack(path: Path, into: Path) -> Path:
    """A folder, or an archive unpacked into ``into``; refuses members that leave the folder."""
    if path.is_dir():
        return path
    if not path.is_file():
        raise ModelStoreError(f"{path}: no such file or folder")
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                for member in zf.namelist():
                    if member.startswith("/") or ".." in Path(member).parts:
                        raise ModelStoreError(f"{path}: member {member!r} points outside the archive")
                zf.extractall(into)
        elif name.endswith((".tar", ".tar.gz", ".tgz")):
            with tarfile.open(path) as tf:
                for member in tf.getmembers():
                    if member.name.startswith("/") or ".." in Path(member.name).parts or member.issym() \
                            or member.islnk():
                        raise ModelStoreError(f"{path}: member {member.name!r} is a link or points outside")
                tf.extractall(into)
        else:
            raise ModelStoreError(f"{path}: not a folder, .zip, .tar or .tar.gz")
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as exc:
        raise ModelStoreError(f"{path}: cannot read the archive ({exc})", "the file is damaged; copy it again") \
            from None
    return into


def _model_folder(root: Path, source: Path) -> Path:
    """The folder (root or one below) that holds the weights."""
    for folder in (root, *sorted(p for p in root.iterdir() if p.is_dir())):
        if any(folder.glob("*.pdparams")):
            return folder
    raise ModelStoreError(f"{source}: no .pdparams weights file (model_state.pdparams) found")


def _read_config(folder: Path, source: Path) -> dict[str, Any]:
    for name in CONFIG_FILES:
        path = folder / name
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise ModelStoreError(f"{source}: {name} is not valid JSON ({exc})") from None
            if isinstance(data.get("init_args"), list) and data["init_args"]:  # PaddleNLP's old format
                data = {**data["init_args"][0], **{k: v for k, v in data.items() if k != "init_args"}}
            return data
    raise ModelStoreError(f"{source}: no config.json or model_config.json")


def check_pretrained(folder: Path, source: Path | None = None) -> dict[str, Any]:
    """The architecture facts of a PaddleNLP model folder; ModelStoreError names what is missing."""
    source = source or folder
    config = _read_config(folder, source)
    if not (folder / "vocab.txt").is_file():
        raise ModelStoreError(f"{source}: no vocab.txt (the tokenizer's vocabulary)")
    kind = str(config.get("model_type") or "").lower()
    archs = [str(a) for a in config.get("architectures") or []]
    if kind and kind != "ernie" or archs and not any(a.lower().startswith("ernie") for a in archs):
        raise ModelStoreError(f"{source}: a {kind or archs[0]} model; PaddleDesk trains ERNIE models",
                              "import an ERNIE model (model_type ernie)")
    missing = [k for k in (*_SIZE_KEYS, "vocab_size") if not isinstance(config.get(k), int)]
    if missing:
        raise ModelStoreError(f"{source}: config lacks {', '.join(missing)}")
    vocab_lines = sum(1 for _ in (folder / "vocab.txt").open(encoding="utf-8"))
    if vocab_lines > config["vocab_size"]:
        raise ModelStoreError(f"{source}: vocab.txt has {vocab_lines} tokens but config says vocab_size "
                              f"{config['vocab_size']}", "the files belong to different models")
    return {k: config[k] for k in (*_SIZE_KEYS, "vocab_size", "num_attention_heads", "max_position_embeddings")
            if k in config}


def match_catalogue(facts: dict[str, Any]) -> str:
    """The catalogue ERNIE with these sizes, else ``ernie-custom``."""
    for name, arch in MODEL_ARCHS.items():
        if arch["family"] == "ernie" and arch.get("pretrained_name") and \
                all(arch.get(k) == facts.get(k) for k in _SIZE_KEYS) and arch["vocab_size"] == facts["vocab_size"]:
            return name
    return CUSTOM_ERNIE


def import_pretrained(path: str | os.PathLike, workspace: Workspace | None = None,
                      name: str | None = None) -> StoredModel:
    """Check and copy a pretrained model into the store; ``name`` overrides the matched name."""
    source = Path(path).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="pdk-import-") as tmp:
        folder = _model_folder(_unpack(source, Path(tmp)), source)
        facts = check_pretrained(folder, source)
        target_name = name or match_catalogue(facts)
        get_arch(target_name)  # a name the trainer knows
        root = store_root(workspace)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target_name}-", dir=root))
        files = {}
        for item in sorted(folder.iterdir()):
            if item.is_file():
                shutil.copy2(item, staging / item.name)
                files[item.name] = _sha256(staging / item.name)
        info = {"name": target_name, "source": str(source), "architecture": facts,
                "matched_catalogue": target_name != CUSTOM_ERNIE, "files": files,
                "imported": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
        atomic_write_text(staging / STORE_FILE, json.dumps(info, indent=1, ensure_ascii=False))
        final = root / target_name
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    return StoredModel(target_name, final, info)


def stored_model(name: str, workspace: Workspace | None = None) -> StoredModel | None:
    """The store's copy of ``name`` when it is complete, else None."""
    folder = store_root(workspace) / name
    try:
        info = json.loads((folder / STORE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all((folder / f).is_file() for f in info.get("files", {})):
        return None
    return StoredModel(name, folder, info)


def stored_models(workspace: Workspace | None = None) -> list[StoredModel]:
    root = store_root(workspace)
    found = [stored_model(p.name, workspace) for p in sorted(root.iterdir())] if root.is_dir() else []
    return [m for m in found if m is not None]


def paddlenlp_home(workspace: Workspace | None = None, runner: str = "local") -> Path:
    """Where the trainer's PaddleNLP cache is: the local trainer inherits PPNLP_HOME, a container
    always gets the workspace's cache (core.runners.local.trainer_env, docker.cache_folder)."""
    own = os.environ.get("PPNLP_HOME")
    if runner == "local":
        return Path(own) if own else Path.home() / ".paddlenlp"
    return (workspace or Workspace()).root / "cache" / "paddlenlp"


def _cache_folders(name: str, workspace: Workspace | None = None, runner: str = "local") -> list[Path]:
    """PaddleNLP's local copies of ``name`` (what the trainer or PaddleNLP downloaded before)."""
    home = paddlenlp_home(workspace, runner)
    published = get_arch(name).get("pretrained_name") or name
    return [home / "pdk_pretrained" / name, home / "models" / published]


def _complete(folder: Path) -> bool:
    return (folder / "vocab.txt").is_file() and any(folder.glob("*.pdparams"))


def pretrained_folder(name: str, workspace: Workspace | None = None, runner: str = "local") -> Path | None:
    """Where ``name``'s weights are for a ``runner``'s trainer: the store first (local runs only: a
    container does not see it, core.launch.use_stored_weights), then PaddleNLP's cache."""
    stored = stored_model(name, workspace) if runner == "local" else None
    if stored is not None:
        return stored.path
    return next((f for f in _cache_folders(name, workspace, runner) if _complete(f)), None)


def available_offline(name: str, workspace: Workspace | None = None) -> bool:
    """Whether ``name`` trains at full strength with no network (always, for models without weights)."""
    return weights_status(name, workspace)[0]


def weights_status(name: str, workspace: Workspace | None = None, runner: str = "local") -> tuple[bool, str]:
    """(available, reason) for the Train page before Start, for a ``runner``'s trainer; no network call."""
    arch = get_arch(name)
    if arch["family"] != "ernie":
        return True, "learns from your data: no pretrained weights needed"
    folder = pretrained_folder(name, workspace, runner)
    if folder is not None:
        where = "imported" if folder.parent == store_root(workspace) else "downloaded"
        return True, f"pretrained weights {where}: {folder}"
    return False, NO_WEIGHTS


def export_pretrained(name: str, archive: str | os.PathLike, workspace: Workspace | None = None) -> Path:
    """Write ``name``'s weights (store or download cache) as .zip or .tar.gz for another computer."""
    folder = pretrained_folder(name, workspace)
    if folder is None:
        raise ModelStoreError(f"{name}: no pretrained weights on this computer",
                              "import them first (paddledesk models import PATH) or download them online")
    out = Path(archive).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name != STORE_FILE]
    if out.name.lower().endswith(".zip"):
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in files:
                zf.write(p, f"{name}/{p.name}")
    elif out.name.lower().endswith((".tar.gz", ".tgz", ".tar")):
        mode = "w" if out.name.lower().endswith(".tar") else "w:gz"
        with tarfile.open(tmp, mode) as tf:
            for p in files:
                tf.add(p, f"{name}/{p.name}")
    else:
        raise ModelStoreError(f"{out}: choose a .zip or .tar.gz file name", "e.g. ernie.zip")
    os.replace(tmp, out)
    return out
