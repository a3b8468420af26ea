"""Settings → Models in the real app, offline: a weightless ERNIE shows the no-weights warning on the
Train page; a tiny ERNIE saved by save_pretrained is imported through the Import button, which clears
the warning and lists it; a run from it starts with the imported weights; Export writes an archive;
a broken folder is refused in the banner with what is missing and how to fix it."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtWidgets import QFileDialog

from core.jobs import DatasetSpec
from tests.helpers.gui import open_main_window

REPO = Path(__file__).resolve().parents[1]
REVIEWS = REPO / "resources" / "datasets" / "reviews_zh"
NO_WEIGHTS = "no pretrained weights here: this trains from random weights, expect much lower accuracy"


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def tiny_ernie_archive(tmp_path: Path) -> Path:
    """A tiny ERNIE written by PaddleNLP's save_pretrained (in its own process: Paddle stays out of
    the GUI's), packed as a .tar.gz the way a user would carry it over."""
    folder = tmp_path / "tiny-ernie"
    code = "import sys; from pathlib import Path; from tests.test_model_store import save_tiny_ernie; " \
           "save_tiny_ernie(Path(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True, cwd=REPO, timeout=300,
                   env={**os.environ, "HF_HUB_OFFLINE": "1"})
    archive = tmp_path / "tiny-ernie.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        tf.add(folder, "tiny-ernie")
    return archive


def test_import_clears_the_no_weights_warning_trains_from_the_imported_weights_and_exports(
        qtbot, workspace, tmp_path, monkeypatch):
    archive = tiny_ernie_archive(tmp_path)
    window = open_main_window(qtbot, workspace.root)
    train, models = window.train_page, window.settings_page.models
    train.set_dataset(DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")))
    window.go_to("train")

    # before: a catalogue ERNIE with no weights here says so before Start
    assert train.select_model("ernie-3.0-mini-zh")
    qtbot.waitUntil(lambda: train.estimate_shown_for == "ernie-3.0-mini-zh", timeout=30000)
    assert train.weights_warning.isVisible()
    assert NO_WEIGHTS in train.weights_warning.text().lower()
    assert "import weights or connect" in train.weights_warning.text()
    assert not train.select_model("ernie-custom")  # nothing imported yet: not offered
    window.go_to("settings")
    qtbot.waitUntil(lambda: models.status_of("ernie-3.0-mini-zh") == "needs download", timeout=10000)
    assert models.status_of("ernie-custom") == ""

    # import through the button's archive entry
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(archive), ""))
    models.import_archive_action.trigger()
    assert models.busy and models.busy_bar.isVisible() and not models.import_button.isEnabled()
    qtbot.waitUntil(lambda: not models.busy, timeout=60000)
    assert models.banner.level == "ok", models.banner.text()
    assert "ernie-custom" in models.banner.text()
    assert models.status_of("ernie-custom") == "available offline"
    assert models.selected_name() == "ernie-custom" and models.export_button.isEnabled()

    # the Train page offers it, with no warning
    window.go_to("train")
    qtbot.waitUntil(lambda: train.select_model("ernie-custom"), timeout=30000)
    qtbot.waitUntil(lambda: train.estimate_shown_for == "ernie-custom", timeout=30000)
    assert not train.weights_warning.isVisible(), train.weights_warning.text()

    # a run from it starts with the imported weights
    train.apply_preset("quick")
    train.max_steps.setValue(2)
    train.max_seq_len.setValue(128)
    train.start()
    qtbot.waitUntil(lambda: train.state in ("finished", "failed") and not train.following, timeout=240000)
    assert train.state == "finished", train.banner.text() + train.console.text()[-2000:]
    start = train.run.history().start
    store = workspace.root / "models" / "ernie-custom"
    assert start["pretrained"] == str(store)
    assert "imported as ernie-custom" in start["weights"] and str(archive) in start["weights"]

    # export it for another computer
    window.go_to("settings")
    out = tmp_path / "carry" / "ernie-custom.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    models.export_button.click()
    qtbot.waitUntil(lambda: models.last_export is not None and not models.busy, timeout=60000)
    assert models.banner.level == "ok" and str(out) in models.banner.text()
    with zipfile.ZipFile(out) as zf:
        assert {"ernie-custom/model_state.pdparams", "ernie-custom/vocab.txt"} <= set(zf.namelist())


def test_a_broken_model_folder_is_refused_in_the_banner_with_what_is_missing(qtbot, workspace, tmp_path,
                                                                              monkeypatch):
    from gui.app import make_app
    from gui.pages.models_settings import ModelsSettings

    make_app()
    folder = tmp_path / "half-copied"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "ernie"}', encoding="utf-8")
    (folder / "model_state.pdparams").write_bytes(b"\0")
    models = ModelsSettings(workspace)
    qtbot.addWidget(models)
    models.show()
    qtbot.waitUntil(lambda: bool(models.rows), timeout=10000)
    assert not models.export_button.isEnabled()  # nothing chosen, nothing here to export
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    models.import_folder_action.trigger()
    qtbot.waitUntil(lambda: not models.busy, timeout=30000)
    assert models.banner.level == "error"
    text = models.banner.text()
    assert str(folder) in text and "no vocab.txt" in text and "save_pretrained" in text
    assert not (workspace.root / "models" / "ernie-custom").exists()
    assert models.status_of("ernie-custom") == ""
