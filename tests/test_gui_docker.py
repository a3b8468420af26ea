"""The app trains in a real Docker container, as a user would drive it (offscreen, real engine).

Settings → Docker points at the test engine and its base image; the Train page's runner is
"Docker container"; the run streams into the charts, ends "finished", shows in Runs with its
export and the Predict page labels a sentence with it. A GPU request on this engine (no NVIDIA
runtime) is the named error in the page, with the hint and "Run on CPU instead", and no container.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip

from tests.helpers.docker import start_engine
from tests.helpers.gui import open_main_window, predict_a_sentence

pytestmark = [pytest.mark.docker, pytest.mark.slow]
TRACE = Path(__file__).parent / "fixtures" / "gpu" / "h200x2-load-recording.json"


@pytest.fixture(scope="module")
def engine():
    return start_engine()


@pytest.fixture
def app_env(tmp_path, monkeypatch, workspace, engine):
    """A private settings file; afterwards no container of this workspace is left."""
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("DOCKER_HOST", engine.url)
    yield workspace
    left = _containers(engine, workspace)
    for c in left:
        c.remove(force=True)
    assert not left, "the app left containers behind"


def _containers(engine, workspace) -> list:
    """Containers of this workspace's runs, found by the app's labels with the docker client."""
    from core.runners.docker import LABEL_RUN, LABEL_WORKSPACE

    root = str(workspace.root.resolve())
    return [c for c in engine.client.containers.list(ignore_removed=True, all=True, filters={"label": LABEL_RUN})
            if c.labels.get(LABEL_WORKSPACE) == root]


def _window(qtbot, workspace, engine, gpu_trace=None):
    window = open_main_window(qtbot, workspace.root, gpu_trace=gpu_trace)
    # Settings → Docker: the test engine and its base image, as a user types and picks them
    settings = window.settings_page
    window.go_to("settings")
    settings.engine_url.setText(engine.url)
    settings.engine_url.editingFinished.emit()
    settings.base_image.setCurrentText(engine.base_image)
    # the sample dataset, one click on the Data page
    from core.datasets import sample_datasets

    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    window.go_to("data")
    window.data_page.open_sample(sample)
    qtbot.waitUntil(lambda: window.train_page.dataset is not None, timeout=20000)
    page = window.train_page
    window.go_to("train")
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    page.select_model("bow")
    page.apply_preset("quick")
    page.advanced_toggle.setChecked(True)
    page.max_steps.setValue(30)
    page.logging_every.setValue(2)
    page.batch_size.setValue(16)
    page.eval_every.setValue(15)
    return window


def test_a_user_trains_in_a_docker_container_and_predicts_with_the_export(qtbot, app_env, engine):
    window = _window(qtbot, app_env, engine)
    page = window.train_page
    assert "Docker" in window.status_runner.text()
    assert page.job().runner.image == engine.trainer_image
    page.start_button.click()
    qtbot.waitUntil(lambda: page.run is not None, timeout=60000)
    run = page.run
    assert run.runner_info().get("kind") == "docker"
    # points arrive in the loss chart, then the run finishes and the container is gone
    qtbot.waitUntil(lambda: page.charts.point_count("train_loss") >= 1, timeout=120000)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=180000)
    assert page.banner.isHidden(), page.banner.text()
    assert page.history.last_step == 30
    assert page.charts.point_count("train_loss") == 15
    assert page.charts.point_count("eval_loss") >= 2
    assert page.report.confusion.rowCount() == 2
    assert run.has_export()
    qtbot.waitUntil(lambda: not _containers(engine, app_env), timeout=30000)

    # Runs lists it, finished, with its export: "Try it" opens the Predict page on that export
    window.go_to("runs")
    runs = window.runs_page
    qtbot.waitUntil(lambda: {r.run.id: r.status for r in runs.model.rows} == {run.id: "finished"},
                    timeout=30000)
    runs.select_ids([run.id])
    assert runs.predict_button.isEnabled()
    runs.predict_button.click()
    assert window.current_page() == "predict"
    predict_a_sentence(qtbot, window, run.export_dir)
    window.close()


def test_a_gpu_request_on_an_engine_without_nvidia_runtime_offers_the_cpu(qtbot, app_env, engine):
    # this machine has no GPU: the real two-H200 recording gives the picker GPUs to tick
    window = _window(qtbot, app_env, engine, gpu_trace=str(TRACE))
    page = window.train_page
    qtbot.waitUntil(lambda: page.picker.list.count() == 2, timeout=20000)
    page.picker.set_selected([1])
    assert page.job().runner.devices == [1]
    page.start_button.click()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=60000)
    text = page.banner.text()
    assert "cannot give GPUs to containers" in text and "could not select device driver" in text
    assert "Hint:" in text and "NVIDIA Container Toolkit" in text
    assert page.cpu_button.isVisible() and page.cpu_button.isEnabled()
    assert page.state in ("idle", "failed") and page.start_button.isEnabled()
    assert not _containers(engine, app_env)
    assert app_env.runs() == []  # nothing ran: no run to list

    # "Run on CPU instead": the same job without GPUs, in a container, to the end
    page.max_steps.setValue(6)
    page.cpu_button.click()
    qtbot.waitUntil(lambda: page.run is not None, timeout=60000)
    assert page.run.job().runner.devices == []
    assert page.picker.selected_indices() == []
    assert page.cpu_button.isHidden() and page.banner.isHidden()
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=180000)
    assert page.run.runner_info().get("kind") == "docker"
    qtbot.waitUntil(lambda: not _containers(engine, app_env), timeout=30000)
    window.close()
