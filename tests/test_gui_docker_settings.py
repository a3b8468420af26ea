"""Settings → Docker as a user drives it (offscreen, real widgets, the real engine).

"Check this computer" shows the doctor's lines (a dead engine address: the "not running" line with
its fix, no traceback); the suggested image is the default and a user's own choice is checked the
same way (a Paddle 2.6 image on the captured H200 is refused with the reason); the registry and
the package index round-trip and bad ones are refused with their reason; Pull goes through the
chosen registry; Save image to file… → remove → Load image from file… gives the image back with
the progress bar at 100 %.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import docker
import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtWidgets import QFileDialog

from tests.helpers.docker import start_engine
from tests.helpers.gui import open_main_window

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_dialogs")]
FIXTURES = Path(__file__).parent / "fixtures" / "gpu"
PADDLE_2_6_CUDA_11_7 = "paddlepaddle/paddle:2.6.2-gpu-cuda11.7-cudnn8.4-trt8.4"


@pytest.fixture(scope="module")
def engine():
    return start_engine()


def h200():
    """The GPU facts captured on a one-H200 host (this machine has no GPU)."""
    from core.docker.choose import hardware_of
    from core.gpu.model import Snapshot

    facts = json.loads((FIXTURES / "h200x1-gpu-facts.json").read_text(encoding="utf-8"))
    return hardware_of(Snapshot.from_dict(facts["snapshot"]))


def _docker_section(qtbot, workspace, hardware=None, engine_url: str = ""):
    """The app on Settings, the Docker section's GPUs read (``hardware``: replayed ones)."""
    window = open_main_window(qtbot, workspace.root)
    section = window.settings_page.docker
    if hardware is not None:
        section.hardware_provider = lambda: hardware
    window.go_to("settings")
    qtbot.waitUntil(lambda: section.hardware is not None, timeout=20000)
    if engine_url:
        section.engine_url.setText(engine_url)
        section.engine_url.editingFinished.emit()
    return window, section


def _check_this_computer(qtbot, section) -> str:
    section.doctor_button.click()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    return section.doctor.plain_text()


def test_check_this_computer_shows_each_check_as_a_line_with_its_status_and_fix(qtbot, app_env, engine):
    window, section = _docker_section(qtbot, app_env, engine_url=engine.url)
    section.base_image.setEditText(engine.base_image)
    text = _check_this_computer(qtbot, section)
    statuses = dict((plain.split(" — ", 1)[1].split(":", 1)[0], status) for status, plain in section.doctor.rows)
    assert len(section.doctor.rows) == 8, text
    assert statuses["Docker engine"] == "ok" and statuses["Trainer image"] == "ok"
    assert statuses["NVIDIA GPUs and driver"] == "problem"  # no GPU here
    assert "OK — Docker engine: Docker " in text and engine.url in text
    for status, plain in section.doctor.rows:  # every line that is not OK says what to do
        assert ("\nFix: " in plain) is (status != "ok"), plain
    assert "Traceback" not in text and section.banner.isHidden()

    # a base that is nowhere: the trainer-image line says Pull, then Build is next
    section.base_image.setEditText("pdk-test/not-here:1")
    text = _check_this_computer(qtbot, section)
    trainer = next(plain for _s, plain in section.doctor.rows if "Trainer image" in plain)
    assert trainer.startswith("problem — Trainer image:") and "so is its base pdk-test/not-here:1" in trainer
    assert "Fix: next: Pull base image, then Build trainer image" in trainer
    window.close()


def test_a_dead_engine_address_gives_the_not_running_line_with_its_fix(qtbot, app_env, tmp_path):
    dead = f"unix://{tmp_path}/no-engine.sock"
    window, section = _docker_section(qtbot, app_env, engine_url=dead)
    text = _check_this_computer(qtbot, section)
    status, first = section.doctor.rows[0]
    assert status == "problem" and first.startswith("problem — Docker engine: The Docker engine is not running")
    assert dead in first and "Fix: start Docker" in first
    assert "cannot tell — Trainer image: the engine did not answer" in text
    assert "Traceback" not in text and section.banner.isHidden()
    assert section.doctor_button.isEnabled()
    window.close()


