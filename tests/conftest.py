"""Shared test set-up: offscreen Qt, private paddlenlp/HF caches, and the fixtures several files use.

Helper functions live in ``tests/helpers/``: test files import them from there, never from here.
"""

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

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from tests.helpers.docker import BASE_IMAGES, base_id  # noqa: E402 - needs the path above


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A fresh workspace folder, also seen by code that reads $PADDLEDESK_WORKSPACE."""
    from core.runs import Workspace

    root = tmp_path / "workspace"
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(root))
    return Workspace(root)


@pytest.fixture
def app_env(tmp_path, monkeypatch, workspace):
    """A workspace and a private settings file for the app."""
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    return workspace


@pytest.fixture
def no_dialogs(monkeypatch):
    """Any modal dialog would hang an offscreen test: fail instead (``usefixtures("no_dialogs")``)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def refuse(*_a, **_k):
        raise AssertionError("a dialog was opened")

    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    yield
    assert QApplication.activeModalWidget() is None


@pytest.fixture(scope="module")
def engine():
    """The real Docker engine with the trainer image (started or built when missing)."""
    from tests.helpers.docker import start_engine

    return start_engine()


@pytest.fixture(scope="module", params=BASE_IMAGES, ids=base_id)
def paddle_engine(request):
    """The engine with the trainer image built on each base image in turn (Paddle 2.6, Paddle 3)."""
    from tests.helpers.docker import start_engine

    return start_engine(request.param)


@pytest.fixture
def ws(tmp_path, engine):
    """A workspace for Docker runs; every container of its runs is removed afterwards."""
    from core.runs import Workspace
    from tests.helpers.docker import remove_containers_of

    workspace = Workspace(tmp_path / "workspace")
    yield workspace
    remove_containers_of(engine, workspace)
