"""Language choice: Chinese on a Chinese locale, English otherwise, switchable in Settings.

The strings live in the code as ``self.tr(...)``; ``pyside6-lupdate`` extracts them into
``resources/translations/paddledesk_zh_CN.ts`` and ``pyside6-lrelease`` compiles the ``.qm``
that is loaded here (see ``tools/translations.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gui.resources import TRANSLATIONS

LANGUAGES = {"system": "System", "en": "English", "zh_CN": "简体中文"}  # as the README names them
_installed: list[QTranslator] = []


def resolve(choice: str) -> str:
    """The language a choice means: 'system' follows the locale (zh_* -> zh_CN, else en)."""
    if choice in ("en", "zh_CN"):
        return choice
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install(choice: str) -> str:
    """Load the translator for ``choice`` into the running app; returns the language used."""
    app = QCoreApplication.instance()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = resolve(choice)
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return lang
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"paddledesk_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)  # Qt's own dialogs (file dialog buttons, ...)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return lang