def test_the_suggestion_is_the_default_and_an_own_choice_is_checked_the_same_way(qtbot, app_env):
    from gui.pages.docker_settings import DockerSettings

    window, section = _docker_section(qtbot, app_env, hardware=h200())
    combo = section.base_image
    suggested = section.suggestion.ref
    assert suggested.startswith("paddlepaddle/paddle:3.") and "cuda12" in suggested
    assert combo.currentIndex() == 0 and combo.currentText() == f"Suggested for this computer: {suggested}"
    assert section.verdict.text().startswith("✓ OK: ") and "compute capability 9.0" in section.verdict.text()
    assert window.settings.value("docker/base_image") == suggested
    # the catalogue lists GPU images, then CPU ones; each tooltip marks unconfirmed facts
    refs = [combo.itemData(i) for i in range(1, combo.count())]
    gpu = [r for r in refs if "-gpu-" in r]
    assert gpu and refs[:len(gpu)] == gpu
    tip = combo.itemData(1, 3)  # Qt.ToolTipRole
    assert "?" in tip.split("\n")[0] and tip.endswith("? = not confirmed")

    combo.setEditText(PADDLE_2_6_CUDA_11_7)  # the user's own image: kept, and refused on Hopper
    verdict = section.verdict.text()
    assert verdict.startswith("✗ problem: ") and "compute capability 9.0" in verdict
    assert "have no kernels for it" in verdict and "choose a Paddle 3 image" in verdict
    assert "#b3261e" in section.verdict.styleSheet()
    assert window.settings.value("docker/base_image") == PADDLE_2_6_CUDA_11_7
    combo.setEditText("someone/own-paddle:1")
    assert section.verdict.text().startswith("? cannot tell: someone/own-paddle:1 is not in the image catalogue")
    combo.setEditText(PADDLE_2_6_CUDA_11_7)

    # the own choice comes back as it was typed, checked again
    again = DockerSettings(window.settings)
    qtbot.addWidget(again)
    again.hardware_provider = h200
    again.show()
    qtbot.waitUntil(lambda: again.hardware is not None, timeout=20000)
    assert again.base_image.currentText() == PADDLE_2_6_CUDA_11_7
    assert again.verdict.text().startswith("✗ problem: ")
    window.close()


