"""The parts of the on-screen consent: the information sheet as text, the statements with a
tick each, and one signature block per signatory."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sylcollect.reports.econsent import Signatory
from sylcollect.reports.templates import ConsentTemplate, FormItem, SignatureBlock, fill, long_date
from ui.widgets.basics import label
from ui.widgets.signature_pad import SignatureField

#: Blocks every form needs signed; others ("where needed") are optional, unless the
#: consent is recorded as that person's (`SignatoryBlock.set_required`).
REQUIRED_BLOCKS = ("participant", "researcher")
#: The assent form's block for the parent, carer or local authority who gives consent.
RESPONSIBLE_ADULT = "responsible_adult"


def _tr(text: str) -> str:
    return QCoreApplication.translate("econsent", text)


def sheet_markdown(t: ConsentTemplate, values: dict[str, str]) -> str:
    """The information sheet as Markdown (the templates' `**bold**` and `- ` bullets)."""
    parts = [f"## {fill(t.sheet_title, values)}"]
    parts.append(f"*{t.sheet_heading}, version {t.sheet_version}, {long_date(t.sheet_date)}*")
    if t.sheet_intro:
        parts.append(fill(t.sheet_intro, values))
    for section in t.sections:
        parts.append(f"### {fill(section.heading, values)}")
        parts.append(re.sub(r"\n(?=\S)(?!- )", " ", fill(section.text, values)))
    return "\n\n".join(parts)


class SheetText(QLabel):
    """The information sheet, word-wrapped Markdown; read aloud by screen readers."""

    def __init__(self, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("infoSheet")
        self.setTextFormat(Qt.TextFormat.MarkdownText)
        self.setWordWrap(True)
        self.setText(markdown)
        self.setAccessibleName(_tr("Information sheet"))


class Statements(QWidget):
    """One checkbox per form statement; each named by its words."""

    changed = Signal()

    def __init__(self, items: tuple[FormItem, ...], values: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        self.items = items
        self.boxes: dict[str, QCheckBox] = {}
        for n, item in enumerate(items, start=1):
            text = fill(item.text, values).replace("**", "")
            row = QHBoxLayout()
            box = QCheckBox(f"{n}.", self)
            box.setAccessibleName(f"{n}. {text}")
            box.setMinimumSize(44, 28)
            box.toggled.connect(self.changed)
            words = label(text, parent=self)
            words.setBuddy(box)
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(words, 1)
            col.addLayout(row)
            self.boxes[item.id] = box
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)

    def agreed(self) -> frozenset[str]:
        return frozenset(i for i, box in self.boxes.items() if box.isChecked())

    def required_missing(self) -> list[int]:
        """Numbers of the statements without a scope (the form's core) that are not ticked,
        plus taking part."""
        out = []
        for n, item in enumerate(self.items, start=1):
            core = item.scope is None or item.scope.value == "taking_part"
            if core and not self.boxes[item.id].isChecked():
                out.append(n)
        return out


class SignatoryBlock(QWidget):
    """One signature block of the template: name, its other fields, the signature, date."""

    changed = Signal()

    def __init__(
        self,
        block: SignatureBlock,
        values: dict[str, str],
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.block = block
        self.heading = fill(block.heading, values)
        self.required = block.id in REQUIRED_BLOCKS
        self.why = ""  # why an optional block is needed now ('' when it is not)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 8)
        col.setSpacing(4)
        col.addWidget(label(self.heading, "subtitle"))
        if block.note:
            col.addWidget(label(fill(block.note, values), "caption"))
        self.need = label("", "attention", parent=self)
        self.need.hide()
        col.addWidget(self.need)
        self.edits: dict[str, QLineEdit] = {}
        self.signature: SignatureField | None = None
        for field in block.fields:
            if field.startswith("Signature"):
                self.signature = SignatureField(self.heading, self)
                self.signature.changed.connect(self.changed)
                col.addWidget(label(field, parent=self))
                col.addWidget(self.signature)
            elif field == "Date":
                today = long_date(date.today())
                col.addWidget(label(_tr("Date: {day}").format(day=today), "muted"))
            else:
                edit = QLineEdit(name if field == "Name" else "", self)
                edit.setAccessibleName(f"{field}: {self.heading}")
                edit.textChanged.connect(self.changed)
                lab = label(field, parent=self)
                lab.setBuddy(edit)
                col.addWidget(lab)
                col.addWidget(edit)
                self.edits[field] = edit
        first = next(iter(self.edits.values()), None) or self.signature
        if first is not None:
            self.setFocusProxy(first)

    def set_required(self, why: str) -> None:
        """Makes the block needed before saving, saying `why` under its heading; with '' it
        is needed only when the template says so (participant, researcher)."""
        self.why = why
        self.required = bool(why) or self.block.id in REQUIRED_BLOCKS
        self.need.setText(why)
        self.need.setVisible(bool(why))
        first = self.focusProxy()
        if first is not None:
            first.setAccessibleDescription(why)

    def is_signed(self) -> bool:
        return self.signature is not None and self.signature.is_signed()

    def is_started(self) -> bool:
        typed = any(e.text().strip() for f, e in self.edits.items() if f != "Name")
        return self.is_signed() or typed

    def problem(self) -> str:
        """What is missing, in words ('' when the block is complete or optional and empty)."""
        if not self.required and not self.is_started():
            return ""
        if not self.is_signed() and self.why:
            return _tr(
                "{who}: needs to sign before saving, because “Who gives consent” records "
                "their consent. If they are not here, save later, or attach a scan of the "
                "paper form once they have signed it."
            ).format(who=self.heading)
        if not self.is_signed():
            return _tr("{who}: sign in the box, or type the name as the signature.").format(
                who=self.heading
            )
        missing = [f for f, e in self.edits.items() if not e.text().strip()]
        if missing:
            return _tr("{who}: fill in {fields}.").format(
                who=self.heading, fields=", ".join(m.lower() for m in missing)
            )
        return ""

    def signatory(self, day: date) -> Signatory | None:
        if self.signature is None or not self.is_signed():
            return None
        values = {f: e.text().strip() for f, e in self.edits.items() if f != "Name"}
        name = self.edits["Name"].text().strip() if "Name" in self.edits else ""
        return Signatory(
            self.block.id,
            name,
            day,
            self.signature.png(),
            self.signature.typed_name(),
            values,
        )

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        if self.signature is not None:
            self.signature.clear()
