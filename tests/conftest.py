"""Shared test set-up: offscreen Qt, private paddlenlp/HF caches, a workspace per test."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# Qt aborts without a display unless told to draw offscreen (exit 134, silently).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_CACHE = Path(tempfile.mkdtemp(prefix="pdk-test-cache-"))
# paddlenlp writes ~/.paddlenlp on import; keep it out of the user's home
os.environ.setdefault("PPNLP_HOME", str(_CACHE / "paddlenlp"))
os.environ.setdefault("HF_HOME", str(_CACHE / "hf"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SAMPLES = REPO / "resources" / "datasets"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A fresh workspace folder, also seen by code that reads $PADDLEDESK_WORKSPACE."""
    from core.runs import Workspace

    root = tmp_path / "workspace"
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(root))
    return Workspace(root)


def wait_for(predicate, timeout: float = 180.0, interval: float = 0.05):
    """Poll ``predicate`` until it returns something truthy (returned); fail after ``timeout`` s."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s")


def open_main_window(qtbot, root, **options):
    """The app's main window on workspace ``root``, shown (offscreen) and closed with the test."""
    from gui.app import create_window, make_app

    make_app()
    window = create_window(root, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def predict_a_sentence(qtbot, window, export_dir) -> None:
    """Type a review on the Predict page once ``export_dir`` is loaded, and wait for its label."""
    predict = window.predict_page
    qtbot.waitUntil(lambda: predict.ready and predict.export_dir == str(export_dir),
                    timeout=60000)
    predict.input.setText("菜很好吃，服务也很周到，下次还来")
    predict.predict_sentence()
    qtbot.waitUntil(lambda: predict.history.rowCount() == 1, timeout=30000)
    assert predict.result_label.text() in ("正面", "负面")
