"""Build signaal.png / .ico / .icns from signaal.svg with Qt: ``python resources/icons/make_icons.py``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.qt import QGuiApplication, QImage, QPainter, Qt


def render(svg: Path, size: int) -> QImage:
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication([])
    here = Path(__file__).resolve().parent
    svg = here / "signaal.svg"
    big = render(svg, 512)
    assert big.save(str(here / "signaal.png"))
    assert render(svg, 256).save(str(here / "signaal.ico"))
    assert big.save(str(here / "signaal.icns"))
    for size in (16, 32, 48, 64, 128):
        assert render(svg, size).save(str(here / f"signaal-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