def test_the_registry_and_package_index_round_trip_and_bad_ones_are_refused(qtbot, app_env, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.pages.docker_settings import DockerSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    section = DockerSettings(settings)
    qtbot.addWidget(section)
    assert section.registry.currentText() == "Docker Hub" and section.registry_address.isHidden()
    section.registry.setCurrentIndex(section.registry.findData("paddle-mirror"))
    assert settings.value("docker/registry") == "paddle-mirror"
    section.registry.setCurrentIndex(section.registry.findData("custom"))
    assert not section.registry_address.isHidden()
    section.registry_address.setText("127.0.0.1:5000/paddle")
    section.registry_address.editingFinished.emit()
    assert settings.value("docker/registry") == "127.0.0.1:5000/paddle" and section.registry_problem.isHidden()

    section.registry_address.setText("mirror.example.com:99999")
    section.registry_address.editingFinished.emit()
    assert not section.registry_problem.isHidden()
    assert "'99999' is not a valid port number" in section.registry_problem.text()
    assert settings.value("docker/registry") == "127.0.0.1:5000/paddle"  # the bad one is not saved

    section.index_url.setText("mirrors.example.com/pypi")
    section.index_url.editingFinished.emit()
    assert "is not a package index address" in section.index_problem.text()
    assert not section.index_problem.isHidden() and settings.value("docker/index_url", "") == ""
    section.index_url.setText("http://127.0.0.1:8080/simple")
    section.index_url.editingFinished.emit()
    assert section.index_problem.isHidden() and settings.value("docker/index_url") == "http://127.0.0.1:8080/simple"

    again = DockerSettings(settings)
    qtbot.addWidget(again)
    assert again.registry.currentData() == "custom" and again.registry_address.text() == "127.0.0.1:5000/paddle"
    assert again.index_url.text() == "http://127.0.0.1:8080/simple"


def test_pull_and_build_go_through_the_chosen_registry(qtbot, app_env, engine):
    window, section = _docker_section(qtbot, app_env, engine_url=engine.url)
    section.base_image.setCurrentIndex(section.base_image.findData("paddlepaddle/paddle:3.0.0"))
    section.registry.setCurrentIndex(section.registry.findData("custom"))
    section.registry_address.setText("127.0.0.1:9")  # nothing listens there
    section.registry_address.editingFinished.emit()
    section.pull_button.click()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    text = section.banner.text()
    assert section.banner.level == "error" and "pulled through Custom registry (127.0.0.1:9)" in text
    assert "Hint: Choose another registry" in text and "Traceback" not in text
    # Build pulls the missing base the same way before building anything
    section.build_button.click()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    assert section.banner.level == "error" and "pulled through Custom registry (127.0.0.1:9)" in section.banner.text()
    assert section.build_button.isEnabled() and section.progress.isHidden()
    window.close()


@pytest.fixture
def small_trainer_image(engine, tmp_path):
    """A 5 MiB image FROM scratch tagged as the trainer image of a made-up base; (base, tag)."""
    from core.docker.images import trainer_image_tag

    base = f"pdk-test/gui-base:{os.getpid()}"
    tag = trainer_image_tag(base)
    folder = tmp_path / "image"
    folder.mkdir()
    (folder / "a.bin").write_bytes(os.urandom(3 * 2**20))
    (folder / "b.bin").write_bytes(os.urandom(2 * 2**20))
    (folder / "Dockerfile").write_text("FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n")
    engine.client.images.build(path=str(folder), tag=tag, rm=True)
    yield base, tag
    try:
        engine.client.images.remove(tag)
    except docker.errors.ImageNotFound:
        pass


def test_save_image_to_file_then_load_it_back_with_progress_to_the_end(qtbot, app_env, engine, tmp_path,
                                                                       monkeypatch, small_trainer_image):
    base, tag = small_trainer_image
    image_id = engine.client.images.get(tag).id
    archive = tmp_path / "carried" / "trainer.tar.gz"
    archive.parent.mkdir()
    asked = {}

    def save_dialog(_parent, _title, suggested, filters):
        asked.update(suggested=suggested, filters=filters)
        return str(archive), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(archive), ""))
    window, section = _docker_section(qtbot, app_env, engine_url=engine.url)
    section.base_image.setEditText(base)
    shown: list[int] = []  # every value the bar showed: it moves with the bytes, not just at the end
    section.progress.valueChanged.connect(shown.append)

    section.save_button.click()
    assert section.cancel_button.isEnabled() and not section.load_button.isEnabled()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    assert Path(asked["suggested"]).name == tag.replace("/", "-").replace(":", "-") + ".tar.gz"
    assert "*.tar.gz" in asked["filters"] and "*.tar" in asked["filters"]
    assert section.banner.level == "ok", section.banner.text()
    assert f"Saved {tag} to {archive}" in section.banner.text()
    assert section.progress.isVisible() and section.progress.value() == section.progress.maximum() == 1000
    assert os.listdir(archive.parent) == ["trainer.tar.gz"]
    assert not section.cancel_button.isEnabled()
    assert len({v for v in shown if 0 < v < 1000}) >= 2, shown

    engine.client.images.remove(tag)
    shown.clear()
    section.load_button.click()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    assert section.banner.level == "ok" and section.banner.text() == f"Loaded: {tag}"
    assert section.loaded_names == [tag] and engine.client.images.get(tag).id == image_id
    assert section.progress.value() == section.progress.maximum() == 1000
    assert len({v for v in shown if 0 < v < 1000}) >= 2, shown

    # a file that holds no image: the banner names it, with the hint
    (tmp_path / "notes.tar.gz").write_text("not an image")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(tmp_path / "notes.tar.gz"), ""))
    section.load_button.click()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    text = section.banner.text()
    assert section.banner.level == "error" and "notes.tar.gz is not a Docker image archive" in text
    assert "Hint: Choose a file written by Save image to file…" in text and section.progress.isHidden()
    window.close()


def test_cancelling_a_save_leaves_no_file_and_frees_the_buttons(qtbot, app_env, engine, tmp_path, monkeypatch,
                                                                small_trainer_image):
    base, tag = small_trainer_image
    archive = tmp_path / "carried" / "trainer.tar"
    archive.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(archive), ""))
    window, section = _docker_section(qtbot, app_env, engine_url=engine.url)
    section.base_image.setEditText(base)
    section.save_button.click()
    section.cancel_button.click()  # before the first chunk can arrive: the save stops there
    assert not section.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not section.busy, timeout=60000)
    assert section.banner.level == "info" and section.banner.text() == f"Saving {tag} to {archive} cancelled."
    assert os.listdir(archive.parent) == []  # no archive, no temporary
    assert section.save_button.isEnabled() and section.progress.isHidden()
    window.close()


def test_when_no_gpu_image_fits_the_default_is_the_cpu_image_and_says_what_to_change(qtbot, app_env):
    from core.docker.catalogue import load_catalogue
    from core.docker.choose import GpuFacts, Hardware

    cpu = load_catalogue().cpu_images()[0].ref
    old_driver = Hardware([GpuFacts(0, "NVIDIA H200", "9.0")], driver="470.82.01", cuda="11.4")
    window, section = _docker_section(qtbot, app_env, hardware=old_driver)
    assert section.base_image.currentText() == f"Suggested for this computer: {cpu}"
    verdict = section.verdict.text()
    assert verdict.startswith("✗ problem: no image in the catalogue fits: update the NVIDIA driver to ")
    assert verdict.endswith("or train on the CPU")
    assert window.settings.value("docker/base_image") == cpu
    window.close()
