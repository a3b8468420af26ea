"""Build PaddleDesk's installable artefacts into dist/: one command per platform.

    python packaging/build.py            # this platform's set (run by `./dev package` on Linux)

Linux (built and tested here): dist/paddledesk-<v>-py3-none-any.whl, the one-folder bundle
dist/paddledesk/ and dist/paddledesk_<v>_amd64.deb. Windows: the bundle and, when Inno Setup's
iscc is on PATH, dist/PaddleDesk-<v>-setup.exe. macOS: dist/PaddleDesk.app and a .dmg (hdiutil).
Needs PyInstaller in the running Python (`pip install -e .[package]`). Prints each artefact's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging" / "linux"))  # deb.py (never an __init__.py in packaging/:
# as a namespace folder it cannot shadow the `packaging` library that pip and PyInstaller import)

from paddledesk import __version__  # noqa: E402


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def wheel(dist: Path) -> Path:
    for old in dist.glob("paddledesk-*.whl"):
        old.unlink()
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, REPO)
    return next(dist.glob("paddledesk-*.whl"))


def bundle(dist: Path, work: Path) -> Path:
    """The PyInstaller one-folder bundle (work/ keeps PyInstaller's cache between builds)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", dist,
        "--workpath", work / "pyinstaller", REPO / "packaging" / "pyinstaller" / "paddledesk.spec", env=env)
    return dist / "paddledesk"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build")
    parser.add_argument("--no-bundle", action="store_true", help="reuse dist/paddledesk (only repackage)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    run(sys.executable, REPO / "packaging" / "icons" / "render_icons.py", work / "icons")
    made = [wheel(dist)]
    if not args.no_bundle:
        made.append(bundle(dist, work))
    folder = dist / "paddledesk"
    if sys.platform.startswith("linux"):
        from deb import build_deb

        made.append(build_deb(folder, work / "icons", dist, __version__))
    elif sys.platform == "win32" and shutil.which("iscc"):
        run("iscc", f"/DAppVersion={__version__}", f"/DDist={dist}", REPO / "packaging" / "windows" / "paddledesk.iss")
        made.append(dist / f"PaddleDesk-{__version__}-setup.exe")
    elif sys.platform == "darwin":
        dmg = dist / f"PaddleDesk-{__version__}.dmg"
        run("hdiutil", "create", "-volname", "PaddleDesk", "-srcfolder", dist / "PaddleDesk.app", "-ov",
            "-format", "UDZO", dmg)
        made.extend([dist / "PaddleDesk.app", dmg])
    print(f"\nbuilt in {time.monotonic() - t0:.0f} s:")
    for path in made:
        shown = path.relative_to(dist.parent) if dist.parent in path.parents else path
        print(f"  {size_of(path) / 2**20:8.1f} MiB  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
