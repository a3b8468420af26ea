"""Bundle size and start-up time: the frozen bundle (dist/paddledesk) against the venv install.

    python bench/package_startup.py        (needs dist/ from `./dev package`)

Prints the bundle's and the .deb's size, then for `--version` (the command line's start) and
`--self-test` (the window opens, every page, closes) the median wall time of a few runs of each,
the first run listed separately (the nearest to a cold start a shared machine allows: the page
cache is not dropped), and the ratio bundle / venv (< 1: the bundle starts faster).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "paddledesk" / "paddledesk"
RUNS = 5


def size_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def timed(command: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return time.perf_counter() - t0


def main() -> int:
    if not BUNDLE.is_file():
        print(f"{BUNDLE} is missing: run `./dev package` first", file=sys.stderr)
        return 2
    debs = sorted((REPO / "dist").glob("paddledesk_*_amd64.deb"))
    print(f"bundle folder {size_mib(BUNDLE.parent):.0f} MiB"
          + (f", .deb {size_mib(debs[-1]):.0f} MiB" if debs else ", no .deb"))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PADDLEDESK_SETTINGS=f"{tmp}/s.ini",
                   PADDLEDESK_WORKSPACE=f"{tmp}/ws", PADDLEDESK_NO_WELCOME="1")
        venv = [sys.executable, "-m", "paddledesk"]
        for args in (["--version"], ["--self-test"]):
            results = {}
            for name, prefix in (("bundle", [str(BUNDLE)]), ("venv", venv)):
                times = [timed(prefix + args, env) for _ in range(RUNS)]
                results[name] = times
                print(f"{' '.join(args):12} {name:6} first {times[0]:.2f} s, median {statistics.median(times):.2f} s")
            ratio = statistics.median(results["bundle"]) / statistics.median(results["venv"])
            print(f"{' '.join(args):12} ratio bundle/venv {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
