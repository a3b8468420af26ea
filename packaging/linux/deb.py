"""The .deb: the one-folder bundle under /opt/paddledesk, a `paddledesk` command, desktop entry, icons.

No Python is needed on the target (the bundle carries its own); Depends names the Debian
libraries Qt loads from the system (ENVIRONMENT.md's offscreen and xcb lists).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
QT_LIBS = ("libglib2.0-0", "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libx11-6", "libxkbcommon0",
           "libdbus-1-3")
XCB_LIBS = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-render-util0",
            "libxcb-render0", "libxcb-shape0", "libxcb-util1", "libxcb-xkb1", "libxkbcommon-x11-0")
DEPENDS = ("libc6 (>= 2.36)", *QT_LIBS, *XCB_LIBS)
# zstd level 3: ~3x faster to build than xz for a 1 GB bundle; dpkg reads it since Debian 12 / Ubuntu 21.10
COMPRESSION = ("-Zzstd", "-z3")

LAUNCHER = """#!/bin/sh
# PaddleDesk: the bundle in /opt/paddledesk carries its own Python, Paddle and Qt
# Qt wants a UTF-8 locale and warns on a bare system's "C": C.UTF-8 is in every glibc
[ -n "${LC_ALL:-}${LANG:-}" ] || export LANG=C.UTF-8
exec /opt/paddledesk/paddledesk "$@"
"""
POSTINST = """#!/bin/sh
set -e
# menus and icon caches refresh where a desktop has the tools; a bare system has none
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
"""


def control(version: str, installed_kib: int) -> str:
    return (f"Package: paddledesk\nVersion: {version}\nArchitecture: amd64\nSection: science\nPriority: optional\n"
            f"Maintainer: PaddleDesk authors <paddledesk@example.org>\nInstalled-Size: {installed_kib}\n"
            f"Depends: {', '.join(DEPENDS)}\n"
            "Recommends: fonts-wqy-microhei | fonts-noto-cjk\nSuggests: docker.io\n"
            "Description: train and try Chinese text classifiers with PaddlePaddle\n"
            " A desktop app: pick a dataset and a model, press Start, watch the loss and the GPUs\n"
            " live, then type sentences and see what the model says. Training runs on this\n"
            " computer (CPU) or in a PaddlePaddle Docker container. Python is not needed.\n")


def build_deb(bundle: Path, icons: Path, dist: Path, version: str) -> Path:
    """Assemble the package tree next to dist/ and build dist/paddledesk_<version>_amd64.deb."""
    if not (bundle / "paddledesk").is_file():
        raise SystemExit(f"{bundle}/paddledesk is missing: build the bundle first (python packaging/build.py)")
    root = dist / ".deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "paddledesk"
    opt.parent.mkdir(parents=True)
    # hard links: the 1 GB bundle is not copied again (falls back to a copy across file systems)
    try:
        shutil.copytree(bundle, opt, symlinks=True, copy_function=_link_or_copy)
    except OSError:
        shutil.copytree(bundle, opt, symlinks=True)
    _write(root / "usr" / "bin" / "paddledesk", LAUNCHER, 0o755)
    share = root / "usr" / "share"
    _copy(HERE / "paddledesk.desktop", share / "applications" / "paddledesk.desktop")
    metainfo = "org.paddledesk.PaddleDesk.metainfo.xml"
    _copy(HERE / metainfo, share / "metainfo" / metainfo)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    installed = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    _write(root / "DEBIAN" / "control", control(version, installed), 0o644)
    _write(root / "DEBIAN" / "postinst", POSTINST, 0o755)
    out = dist / f"paddledesk_{version}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", *COMPRESSION, "--build", str(root), str(out)], check=True)
    shutil.rmtree(root, ignore_errors=True)
    return out


def _link_or_copy(src: str, dst: str) -> None:
    try:
        Path(dst).hardlink_to(src)
    except OSError:
        shutil.copy2(src, dst)


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    dst.chmod(0o644)


def _write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
