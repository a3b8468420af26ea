"""The app with a replayed H200 (compute capability 9.0, driver 580): the Monitor card shows the
facts, the Train page picks a Paddle 3 image by default and refuses a Docker GPU start on a Paddle
2.6 image with the doctor's reason, before any engine is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.gui import open_main_window

TRACE = Path(__file__).parent / "fixtures" / "gpu" / "h200x1-facts-recording.json"
PADDLE_26 = "paddlepaddle/paddle:2.6.2-gpu-cuda11.7-cudnn8.4-trt8.4"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, workspace):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    # an engine address where nothing answers: a refused start must not need (or reach) one
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path / 'no-engine.sock'}")
    win = open_main_window(qtbot, workspace.root, gpu_trace=str(TRACE))
    yield win
    win.close()


def _ready_to_train(qtbot, window):
    from core.datasets import sample_datasets

    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    window.go_to("data")
    window.data_page.open_sample(sample)
    qtbot.waitUntil(lambda: window.train_page.dataset is not None, timeout=20000)
    page = window.train_page
    window.go_to("train")
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    qtbot.waitUntil(lambda: page.picker.list.count() == 1, timeout=20000)
    page.picker.set_selected([0])
    return page


def test_the_monitor_card_and_the_gpu_picker_show_compute_capability_and_driver(qtbot, window):
    window.go_to("monitor")
    qtbot.waitUntil(lambda: getattr(window, "monitor_dashboard", None) is not None
                    and 0 in window.monitor_dashboard.cards
                    and "cc=9.0" in window.monitor_dashboard.cards[0].text(), timeout=20000)
    text = window.monitor_dashboard.cards[0].text()
    assert "driver=580.159.04 / 13.0" in text
    window.go_to("train")
    page = window.train_page
    qtbot.waitUntil(lambda: page.picker.list.count() == 1, timeout=20000)
    assert "CC 9.0" in page.picker.list.item(0).text()


def test_a_docker_gpu_start_on_a_paddle_2_6_image_is_refused_with_the_doctors_reason(qtbot, window, workspace):
    page = _ready_to_train(qtbot, window)
    page.docker_base_image = PADDLE_26  # what Settings → Docker hands over when a user picks it
    page.start_button.click()
    assert page.banner.isVisible()
    text = page.banner.text()
    assert "GPU 0 (NVIDIA H200) is compute capability 9.0; Paddle 2.6.2 images" in text
    assert "choose a Paddle 3 image" in text
    assert "paddlepaddle/paddle:3." in text  # the fix names the image that would run
    assert page.cpu_button.isVisible()
    assert page.state in ("idle", "failed") and page.run is None
    assert workspace.runs() == []  # nothing was launched


def test_without_a_chosen_image_the_train_page_uses_the_one_suggested_for_the_gpu(qtbot, window):
    from core.docker.catalogue import load_catalogue
    from core.docker.images import trainer_image_tag

    page = _ready_to_train(qtbot, window)
    page.docker_base_image = ""
    job = page.job()
    base = page.base_image_for(job.runner.devices)
    image = load_catalogue().find(base)
    assert image.paddle_major == 3 and image.cuda.startswith("12.") and image.has_kernels_for("9.0")
    assert job.runner.image == trainer_image_tag(base)
    assert page.image_refusal(job) is None
