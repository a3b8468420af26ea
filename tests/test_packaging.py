"""Installing like a desktop app: the wheel in a fresh venv, the .deb on a bare Debian, --self-test, welcome.

The wheel and the .deb come from dist/, which `./dev test` (re)builds before pytest when their
inputs changed (`./dev package` by hand): the tests never download anything themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist"
BUILD_HINT = "build it with `./dev package` (`./dev test` does when dist/ is stale)"


def _artefact(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    assert found, f"no dist/{pattern}: {BUILD_HINT}"
    return found[-1]


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PADDLEDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PADDLEDESK_SETTINGS=str(tmp_path / "settings.ini"),
               PADDLEDESK_WORKSPACE=str(tmp_path / "workspace"), HOME=str(tmp_path / "home"), **extra)
    return env


# --- in the checkout -----------------------------------------------------------------------------


def test_the_checkout_finds_its_resources_through_the_one_locator():
    from core.datasets.samples import SAMPLES_DIR, sample_datasets
    from core.docker.images import dockerfile_dir
    from core.resources import resources_root
    from gui.resources import TRANSLATIONS, icon_path

    assert resources_root() == REPO / "resources"
    assert SAMPLES_DIR == REPO / "resources" / "datasets"
    assert {s.name for s in sample_datasets()} == {"reviews_zh", "news_topics_zh"}
    assert (dockerfile_dir() / "Dockerfile").is_file()
    assert (TRANSLATIONS / "paddledesk_zh_CN.qm").is_file() and Path(icon_path("app")).is_file()


def test_the_frozen_bundle_starts_the_trainer_with_its_own_program(workspace, monkeypatch):
    """In the bundle there is no python: sys.executable is paddledesk, which takes --run-trainer."""
    from core.jobs import JobSpec
    from core.runners.local import trainer_command

    run = workspace.new_run(JobSpec())
    plain = trainer_command(run, resume=False, python="/usr/bin/python3")
    assert plain[:3] == ["/usr/bin/python3", "-m", "trainer"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    frozen = trainer_command(run, resume=True, python="/opt/paddledesk/paddledesk")
    assert frozen[:2] == ["/opt/paddledesk/paddledesk", "--run-trainer"]
    assert frozen[2:] == plain[3:] + ["--resume"]


def test_self_test_visits_every_page_and_exits_0(tmp_path):
    out = subprocess.run([sys.executable, "-m", "paddledesk", "--self-test"], capture_output=True, text=True,
                         env=_clean_env(tmp_path, PYTHONPATH=str(REPO)), cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    for page in ("data", "train", "monitor", "predict", "runs", "settings"):
        assert f"page {page}: ok" in out.stdout
    assert out.stdout.rstrip().endswith("self-test: ok")
    assert not (tmp_path / "settings.ini").exists() or "geometry" not in (tmp_path / "settings.ini").read_text()


def test_the_welcome_shows_once_with_language_workspace_sample_and_doctor(qtbot, tmp_path, monkeypatch):
    from gui.app import AppController, make_app
    from gui.welcome import ENV_NO_WELCOME, should_welcome, show_welcome

    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.delenv(ENV_NO_WELCOME, raising=False)
    make_app()
    controller = AppController(tmp_path / "ws")
    window = controller.open()
    qtbot.addWidget(window)
    assert should_welcome(window.settings)
    welcome = show_welcome(controller)
    assert not welcome.isModal() and welcome.isVisible()
    assert not should_welcome(window.settings)  # once per settings file
    # the doctor runs on a worker and fills in Docker and the GPUs
    qtbot.waitUntil(lambda: "Docker" in welcome.doctor.text() and "GPU" in welcome.doctor.text(), timeout=30000)
    assert [welcome.language.itemData(i) for i in range(welcome.language.count())] == ["system", "en", "zh_CN"]
    welcome.use_workspace(str(tmp_path / "mine"))
    assert window.workspace.root == tmp_path / "mine" and welcome.workspace.text() == str(tmp_path / "mine")
    welcome.try_sample()
    qtbot.waitUntil(lambda: window.train_page.dataset is not None, timeout=20000)
    assert window.current_page() == "data" and window.data_page.model.rowCount() == 1640
    monkeypatch.setenv(ENV_NO_WELCOME, "1")
    window.settings.remove("welcome/shown")
    assert not should_welcome(window.settings)


# --- the wheel, installed outside the checkout ---------------------------------------------------


def test_the_wheel_carries_translations_dockerfile_icons_and_samples():
    names = set(zipfile.ZipFile(_artefact("paddledesk-*.whl")).namelist())
    for name in ("paddledesk/resources/translations/paddledesk_zh_CN.qm", "paddledesk/resources/docker/Dockerfile",
                 "paddledesk/resources/icons/app.svg", "paddledesk/resources/style/app.qss",
                 "paddledesk/resources/datasets/reviews_zh/train.tsv", "core/trainer/__main__.py",
                 "core/resources.py", "core/docker/catalogue.json"):
        assert name in names, f"{name} is not in the wheel"


GUI_IN_CHINESE = """
from gui.app import create_window, make_app
from core.docker.images import dockerfile_dir
from core.resources import resources_root
app = make_app(); w = create_window(); w.show(); app.processEvents()
print("nav", w.nav.item(1).text(), w.train_page.start_button.text())
print("resources", resources_root())
print("dockerfile", dockerfile_dir() / "Dockerfile", (dockerfile_dir() / "Dockerfile").is_file())
w.close_quietly()
"""


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_trains_speaks_chinese_and_finds_the_dockerfile(tmp_path):
    """A fresh venv outside the repository. Its dependencies (Paddle, Qt: 1.2 GB) are not installed
    again: one .pth line adds the test venv's site-packages after the venv's own. A .pth in a
    folder named that way is not processed itself, so the checkout's editable install stays off."""
    wheel = _artefact("paddledesk-*.whl")
    venv = tmp_path / "fresh"
    base_python = Path(sys.base_prefix) / "bin" / "python3"
    subprocess.run([str(base_python), "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    fresh_site = next((venv / "lib").glob("python3*/site-packages"))
    (fresh_site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    env = _clean_env(tmp_path)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import core, paddledesk; print(core.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert where.stdout.startswith(str(fresh_site)), where.stdout  # not the checkout

    demo = subprocess.run([str(venv / "bin" / "paddledesk"), "demo"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=600)
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    assert "Predictions from" in demo.stdout and demo.stdout.count("正面  [") >= 1

    (tmp_path / "settings.ini").write_text("[General]\nlanguage=zh_CN\n", encoding="utf-8")
    gui = subprocess.run([str(venv / "bin" / "python"), "-c", GUI_IN_CHINESE], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    assert gui.returncode == 0, gui.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in gui.stdout.splitlines() if " " in line)
    assert lines["nav"] == "训练 开始训练"
    assert lines["resources"] == str(fresh_site / "paddledesk" / "resources")
    assert lines["dockerfile"] == f"{fresh_site / 'paddledesk' / 'resources' / 'docker' / 'Dockerfile'} True"


# --- the .deb on a bare Debian without Python -----------------------------------------------------

IN_THE_CONTAINER = """
set -e
if command -v python3 || command -v python; then echo "this system has Python"; exit 3; fi
dpkg -i /dist/{deb} >/dev/null
test -f /usr/share/applications/paddledesk.desktop
test -f /usr/share/icons/hicolor/48x48/apps/paddledesk.png
test -f /usr/share/metainfo/org.paddledesk.PaddleDesk.metainfo.xml
paddledesk --version
paddledesk --self-test
paddledesk demo
"""


@pytest.mark.docker
@pytest.mark.slow
def test_the_deb_installs_on_bare_debian_without_python_and_runs_demo_and_self_test():
    import docker

    deb = _artefact("paddledesk_*_amd64.deb")
    made = subprocess.run(["bash", str(REPO / "packaging" / "linux" / "clean-debian-image.sh"), str(deb)],
                          capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stderr[-3000:]
    image = made.stdout.split()[-1]
    client = docker.from_env()
    container = client.containers.run(
        image, ["/bin/sh", "-c", IN_THE_CONTAINER.format(deb=deb.name)], detach=True, network_mode="none",
        volumes={str(DIST): {"bind": "/dist", "mode": "ro"}},
        environment={"QT_QPA_PLATFORM": "offscreen", "HOME": "/root"}, labels={"paddledesk.test": "packaging"})
    try:
        code = container.wait(timeout=900)["StatusCode"]
        out = container.logs().decode("utf-8", "replace")
    finally:
        container.remove(force=True)
    assert code == 0, out[-4000:]
    assert "paddledesk 0.1.0" in out
    assert "page monitor: ok" in out and "self-test: ok" in out
    assert "Predictions from" in out and ("正面  [" in out or "负面  [" in out)


def test_choosing_chinese_in_the_welcome_rebuilds_the_window_and_the_welcome_in_chinese(qtbot, tmp_path, monkeypatch):
    from gui import i18n
    from gui.app import AppController, make_app
    from gui.welcome import show_welcome

    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    make_app()
    i18n.install("en")
    controller = AppController(tmp_path / "ws")
    first = controller.open()
    qtbot.addWidget(first)
    welcome = show_welcome(controller)
    try:
        welcome.language.setCurrentIndex(welcome.language.findData("zh_CN"))
        chinese = controller.window
        qtbot.addWidget(chinese)
        assert chinese is not first and chinese.nav.item(1).text() == "训练"
        assert chinese.settings.value("language") == "zh_CN"
        assert controller.welcome is not welcome and controller.welcome.isVisible()
        assert controller.welcome.language.currentData() == "zh_CN"
    finally:
        i18n.install("en")
        controller.welcome.close()
        controller.window.close()
