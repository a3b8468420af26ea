"""Render the app icon (resources/icons/app.svg) into what each platform's packaging needs.

    python packaging/icons/render_icons.py OUT_DIR

writes OUT_DIR/hicolor/<n>x<n>/apps/paddledesk.png for n in 16..512 and OUT_DIR/hicolor/scalable/
apps/paddledesk.svg (the freedesktop icon theme layout the .deb installs under /usr/share/icons),
plus OUT_DIR/paddledesk.ico (Windows) and OUT_DIR/paddledesk.icns (macOS), through Qt's own SVG
renderer and image writers: nothing to install beyond PySide6.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = Path(__file__).resolve().parents[2] / "resources" / "icons" / "app.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out: Path) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG}: not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "paddledesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable / "paddledesk.svg")
    # Windows and macOS want one multi-size file; Qt writes the largest size they keep
    render(renderer, 256).save(str(out / "paddledesk.ico"), "ICO")
    render(renderer, 512).save(str(out / "paddledesk.icns"), "ICNS")
    print(f"icons in {out}: {', '.join(map(str, SIZES))} px, scalable, .ico, .icns")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")))
