"""Update and compile the app's Qt translations.

    python tools/translations.py          # write gui/core_messages.py from core's say(...) calls,
                                         # lupdate: refresh resources/translations/*.ts from gui/
                                         # lrelease: compile them to .qm (what the app loads)
    python tools/translations.py --check  # exit 1 when a string has no translation yet
    python tools/translations.py --fill zh_CN.json   # {"source": "译文"}: fill unfinished entries, then as above

The .ts files are the translations' source of truth (edit them with `pyside6-linguist`, or by
hand: they are XML); lupdate keeps existing translations and marks vanished strings obsolete.
Both tools ship with PySide6-Essentials (`pyside6-lupdate`, `pyside6-lrelease`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "resources" / "translations"
LANGUAGES = ("zh_CN",)
CORE_MESSAGES = REPO / "gui" / "core_messages.py"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def core_messages_source() -> str:
    """gui/core_messages.py as it must read: every template core says, marked for lupdate (context "core")."""
    from core.messages import templates_in_source

    templates = templates_in_source(REPO / "core")
    lines = ["# ruff: noqa: E501",
             '"""Every message template core/ says (``say(id, template)``), for lupdate: written by',
             "tools/translations.py from the source; do not edit by hand (run the tool again).", '"""', "",
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", "", "MESSAGES = {"]
    for mid in sorted(templates):
        template = json.dumps(templates[mid], ensure_ascii=False)
        lines.append(f'    {json.dumps(mid)}: QT_TRANSLATE_NOOP("core", {template}),')
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_core_messages() -> bool:
    """Rewrite gui/core_messages.py when core's templates changed; True when it did."""
    text = core_messages_source()
    if CORE_MESSAGES.exists() and CORE_MESSAGES.read_text(encoding="utf-8") == text:
        return False
    CORE_MESSAGES.write_text(text, encoding="utf-8")
    return True


def tool(name: str) -> str:
    """The PySide6 wrapper next to this Python, else the one on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[str]:
    """Every Python file of the GUI (relative paths keep the .ts locations stable)."""
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "gui").rglob("*.py"))


def untranslated(ts: Path) -> list[str]:
    """Source strings of ``ts`` without a finished translation."""
    root = ET.parse(ts).getroot()
    out = []
    for message in root.iter("message"):
        tr = message.find("translation")
        if tr is None or tr.get("type") in ("obsolete", "vanished"):
            continue
        forms = tr.findall("numerusform")
        text = "".join(f.text or "" for f in forms) if forms else (tr.text or "")
        if tr.get("type") == "unfinished" or not text.strip():
            out.append(message.findtext("source") or "")
    return out


MESSAGE = re.compile(r"<message( numerus=\"yes\")?>.*?</message>", re.S)


def fill(ts: Path, translations: dict[str, str]) -> int:
    """Give each unfinished message of ``ts`` whose source is a key its translation (one form: Chinese
    has no plural); the file is edited in place, the rest of it byte for byte. Returns how many."""
    done = 0

    def replace(match: re.Match) -> str:
        nonlocal done
        block = match.group(0)
        message = ET.fromstring(block)
        source, tr = message.findtext("source") or "", message.find("translation")
        if tr is None or tr.get("type") != "unfinished" or source not in translations:
            return block
        text = xml_escape(translations[source], {"'": "&apos;", '"': "&quot;"})
        body = f"<numerusform>{text}</numerusform>" if match.group(1) else text
        done += 1
        return re.sub(r"<translation type=\"unfinished\">.*?</translation>",
                      lambda _m: f"<translation>{body}</translation>", block, flags=re.S)

    ts.write_text(MESSAGE.sub(replace, ts.read_text(encoding="utf-8")), encoding="utf-8")
    return done


def main(argv: list[str] | None = None) -> int:
    """lupdate + lrelease for every language; --check lists missing translations."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail when a string is untranslated")
    parser.add_argument("--fill", help="a JSON file {source: translation} for the untranslated strings (zh_CN)")
    args = parser.parse_args(argv)
    missing = 0
    write_core_messages()
    for lang in LANGUAGES:
        ts = TS_DIR / f"paddledesk_{lang}.ts"
        subprocess.run([tool("lupdate"), "-locations", "none", "-no-obsolete", *sources(), "-ts", str(ts)],
                       cwd=REPO, check=True)
        if args.fill:
            print(f"{ts.name}: filled {fill(ts, json.loads(Path(args.fill).read_text(encoding='utf-8')))}")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        todo = untranslated(ts)
        missing += len(todo)
        for text in todo:
            print(f"{ts.name}: untranslated: {text!r}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
