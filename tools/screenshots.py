"""Screenshots of every page of the app with real data, on a virtual screen (Xvfb).

    python tools/screenshots.py                  # English and Chinese, into docs/screenshots/
    python tools/screenshots.py --lang zh_CN --out /tmp/shots

It trains two small models for real on the sample reviews (local runner, CPU, about a minute),
then opens the app at 1280x800 and photographs Data, Train (charts and report), Monitor
(replaying the real two-H200 recording in tests/fixtures/gpu), Predict, Runs (two runs overlaid)
and Settings. Without a DISPLAY it re-runs itself under `xvfb-run` (Debian: xvfb, xauth, and a
CJK font such as fonts-wqy-microhei so Chinese is not drawn as boxes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GPU_TRACE = REPO / "tests" / "fixtures" / "gpu" / "h200x2-load-recording.json"
SIZE = (1280, 800)
SENTENCES = ["菜很好吃，服务也很周到，下次还来", "房间又小又脏，隔音太差", "物流很快，包装完好，质量不错",
             "剧情拖沓，演员演技尴尬，浪费时间"]


def train_runs(workspace: Path) -> list:
    """Two real runs on the sample reviews (bag of words, fastText), finished and exported."""
    from core.datasets import sample_datasets
    from core.jobs import JobSpec, ModelSpec, RunnerSpec, TrainSpec
    from core.launch import launch, runner_of
    from core.runs import Workspace

    ws = Workspace(workspace)
    done = [r for r in ws.runs() if r.has_export()]
    if len(done) >= 2:
        return sorted(done[:2], key=lambda r: r.job().model.name)  # bow first
    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    runs = []
    for model, lr in (("bow", 5e-3), ("fasttext", 5e-3)):
        job = JobSpec(dataset=sample.spec(), model=ModelSpec(name=model, max_seq_len=128),
                      train=TrainSpec(epochs=6, batch_size=32, learning_rate=lr, eval_every=22, logging_every=2),
                      runner=RunnerSpec(kind="local"))
        run = launch(job, ws, progress=lambda msg: print(f"  {msg}", flush=True))
        runner_of(run).wait(run, timeout=600)
        print(f"trained {model}: run {run.id}", flush=True)
        runs.append(run)
        time.sleep(1.1)  # run ids are stamped to the second
    return runs


def wait(app, condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Process events until ``condition()`` holds (or the timeout passes)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(window, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", flush=True)
    return path


def photograph(lang: str, workspace: Path, out: Path, runs: list) -> None:
    """Open the app in ``lang`` and save one picture per page."""
    from gui import i18n
    from gui.app import create_window, make_app

    app = make_app()
    i18n.install(lang)
    window = create_window(workspace, gpu_trace=str(GPU_TRACE) if GPU_TRACE.is_file() else None)
    window.resize(*SIZE)
    window.show()
    window.resize(*SIZE)
    settle(app)
    prefix = lang.replace("_", "-").lower()

    from core.datasets import sample_datasets

    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    window.go_to("data")
    window.data_page.open_sample(sample)
    wait(app, lambda: window.data_page.analysis is not None)
    settle(app)
    shoot(window, out, f"{prefix}-data")

    page = window.train_page
    window.go_to("train")
    page.select_model(runs[0].job().model.name)
    page.attach(runs[0])
    wait(app, lambda: not page.following, 30)
    settle(app)
    shoot(window, out, f"{prefix}-train")
    page.tabs.setCurrentWidget(page.report)
    settle(app, 0.3)
    shoot(window, out, f"{prefix}-train-report")
    page.tabs.setCurrentIndex(0)

    window.go_to("monitor")
    dashboard = getattr(window, "monitor_dashboard", None)
    if dashboard is not None and hasattr(dashboard, "window_box"):
        dashboard.window_box.setCurrentIndex(0)  # the shortest window: the recording is 33 s long

    def busy() -> bool:  # wait for the recording's load phase (GPU 1 at ~100 %)
        latest = getattr(window.gpu_controller, "latest", None)
        return latest is not None and any((g.util_pct or 0) > 50 for g in latest.snapshot.gpus)

    wait(app, busy, 40)
    settle(app, 2.0)
    shoot(window, out, f"{prefix}-monitor")

    predict = window.predict_page
    window.go_to("predict")
    predict.use_export(str(runs[0].export_dir))
    wait(app, lambda: predict.ready and predict.export_dir == str(runs[0].export_dir), 60)
    for text in SENTENCES:
        predict.input.setText(text)
        count = predict.history.rowCount()
        predict.predict_sentence()
        wait(app, lambda c=count: predict.history.rowCount() > c, 30)
    settle(app)
    shoot(window, out, f"{prefix}-predict")
    predict.tabs.setCurrentIndex(1)
    predict.predict_path(str(sample.test))
    wait(app, lambda: predict.save_button.isEnabled(), 60)
    settle(app)
    shoot(window, out, f"{prefix}-predict-file")
    predict.tabs.setCurrentIndex(0)

    runs_page = window.runs_page
    window.go_to("runs")
    wait(app, lambda: len(runs_page.row_ids()) >= 2, 30)
    runs_page.select_ids([r.id for r in runs])
    runs_page.overlay_selected()
    settle(app)
    shoot(window, out, f"{prefix}-runs")

    window.go_to("settings")
    window.settings_page.check_docker()
    wait(app, lambda: not window.settings_page.busy, 30)
    settle(app)
    shoot(window, out, f"{prefix}-settings")
    window.close_quietly()
    settle(app, 0.3)


def main(argv: list[str] | None = None) -> int:
    """Make the screenshots (under xvfb-run when there is no screen)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--lang", default="en,zh_CN", help="comma-separated: en, zh_CN")
    parser.add_argument("--workspace", help="reuse a workspace with trained runs (default: a temp folder)")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        if not shutil.which("xvfb-run"):
            print("no DISPLAY and no xvfb-run: install xvfb (Debian: apt install xvfb xauth)", file=sys.stderr)
            return 2
        screen = f"-screen 0 {SIZE[0] + 200}x{SIZE[1] + 200}x24"
        return subprocess.call(["xvfb-run", "-a", "-s", screen, sys.executable, __file__, *(argv or sys.argv[1:])])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = None
    if args.workspace:
        workspace = Path(args.workspace)
    else:
        tmp = tempfile.mkdtemp(prefix="pdk-shots-")
        workspace = Path(tmp) / "workspace"
    settings = Path(tmp or tempfile.mkdtemp(prefix="pdk-shots-")) / "settings.ini"
    os.environ["PADDLEDESK_SETTINGS"] = str(settings)  # never touch the user's own settings
    os.environ["PADDLEDESK_WORKSPACE"] = str(workspace)
    os.environ.setdefault("PPNLP_HOME", str(workspace / "cache" / "paddlenlp"))
    runs = train_runs(workspace)
    for lang in [s.strip() for s in args.lang.split(",") if s.strip()]:
        photograph(lang, workspace, out, runs)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
