"""The app's main window in a test, and a sentence predicted through it."""

from __future__ import annotations

from typing import Any


def open_main_window(qtbot: Any, root: Any, **options: Any) -> Any:
    """The app's main window on workspace ``root``, shown (offscreen) and closed with the test."""
    from gui.app import create_window, make_app

    make_app()
    window = create_window(root, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def predict_a_sentence(qtbot: Any, window: Any, export_dir: Any) -> None:
    """Type a review on the Predict page once ``export_dir`` is loaded, and wait for its label."""
    predict = window.predict_page
    qtbot.waitUntil(lambda: predict.ready and predict.export_dir == str(export_dir),
                    timeout=60000)
    predict.input.setText("菜很好吃，服务也很周到，下次还来")
    predict.predict_sentence()
    qtbot.waitUntil(lambda: predict.history.rowCount() == 1, timeout=30000)
    assert predict.result_label.text() in ("正面", "负面")
