"""Text that core/ provides (model catalogue, sample datasets, run states, messages) translated for the UI.

core/ stays free of Qt, so its English strings are listed here with ``QT_TRANSLATE_NOOP`` in the
context "core": ``tools/translations.py`` (lupdate) picks them up into the .ts files like any
``self.tr`` string, and :func:`tr_core` looks them up where the GUI shows them. A test checks
that every string the catalogue and the samples hold is listed here.

Core's messages (``core.messages.Message``: an id, an English template, arguments) are listed in
``gui/core_messages.py``, which ``tools/translations.py`` writes from the ``say(...)`` calls in core;
:func:`render` translates a message's template and fills in its arguments.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.messages import Message

CONTEXT = "core"

# core/models.py `_TEXTS`: display names, descriptions, speed hints
MODELS = (
    QT_TRANSLATE_NOOP("core", "Bag of words"),
    QT_TRANSLATE_NOOP("core", "Averages character embeddings; the simplest baseline."),
    QT_TRANSLATE_NOOP("core", "seconds per epoch on a CPU"),
    QT_TRANSLATE_NOOP("core", "fastText (char n-grams)"),
    QT_TRANSLATE_NOOP("core", "Averages embeddings of characters and hashed 2-/3-character n-grams; "
                              "fast and strong on short reviews. Recommended first model."),
    QT_TRANSLATE_NOOP("core", "N-grams (TF-IDF, 3 heads)"),
    QT_TRANSLATE_NOOP("core", "Hashed character 1-5-grams and jieba words; linear heads over their TF-IDF "
                              "characters, their TF-IDF and their naive-Bayes-weighted TF-IDF, averaged; evaluated "
                              "4 times per epoch, the best kept. Recommended on a CPU."),
    QT_TRANSLATE_NOOP("core", "Char CNN"),
    QT_TRANSLATE_NOOP("core", "Convolutions of widths 2-4 over characters, max-pooled."),
    QT_TRANSLATE_NOOP("core", "about a minute per epoch of 10k sentences on a CPU"),
    QT_TRANSLATE_NOOP("core", "BiLSTM"),
    QT_TRANSLATE_NOOP("core", "Bidirectional LSTM over characters, mean-pooled."),
    QT_TRANSLATE_NOOP("core", "minutes per epoch on a CPU; faster on a GPU"),
    QT_TRANSLATE_NOOP("core", "ERNIE 3.0 Nano"),
    QT_TRANSLATE_NOOP("core", "Smallest pretrained ERNIE 3.0 (4 layers, 312 wide)."),
    QT_TRANSLATE_NOOP("core", "GPU recommended; a CPU manages small datasets"),
    QT_TRANSLATE_NOOP("core", "ERNIE 3.0 Micro"),
    QT_TRANSLATE_NOOP("core", "Pretrained ERNIE 3.0, 4 layers, 384 wide."),
    QT_TRANSLATE_NOOP("core", "GPU recommended"),
    QT_TRANSLATE_NOOP("core", "ERNIE 3.0 Mini"),
    QT_TRANSLATE_NOOP("core", "Pretrained ERNIE 3.0, 6 layers, 384 wide."),
    QT_TRANSLATE_NOOP("core", "ERNIE 3.0 Medium"),
    QT_TRANSLATE_NOOP("core", "Pretrained ERNIE 3.0, 6 layers, 768 wide: high accuracy at moderate cost."),
    QT_TRANSLATE_NOOP("core", "GPU needed"),
    QT_TRANSLATE_NOOP("core", "ERNIE 3.0 Base"),
    QT_TRANSLATE_NOOP("core", "Pretrained ERNIE 3.0, 12 layers, 768 wide: the most accurate."),
    QT_TRANSLATE_NOOP("core", "ERNIE 1.0"),
    QT_TRANSLATE_NOOP("core", "The original Chinese ERNIE, 12 layers, 768 wide."),
    QT_TRANSLATE_NOOP("core", "ERNIE (imported)"),
    QT_TRANSLATE_NOOP("core", "An imported ERNIE whose sizes match no catalogue entry."),
    QT_TRANSLATE_NOOP("core", "ERNIE tiny (test)"),
    QT_TRANSLATE_NOOP("core", "2 layers, 64 wide, built from config; for tests."),
)

# core/datasets/samples.py: titles and descriptions of the shipped samples
SAMPLES = (
    QT_TRANSLATE_NOOP("core", "中文评论情感 / Chinese review sentiment"),
    QT_TRANSLATE_NOOP("core", "Short Chinese reviews of restaurants, hotels, online shopping and films, "
                              "labelled 负面/正面 (negative/positive); balanced; 700 train / 150 dev / 150 test."),
    QT_TRANSLATE_NOOP("core", "中文新闻标题分类 / Chinese headline topics"),
    QT_TRANSLATE_NOOP("core", "Chinese news headlines in four topics: 体育 sports, 财经 finance, 科技 tech, "
                              "娱乐 entertainment; 200 train / 50 dev / 50 test."),
)

# core/runs.py run_status() values, the trainer's phases, and the metrics a run is judged by
STATES = (
    QT_TRANSLATE_NOOP("core", "created"),
    QT_TRANSLATE_NOOP("core", "running"),
    QT_TRANSLATE_NOOP("core", "preparing"),
    QT_TRANSLATE_NOOP("core", "training"),
    QT_TRANSLATE_NOOP("core", "evaluating"),
    QT_TRANSLATE_NOOP("core", "exporting"),
    QT_TRANSLATE_NOOP("core", "finished"),
    QT_TRANSLATE_NOOP("core", "failed"),
    QT_TRANSLATE_NOOP("core", "stopped"),
    QT_TRANSLATE_NOOP("core", "accuracy"),
    QT_TRANSLATE_NOOP("core", "macro_f1"),
    QT_TRANSLATE_NOOP("core", "This computer"),  # core/docker/engines.py LOCAL_NAME, the local engine's name
)

ALL = MODELS + SAMPLES + STATES


def tr_core(text: str) -> str:
    """``text`` from core in the UI's language (unchanged when it has no translation)."""
    if not text:
        return text
    return QCoreApplication.translate(CONTEXT, text)


