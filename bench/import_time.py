"""Import time of ``core`` (and the modules the GUI needs at start) vs a bare interpreter.

    python bench/import_time.py [--rounds 15]

Each measurement is a fresh interpreter (``python -c``), so nothing is cached in-process;
the figure is the median wall time minus the median of ``python -c pass`` measured in the same
run, interleaved. It also checks that none of these imports pulls in paddle or paddlenlp
(``import paddle`` alone costs about 2 s). Goal: <= 0.3 s extra for each line.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = ["core", "core.models", "core.jobs", "core.runs", "core.events", "core.predict",
           "core.models, core.jobs, core.runs, core.events, core.predict"]
GOAL_S = 0.3


def timed(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - t0


def heavy_modules(target: str) -> list[str]:
    code = (f"import sys; import {target}; "
            "print(' '.join(m for m in ('paddle', 'paddlenlp', 'PySide6', 'docker') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True)
    return out.stdout.split()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    base: list[float] = []
    times: dict[str, list[float]] = {t: [] for t in TARGETS}
    for _ in range(args.rounds):  # interleaved so that load changes hit every line alike
        base.append(timed("pass"))
        for t in TARGETS:
            times[t].append(timed(f"import {t}"))
    bare = statistics.median(base)
    print(f"bare interpreter (python -c pass): {bare * 1000:.0f} ms median of {args.rounds}")
    worst = 0.0
    ok = True
    for t in TARGETS:
        extra = statistics.median(times[t]) - bare
        heavy = heavy_modules(t)
        worst = max(worst, extra)
        ok &= "paddle" not in heavy and "paddlenlp" not in heavy
        print(f"import {t:62} +{extra * 1000:6.0f} ms  ratio {statistics.median(times[t]) / bare:5.2f}"
              f"  heavy modules: {', '.join(heavy) or 'none'}")
    print(f"worst extra: {worst * 1000:.0f} ms (goal <= {GOAL_S * 1000:.0f} ms); paddle imported: {not ok}")
    return 0 if ok and worst <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
