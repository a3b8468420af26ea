"""The scripted walk: the real app, driven like a person, photographed at every step, in both languages.

    python tools/walk.py                          # English and Chinese into docs/screenshots/
    python tools/walk.py --lang zh_CN --out /tmp/walk --report /tmp/walk

For each language, in a fresh workspace and settings file, it starts the app three times
(``python -m gui``, what ``paddledesk`` opens) under Xvfb at 1280x800 (under ``xvfb-run`` without a DISPLAY):
  1. welcome → Data (the sample reviews) → Train: Start, Stop mid-run, Resume, finish (fastText) → a
     second run (CNN) started, then the app is killed with SIGKILL while it trains;
  2. reopened: the run reattached and goes on (the chart shows the whole curve) → Predict
     (typed sentences, a whole file) → Runs (Compare two; Delete answered No, then Yes, Undo
     shown) → Settings → Docker (Check this computer) → Monitor card (a replayed H200: 9.0);
  3. Monitor charts replaying the recorded two-H200 load.
The steps are tools/walk_steps.py, played inside the app by gui/walk_hook.py (clicks and keys
through xdotool when it is installed). Every picture comes with the texts it shows; for
Chinese, each text holding English words not in the allowed list (names, units, paths, ids,
commands) is written to ``<out>/zh-cn-english.txt`` and the walk exits 1. What the walk
checks on the way (the Stop is not a crash, the killed run survives, No keeps the run...) also
fails it when untrue.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEPS = Path(__file__).with_name("walk_steps.py")
FIXTURES = REPO / "tests" / "fixtures" / "gpu"
FACTS_TRACE = FIXTURES / "h200x1-facts-recording.json"  # one H200: compute capability 9.0, driver 580
LOAD_TRACE = FIXTURES / "h200x2-load-recording.json"  # two H200s, one busy
SIZE = (1280, 800)
DOCKER_SOCKET = "unix:///run/paddledesk-docker.sock"  # the engine .ci/docker-engine.sh starts

# words a Chinese screen may show as they are: names, formats, units
ALLOWED_WORDS = {
    "GPU", "GPUs", "CPU", "CUDA", "cuDNN", "NVIDIA", "NVML", "Docker", "Paddle", "PaddlePaddle", "PaddleDesk",
    "PaddleNLP", "ERNIE", "BiLSTM", "LSTM", "CNN", "fastText", "CSV", "TSV", "JSONL", "JSON", "UTF", "GB", "GBK",
    "BOM", "MB", "KB", "KiB", "MiB", "GiB", "TB", "ms", "Hz", "MHz", "px", "API", "PID", "OK", "Ctrl", "Enter",
    "Shift", "Alt", "Tab", "Esc", "Del", "Delete", "Return", "Hub", "nvidia", "ssh", "tcp", "unix", "TLS",
    "F1", "macro", "zh", "en", "bow", "bilstm", "fasttext", "cnn", "ernie", "mini", "nano", "micro", "medium",
    "base", "cpu", "gpu", "trt", "cudnn", "cuda", "paddle", "paddlepaddle", "paddledesk", "Python", "pip",
    "Hopper", "Blackwell", "Ampere", "Turing", "Ada", "Volta", "H100", "H200", "AMP", "Adam", "AdamW", "SM", "runc",
    "DNS",
    "min",  # the unit of core.formatting's durations ("1 min 20 s")
}
DATA_PATTERNS = [re.compile(p) for p in (
    r"`[^`]*`",  # commands and names quoted as code
    r"\bERNIE \d\.\d (?:Nano|Micro|Mini|Medium|Base)\b", r"\b[nN]-grams?\b", r"\bTF-IDF\b",  # model names
    r"https?://\S+", r"\b(?:unix|tcp|ssh)://\S+",
    r"(?:[\w.~-]*[/\\][\w.@:+~-]+)+",  # paths and image references (paddlepaddle/paddle:3.0.0-gpu-...)
    r"\b[\w.-]+\.(?:tsv|csv|jsonl|json|txt|png|log|ini|tar|gz|pdparams|pdmodel|qm|ts|py|sh)\b",
    r"\b\d{4}-\d{2}-\d{2}-\d{6}(?:-\d+)?\b",  # run ids
    r"\b(?:sudo|docker|pip|apt|apt-get|usermod|systemctl|nvidia-smi|nvidia-ctk|paddledesk)\b[^，。；;\n]*",  # commands
    r"\b[\w-]+(?:[.][\w-]+)+\b", r"\b\w+_\w+\b",  # dotted names (io.containerd.runc.v2, libnvidia-ml.so), ids
    r"\bNVIDIA Container Toolkit\b", r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b",  # products, package and host names
    r"\b[\w-]*\d[\w.-]*\b",  # versions, model ids with digits (ernie-3.0-mini-zh), sizes (20GB)
)]
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def english_words(text: str, data_words: frozenset[str] = frozenset()) -> list[str]:
    """The English words in ``text`` that a Chinese screen should not show (``data_words`` are the data's own)."""
    for pattern in DATA_PATTERNS:
        text = pattern.sub(" ", text)
    return [w for w in WORD.findall(text) if w not in ALLOWED_WORDS and w not in data_words]


def column_names() -> frozenset[str]:
    """The header fields of the sample files the walk opens and of the file whole-file prediction
    writes (core.predict: text, label, true_label, prob_<label>, problem): shown as in the files."""
    names = {"text", "label", "problem"}
    for path in (REPO / "resources" / "datasets").glob("*/*.tsv"):
        with open(path, encoding="utf-8") as f:
            names.update(f.readline().strip().split("\t"))
    return frozenset(names)


def english_report(shots: Path) -> list[str]:
    """One line per visible text with English in it: picture, widget, the words, the text."""
    found = []
    columns = column_names()
    for texts in sorted(shots.glob("*.texts.json")):
        step = texts.name[: -len(".texts.json")]
        for item in json.loads(texts.read_text("utf-8")):
            words = english_words(item["text"], columns)
            if words:
                one_line = item["text"].replace("\n", " ⏎ ")
                found.append(f"{step}: {item['kind']} {item['where']}: {' '.join(words)} :: {one_line}")
    return sorted(set(found))


def read_progress(shots: Path) -> list[dict]:
    path = shots / "progress.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def marks(shots: Path, step: str) -> list[dict]:
    return [m for m in read_progress(shots) if m.get("step") == step]


def session(name: str, env: dict, shots: Path, log: Path, timeout: float, kill_at: str = "") -> tuple[int, float]:
    """Run the app through one session of steps; SIGKILL it at the ``kill_at`` mark. (exit code, seconds)"""
    env = dict(env, PADDLEDESK_WALK=f"{STEPS}:{name}")
    if kill_at:
        env["PADDLEDESK_WALK_STAY"] = "1"
    began = time.monotonic()
    seen = len(read_progress(shots))
    with open(log, "ab") as out:
        app = subprocess.Popen([sys.executable, "-m", "gui"], cwd=REPO, env=env, stdout=out,
                               stderr=subprocess.STDOUT)
        while app.poll() is None:
            new = read_progress(shots)[seen:]
            if kill_at and any(m.get("step") == kill_at for m in new):
                os.kill(app.pid, signal.SIGKILL)  # the app dies at once, mid-run
                app.wait()
                return -signal.SIGKILL, time.monotonic() - began
            if any(m.get("step") == "end" and m.get("code") for m in new):
                break
            if time.monotonic() - began > timeout:
                app.kill()
                app.wait()
                return 124, time.monotonic() - began
            time.sleep(0.2)  # polling another process's progress file
        return app.wait(), time.monotonic() - began


def crash_details(shots: Path, log: Path, lines: int = 30) -> str:
    """Where an app session died: its last step mark and the end of its log (a crash's
    faulthandler traceback, all threads); the log itself may be gone when someone reads this."""
    last = (read_progress(shots) or [{}])[-1]
    text = log.read_text("utf-8", errors="replace").splitlines() if log.is_file() else []
    fatal = [i for i, line in enumerate(text) if line.startswith("Fatal Python error")]
    if fatal:  # the error, then the thread that crashed (faulthandler lists it among the others)
        crash = text[fatal[-1]:]
        current = next((i for i, line in enumerate(crash) if line.startswith("Current thread")), 1)
        tail = (crash[:1] + crash[current:])[:lines]
    else:
        tail = text[-lines:]
    return f"last step mark {json.dumps(last, ensure_ascii=False)}; log:\n    " + "\n    ".join(tail)


def check_story(shots: Path, workspace: Path) -> list[str]:
    """What the walk must have seen; each untrue thing is one line."""
    problems = []
    finished = marks(shots, "finished")
    if not finished or finished[-1].get("error_banner"):
        problems.append("after Stop and Resume the first run did not finish cleanly (or a red banner stayed)")
    again = marks(shots, "reattached-finished")
    if not again or again[-1].get("first_step", 99) > 10:
        problems.append(f"the reattached run's chart does not start at its beginning: {again[-1:] or 'not reached'}")
    no = marks(shots, "delete-no")
    if not no or not no[-1].get("still_there"):
        problems.append("Delete answered No removed the run")
    yes = marks(shots, "delete-yes")
    if not yes or not yes[-1].get("gone") or not yes[-1].get("undo_visible") or not yes[-1].get("trash"):
        problems.append(f"Delete answered Yes did not move the run to the trash with Undo: {yes[-1:]}")
    return problems


def trainer_alive(workspace: Path, run_id: str) -> bool:
    sys.path.insert(0, str(REPO))
    from core.runs import Workspace, run_status

    return run_status(Workspace(workspace).run(run_id)) == "running"


def walk_language(lang: str, out: Path, report: Path, timeout: float, keep_work: bool = False,
                  quick: bool = False) -> tuple[list[str], list[str], float]:
    """One language's walk: (problems, English found, seconds)."""
    prefix = lang.replace("_", "-").lower()
    work = Path(tempfile.mkdtemp(prefix=f"pdk-walk-{prefix}-"))
    shots, workspace = work / "shots", work / "workspace"
    shots.mkdir()
    settings = work / "settings.ini"
    settings.write_text(f"[General]\nlanguage={lang}\n", "utf-8")
    env = dict(os.environ, PADDLEDESK_SETTINGS=str(settings), PADDLEDESK_WORKSPACE=str(workspace),
               PYTHONFAULTHANDLER="1",  # a segfault writes every thread's Python stack into the log
               PADDLEDESK_WALK_OUT=str(shots), PPNLP_HOME=str(work / "paddlenlp"), HOME=str(work / "home"),
               DOCKER_HOST=os.environ.get("DOCKER_HOST") or DOCKER_SOCKET, PYTHONPATH=str(REPO))
    env.pop("QT_QPA_PLATFORM", None)  # the real window system (Xvfb), not offscreen
    if quick:  # the same steps on shorter runs, without the Monitor charts session
        env.update(PADDLEDESK_WALK_EPOCHS="6", PADDLEDESK_WALK_SECOND_EPOCHS="3")
    log = report / f"{prefix}-app.log"
    log.unlink(missing_ok=True)
    problems: list[str] = []
    began = time.monotonic()
    code, took = session("first", env, shots, log, timeout, kill_at="kill-me")
    print(f"[{lang}] session 1 (Data, Train, Stop, Resume, second run, SIGKILL): {took:.0f} s", flush=True)
    killed = marks(shots, "kill-me")
    if code != -signal.SIGKILL or not killed:
        problems.append(f"session 1 ended with {code} before the kill (see {log}); {crash_details(shots, log)}")
    elif not trainer_alive(workspace, killed[-1]["run"]):
        problems.append(f"run {killed[-1]['run']} died with the app")
    else:
        code, took = session("second", dict(env, PADDLEDESK_WALK_GPU_TRACE=str(FACTS_TRACE)), shots, log, timeout)
        print(f"[{lang}] session 2 (reattach, Predict, Runs, Settings, Monitor card): {took:.0f} s", flush=True)
        if code != 0:
            problems.append(f"session 2 ended with {code} (see {log}; failed.png); {crash_details(shots, log)}")
        if not quick:
            code, took = session("monitor", dict(env, PADDLEDESK_WALK_GPU_TRACE=str(LOAD_TRACE)), shots, log, timeout)
            print(f"[{lang}] session 3 (Monitor charts): {took:.0f} s", flush=True)
            if code != 0:
                problems.append(f"session 3 ended with {code} (see {log}); {crash_details(shots, log)}")
        problems += check_story(shots, workspace)
    for failed in marks(shots, "failed"):
        problems.append("a step failed: " + failed.get("error", "").strip().splitlines()[-1])
    for png in sorted(shots.glob("*.png")):
        shutil.copyfile(png, out / f"{prefix}-{png.name}")
    english = english_report(shots) if lang.startswith("zh") else []
    if lang.startswith("zh"):
        checked = sum(len(json.loads(p.read_text("utf-8"))) for p in shots.glob("*.texts.json"))
        lines = english or [f"no English in {checked} visible texts of {len(list(shots.glob('*.texts.json')))} steps"]
        (out / f"{prefix}-english.txt").write_text("\n".join(lines) + "\n", "utf-8")  # beside the pictures
    keep = report / f"{prefix}-texts"
    shutil.rmtree(keep, ignore_errors=True)
    keep.mkdir()
    for texts in shots.glob("*.texts.json"):
        shutil.copyfile(texts, keep / texts.name)
    shutil.copyfile(shots / "progress.jsonl", keep / "progress.jsonl") if (shots / "progress.jsonl").is_file() else None
    if keep_work:
        print(f"[{lang}] kept {work}", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return problems, english, time.monotonic() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", default="en,zh_CN", help="comma-separated: en, zh_CN")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"), help="where the pictures go")
    parser.add_argument("--report", help="where the English list, texts and app logs go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace (to look at the runs)")
    parser.add_argument("--quick", action="store_true", help="shorter runs, no Monitor charts session (the test)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per app session")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            print("no DISPLAY and no xvfb-run: install xvfb (Debian: apt install xvfb xauth xdotool)", file=sys.stderr)
            return 2
        screen = f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"
        return subprocess.call(["xvfb-run", "-a", "-s", screen, sys.executable, __file__, *(argv or sys.argv[1:])])
    if not shutil.which("xdotool"):
        print("note: xdotool is not installed; clicks go through Qt's test events", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report = Path(args.report or tempfile.mkdtemp(prefix="pdk-walk-report-"))
    report.mkdir(parents=True, exist_ok=True)
    failed = False
    for lang in [s.strip() for s in args.lang.split(",") if s.strip()]:
        problems, english, took = walk_language(lang, out, report, args.timeout, args.keep, args.quick)
        print(f"[{lang}] walk: {took:.0f} s, {len(problems)} problem(s), {len(english)} English text(s)", flush=True)
        for line in problems + english:
            print(f"  {line}", flush=True)
        failed = failed or bool(problems or english)
    print(f"pictures in {out}; report in {report}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
