"""Who a training container runs as, what it may write and how much it may use.

The container never runs as root: it runs as the app's user, and when the app itself runs as
root, as a fixed unprivileged uid that is handed the run folder. Its root filesystem is
read-only (a tmpfs at /tmp takes HOME and every cache that is not in the shared cache folder),
and memory and process counts are limited: a runaway trainer cannot take the machine with it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from core.formatting import format_bytes

ROOT_MAPPED_USER = "10001:10001"  # what "root" becomes inside the container (no such host user)
DEFAULT_PIDS_LIMIT = 4096  # threads count too: Paddle starts dozens per process
MEMORY_SHARE = 0.75  # of the engine's memory: the desktop keeps a quarter when training runs away
TMP = "/tmp"
TMPFS = {TMP: "rw,nosuid,nodev,size=1g,mode=1777"}
MIN_MEMORY = 16 * 2**20
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def parse_memory(text: str) -> int:
    """'8g', '512m', '1.5GiB', '1073741824' -> bytes; ValueError naming the accepted forms."""
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a memory size; write it like 8g, 512m or 1.5g")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def memory_problem(text: str | None) -> str | None:
    """Why a memory limit cannot be used (None when fine, or when not set)."""
    if text is None or text == "":
        return None
    try:
        size = parse_memory(text)
    except ValueError as exc:
        return str(exc)
    if size < MIN_MEMORY:
        return f"{text!r} is too little memory for a trainer; give at least 16m (several GiB is usual)"
    return None


def memory_text(size: int) -> str:
    """Bytes as a person reads them: '2.0 GiB', '64 MiB'."""
    return format_bytes(size)


def default_memory_limit(engine_memory: int | None) -> int:
    """A share of the Docker host's memory (the engine's MemTotal; this machine's when unknown)."""
    total = engine_memory or host_memory()
    return max(MIN_MEMORY, int(total * MEMORY_SHARE) // 2**20 * 2**20)


def host_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # no sysconf (Windows): assume a small desktop
        return 8 * 2**30


def container_user(explicit: str | None = None) -> str:
    """'uid:gid' the trainer runs as: the given one, else this process's, root mapped to a fixed uid."""
    if explicit:
        return explicit
    if not hasattr(os, "getuid"):
        return ""  # Windows: Docker Desktop maps file ownership itself
    if os.getuid() == 0:
        return ROOT_MAPPED_USER
    return f"{os.getuid()}:{os.getgid()}"


def hand_folders_to(user: str, *folders: Path) -> None:
    """Make ``folders`` writable for the container's user: chown their trees when we are root.

    A non-root app runs its containers as itself, so its folders are already writable.
    """
    if not user or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    uid, _, gid = user.partition(":")
    if not uid.isdigit() or int(uid) == 0:
        return
    ids = (int(uid), int(gid) if gid.isdigit() else int(uid))
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            _chown(dirpath, ids)
            for name in dirnames + filenames:
                _chown(os.path.join(dirpath, name), ids)


def _chown(path: str, ids: tuple[int, int]) -> None:
    try:
        st = os.lstat(path)
        if (st.st_uid, st.st_gid) != ids:
            os.lchown(path, *ids)
    except FileNotFoundError:
        pass  # removed while we walked (an old checkpoint being rotated)


def read_only_root_env() -> dict[str, str]:
    """Environment that points every writer of a read-only root at the tmpfs."""
    return {
        "HOME": TMP,  # the uid has no home in the image; paddle writes ~/.cache/paddle
        "TMPDIR": TMP,
        "XDG_CACHE_HOME": f"{TMP}/.cache",
        "MPLCONFIGDIR": f"{TMP}/matplotlib",  # imported by paddle's utilities
        "USER": "paddledesk",  # getpass.getuser() without a passwd entry
    }
