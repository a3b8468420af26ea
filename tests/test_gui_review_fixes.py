"""Regressions from the GUI review: stale predictors, state after failed start/stop, stale reads."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def test_predict_uses_the_new_export_after_the_folder_is_written_again(tmp_path):
    from test_predict import make_export

    from gui.pages.predict_page import load_predictor, predict_texts

    folder = make_export(tmp_path / "export", "bow")
    first = load_predictor(str(folder))
    assert load_predictor(str(folder)) is first  # cached while the export stays the same
    # "Export again" rewrites the folder in place: new labels in a newer manifest
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["labels"] = ["bad", "good"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    stat = manifest_path.stat()
    os.utime(manifest_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    results, _ms = predict_texts(str(folder), ["服务非常好，推荐"])
    assert results[0].label in ("bad", "good")
    assert load_predictor(str(folder)).labels == ["bad", "good"]