def render(text: Any) -> str:
    """A core text in the UI's language: a Message's template translated, then its arguments filled in
    (arguments that are messages are translated too; file names, numbers and labels stay as they are).
    Plain text is returned unchanged."""
    if text is None:
        return ""
    if not isinstance(text, Message):
        return str(text)
    args = {k: render(v) if isinstance(v, Message) else v for k, v in text.args.items()}
    translated = QCoreApplication.translate(CONTEXT, text.template) if text.id != "join" else text.template
    try:
        return translated.format(**args)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: say it in English
        return text.template.format(**args)


def render_problem(problem: Any) -> str:
    """A core.datasets Problem as ``file:line: message — hint``, in the UI's language."""
    where = f"{problem.file}:{problem.line}" if problem.line else str(problem.file)
    text = f"{where}: {render(problem.message)}" if where else render(problem.message)
    return f"{text} — {render(problem.hint)}" if problem.hint else text


def no_gpu_sentence() -> str:
    """What a person is told when this computer has no usable NVIDIA GPU (the reasons go in a tooltip)."""
    return QCoreApplication.translate("gpu", "No NVIDIA GPU found on this computer: training runs on the CPU.")


def no_gpu_details(error: Any) -> str:
    """The technical reasons and the hint of a core.gpu NoGpuError (or any text), for a "Details" tooltip."""
    if error is None or error == "":
        return ""
    reasons = getattr(error, "details", None) or [getattr(error, "reason", error)]
    lines = [render(r) for r in reasons]
    hint = getattr(error, "hint", "")
    if hint:
        lines.append(QCoreApplication.translate("gpu", "What to do: %1").replace("%1", render(hint)))
    return QCoreApplication.translate("gpu", "Details:") + "\n" + "\n".join(lines)
