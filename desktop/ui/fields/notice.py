"""Guidance from the definition that is not a question (e.g. call 112 now)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from desktop.i18n import text as tx
from desktop.ui.common import Banner
from desktop.ui.fields.base import FieldWidget
from forms.model import NoticeField


class NoticeWidget(FieldWidget[NoticeField]):
    """Guidance from the definition (e.g. call 112 now). Danger notices are loud on purpose."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner(self.field.severity, self.body)
        layout.addWidget(self.banner)
        self.label.hide()

    def retranslate_body(self) -> None:
        title = tx(self.field.label, self.lang)
        body = tx(self.field.text, self.lang)
        self.banner.setText(f"{title}\n{body}" if body else title)
        self.banner.setAccessibleName(title)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate_body()

    def value(self) -> None:
        return None

    def _apply_value(self, value: Any) -> None:
        return

    def set_read_only(self, read_only: bool) -> None:
        return
