"""The Chinese UI says core's messages in Chinese: Problems, dataset warnings, no GPU, doctor, banner errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip

REPO = Path(__file__).resolve().parents[1]
# three English words in a row is a sentence left untranslated (file names, ids and numbers are fine)
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
_DATA = re.compile(r"'[^']*'|\S*/\S*|\S+\.(?:csv|tsv|jsonl|json|so)\b|`[^`]*`|\([^)]*[-_.][^)]*\)|sudo [^，。；）)]*")


def english_left(text: str) -> list[str]:
    """Runs of English words in ``text`` once file names, paths, quoted values and commands are taken out."""
    return _ENGLISH_RUN.findall(_DATA.sub(" ", text))


@pytest.fixture
def chinese(qapp):
    from gui import i18n

    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_every_core_template_has_a_chinese_translation_with_the_same_arguments(chinese):
    from PySide6.QtCore import QCoreApplication

    from core.messages import placeholders
    from gui.core_messages import MESSAGES

    for mid, template in MESSAGES.items():
        zh = QCoreApplication.translate("core", template)
        assert zh != template or not re.search("[A-Za-z]{3}", template), mid
        assert placeholders(zh) == placeholders(template), mid


def test_a_broken_file_and_a_dataset_warning_are_chinese_on_the_data_page(qtbot, tmp_path, chinese):
    from gui.pages.data_page import DataPage

    path = tmp_path / "reviews.csv"
    rows = ["text,label"] + [f"很好吃的第{i}家店,正面" for i in range(40)] + ["太难吃了,负面", ",负面", "一般般"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    page.open_path(str(path))
    qtbot.waitUntil(lambda: page.problems.count() >= 2, timeout=15000)
    lines = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("文本为空" in line for line in lines) and any("1 个字段，应为 2 个" in line for line in lines)
    for line in lines:
        assert not english_left(line), line
    summary = page.summary.text()
    assert "类别不均衡" in summary and "标签 '负面' 只有 1 个样本" in summary
    assert "imbalanced" not in summary and "hardly learn" not in summary


def test_a_file_error_in_the_banner_and_the_cli_hint_stay_apart(qtbot, tmp_path, chinese):
    from gui.pages.data_page import DataPage

    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not text")
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    page.open_path(str(path))
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10000)
    text = page.banner.text()
    assert "不支持的文件类型 .xlsx（Excel 工作簿）" in text and "提示：请另存为 CSV UTF-8" in text
    assert not english_left(text), text


def test_no_gpu_is_said_in_plain_chinese_with_the_details_as_a_tooltip(qtbot, chinese):
    from core.gpu.source import NoGpuError
    from gui.monitor.controller import SamplerController
    from gui.monitor.page import MonitorPage

    controller = SamplerController()
    page = MonitorPage(controller, autostart=False)
    qtbot.addWidget(page)
    from core.gpu.source import open_source

    try:
        open_source()
        pytest.skip("this machine has an NVIDIA GPU")
    except NoGpuError as exc:
        controller._start_sampler(exc)
    assert "这台电脑上没有找到 NVIDIA GPU：训练将在 CPU 上进行。" in page.no_gpu_label.text()
    details = page.no_gpu_label.toolTip()
    assert "没有安装 NVIDIA 驱动库（libnvidia-ml.so）" in details and "怎么办：请安装 NVIDIA 驱动" in details
    assert not english_left(page.no_gpu_label.text() + "\n" + details)
    assert not page.record_button.isEnabled() and "没有可录制的内容" in page.record_button.toolTip()


def test_doctor_lines_and_engine_errors_are_chinese(qtbot, tmp_path, chinese):
    from core.docker.choose import Hardware
    from core.docker.doctor import run_doctor
    from core.docker.engine import check_engine
    from gui.pages.doctor_lines import DoctorLines
    from gui.widgets.banner import Banner

    dead = f"unix://{tmp_path}/docker.sock"
    report = run_doctor(engine=dead, hardware=Hardware(reason="no driver here"), registry_timeout=0.2)
    lines = DoctorLines()
    qtbot.addWidget(lines)
    # registries and image fit are worded by other modules (not yet with ids): checked elsewhere
    lines.show_checks([c for c in report.checks if c.key in ("engine", "socket", "gpu-runtime", "trainer-image")])
    text = lines.plain_text()
    assert "Docker 引擎没有运行" in text and "解决办法：请启动 Docker" in text and "请先启动引擎" in text
    assert not english_left(text), text
    check = check_engine(dead)
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_error(check.error)
    said = banner.text()
    assert said.startswith("Docker 引擎没有运行") and "提示：请启动 Docker" in said
    assert not english_left(said), said
    assert "The Docker engine is not running" in str(check.error)  # the CLI's words stay English


def test_the_language_menu_names_simplified_chinese(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from gui.pages.settings_page import SettingsPage

    page = SettingsPage(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), str(tmp_path / "ws"))
    qtbot.addWidget(page)
    names = [page.language.itemText(i) for i in range(page.language.count())]
    assert "简体中文" in names and "中文" not in names


def test_every_string_of_the_app_is_translated():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "translations.py"), "--check"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
