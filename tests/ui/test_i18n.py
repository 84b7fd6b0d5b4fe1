"""Translations: every UI string goes through tr(), the .ts files are current, a .qm loads.

The scan reads ui/**/*.py and main.py with `ast`: a literal with words in it passed straight
to a widget's text (QLabel, setText, setToolTip, QMessageBox.warning ...) is an offender, and
so is a list or table of words for people that is looked up through tr() at run time but not
marked with QT_TRANSLATE_NOOP (lupdate cannot see it, so no translator ever would).
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from ui import i18n

REPO = Path(__file__).resolve().parents[2]
TS_DIR = REPO / "resources" / "translations"

# Widget classes whose first argument is text people read.
TEXT_WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QToolButton", "QCommandLinkButton", "QMenu",
}  # fmt: skip
# Methods whose first argument is text people read (or hear, for accessible names).
TEXT_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setSubTitle", "setLabelText", "setInformativeText",
    "setDetailedText", "addTab", "insertTab", "setTabText", "addRow", "showMessage",
    "setAccessibleName", "setAccessibleDescription", "addMenu", "setButtonText",
    "setSpecialValueText", "setSuffix", "setPrefix", "setItemText", "addItem",
    "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
}  # fmt: skip
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
TRANSLATORS = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"}

WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
TAG = re.compile(r"<[^>]*>")
TECHNICAL = re.compile(r"\S*[/@\\_=+]\S*")  # one token: a URL, a path, a name_with_underscores


def _words(node: ast.AST) -> bool:
    """A string literal or f-string whose fixed text has a word in it (tags and fields aside)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        template = node.value
    elif isinstance(node, ast.JoinedStr):
        template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    else:
        return False
    text = TAG.sub(" ", template).strip()
    if TECHNICAL.fullmatch(text):
        return False  # an address or a path shown as an example, not words
    return any(len(w) > 1 for w in WORD.findall(text))


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in i18n.source_files()]


def _helper_names(tree: ast.Module) -> set[str]:
    """The module's own translate helpers (`_tr`, `t` ...) and those of modules it imports."""
    helpers = set(TRANSLATORS)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and _name(inner.func) == "translate":
                    helpers.add(node.name)
    return helpers


def untranslated_literals() -> list[str]:
    """`file:line: call(literal)` for each literal shown to people without tr()."""
    found = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in TEXT_WIDGETS or name in TEXT_METHODS:
                args = node.args[:1]
            elif name == "addAction":
                args = node.args[:2]  # addAction(text) or addAction(icon, text)
            elif (
                name in MESSAGE_BOXES and _name(getattr(node.func, "value", None)) == "QMessageBox"
            ):
                args = node.args[1:3]  # (parent, title, text)
            else:
                continue
            args = [*args, *(k.value for k in node.keywords if k.arg in {"text", "title"})]
            found += [
                f"{_where(path, a)}: {name}({ast.unparse(a)[:60]})" for a in args if _words(a)
            ]
    return found


def formatted_inside_tr() -> list[str]:
    """tr(f"...") or tr("a" + b): the text looked up is never the text extracted."""
    found = []
    for path, tree in _trees():
        helpers = _helper_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in helpers:
                for arg in node.args:
                    if isinstance(arg, ast.JoinedStr | ast.BinOp):
                        found.append(f"{_where(path, arg)}: {ast.unparse(node)[:70]}")
    return found


def _collections(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    """(name, value) of module- and class-level tuples, lists, sets and dicts."""
    out = []
    bodies = [tree.body, *(n.body for n in tree.body if isinstance(n, ast.ClassDef))]
    for body in bodies:
        for node in body:
            target = value = None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign):
                target, value = node.target, node.value
            if isinstance(target, ast.Name) and isinstance(
                value, ast.Tuple | ast.List | ast.Set | ast.Dict
            ):
                out.append((target.id, value))
    return out


def _phrases(value: ast.AST) -> list[ast.Constant]:
    """Plain string literals in a collection's values that read as words for people."""
    nodes = value.values if isinstance(value, ast.Dict) else [value]
    out = []
    for node in nodes:
        for c in ast.walk(node):
            if isinstance(c, ast.Constant) and isinstance(c.value, str):
                text = c.value.strip()
                if (" " in text or text[:1].isupper()) and _words(c):
                    out.append(c)
    return out


def _marked(value: ast.AST) -> set[int]:
    """ids of the constants already inside a QT_TRANSLATE_NOOP-style call."""
    return {
        id(c)
        for call in ast.walk(value)
        if isinstance(call, ast.Call) and _name(call.func) in TRANSLATORS
        for c in ast.walk(call)
    }


def unmarked_lookups() -> list[str]:
    """Tables of words translated at run time (tr(TABLE[k])) that lupdate cannot see."""
    found = []
    for path, tree in _trees():
        helpers = _helper_names(tree)
        dynamic = any(
            isinstance(n, ast.Call)
            and _name(n.func) in helpers - {"QT_TR_NOOP", "QT_TRANSLATE_NOOP"}
            and n.args
            and not isinstance(n.args[-1], ast.Constant)
            for n in ast.walk(tree)
        )
        if not dynamic:
            continue
        for name, value in _collections(tree):
            marked = _marked(value)
            phrases = [c for c in _phrases(value) if id(c) not in marked]
            if phrases:
                sample = ", ".join(repr(c.value) for c in phrases[:2])
                found.append(f"{_where(path, value)}: {name} = ... {sample} (not marked)")
    return found


def test_widget_text_goes_through_tr() -> None:
    offenders = untranslated_literals()
    assert not offenders, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(
        offenders
    )


def test_no_formatted_text_inside_tr() -> None:
    offenders = formatted_inside_tr()
    assert not offenders, "translate the template, then .format() it:\n" + "\n".join(offenders)


def test_words_looked_up_at_run_time_are_marked_for_lupdate() -> None:
    offenders = unmarked_lookups()
    assert not offenders, "mark with QT_TRANSLATE_NOOP(context, ...):\n" + "\n".join(offenders)


def _messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_ts_file_is_up_to_date(language: str, tmp_path: Path) -> None:
    committed = i18n.ts_path(language)
    assert committed.exists(), f"{committed.name} missing: run `make translations`"
    fresh = tmp_path / committed.name
    i18n.lupdate([fresh])
    want, have = _messages(fresh), _messages(committed)
    assert have == want, (
        f"{committed.name} has {len(have)} messages, the source has {len(want)}: "
        f"run `make translations`. New: {sorted(want - have)[:5]} Gone: {sorted(have - want)[:5]}"
    )


def test_helper_calls_are_extracted_with_their_context(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "texts.py").write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication\n"
        "CONTEXT = 'words'\n"
        "def t(text):\n    return QCoreApplication.translate(CONTEXT, text)\n"
        "HELLO = QT_TRANSLATE_NOOP(CONTEXT, 'Hello')\n"
        "x = t('Bye')\n"
    )
    (tmp_path / "ui" / "page.py").write_text(
        "from ui import texts as tx\n"
        "def _tr(text):\n    return QCoreApplication.translate('page', text)\n"
        "a = _tr('Save') + tx.t('Later') + tx.t(tx.HELLO)\n"
    )
    files = sorted((tmp_path / "ui").glob("*.py"))
    found = i18n.helper_messages(files, repo=tmp_path)
    assert set(found) == {
        ("words", "Hello"),
        ("words", "Bye"),
        ("page", "Save"),
        ("words", "Later"),
    }


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_shipped_qm_files_load(language: str, qapp) -> None:
    qm = i18n.ts_path(language).with_suffix(".qm")
    assert QTranslator().load(str(qm)), f"{qm.name} missing or unreadable: `make translations`"


def test_a_translation_is_used_and_english_is_the_fallback(qapp, tmp_path, monkeypatch) -> None:
    ts = tmp_path / "sylcollect_cy.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="cy">'
        "<context><name>UnlockWindow</name><message><source>Unlock</source>"
        "<translation>Datgloi</translation></message></context></TS>",
        encoding="utf-8",
    )
    i18n.lrelease(ts, ts.with_suffix(".qm"))
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    installed = i18n.install(qapp, QLocale("cy_GB"))
    try:
        assert installed
        assert QCoreApplication.translate("UnlockWindow", "Unlock") == "Datgloi"
        assert QCoreApplication.translate("UnlockWindow", "Password") == "Password"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("UnlockWindow", "Unlock") == "Unlock"


def test_words_of_a_table_are_translated_in_the_context_they_are_marked_in(
    qapp, tmp_path, monkeypatch
) -> None:
    """A header marked QT_TRANSLATE_NOOP("devices", ...) is looked up in "devices" at run time,
    and so is a default indicator label in "IndicatorsModel" (a form's other wording is not)."""
    from ui.models.devices import DevicesModel
    from ui.models.indicators import IndicatorsModel, indicator_label

    ts = tmp_path / "sylcollect_cy.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="cy">'
        "<context><name>devices</name><message><source>Laptop</source>"
        "<translation>Gliniadur</translation></message></context>"
        "<context><name>IndicatorsModel</name><message><source>Incidents</source>"
        "<translation>Digwyddiadau</translation></message></context></TS>",
        encoding="utf-8",
    )
    i18n.lrelease(ts, ts.with_suffix(".qm"))
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    devices, indicators = DevicesModel(), IndicatorsModel()
    horizontal = Qt.Orientation.Horizontal
    installed = i18n.install(qapp, QLocale("cy_GB"))
    try:
        assert installed
        assert devices.headerData(DevicesModel.DEVICE, horizontal) == "Gliniadur"
        assert devices.headerData(DevicesModel.FIELDWORKER, horizontal) == "Fieldworker"
        column = IndicatorsModel.COLUMNS.index("incidents")
        assert indicators.headerData(column, horizontal) == "Digwyddiadau"
        indicators.set_labels({"incidents": "Incidents"})  # the form's own, same words
        assert indicators.headerData(column, horizontal) == "Digwyddiadau"
        indicators.set_labels({"incidents": "Number of incidents"})
        assert indicators.headerData(column, horizontal) == "Number of incidents"
        # the monthly-return dialog words its fields the same way
        assert indicator_label({"incidents": "Incidents"}, "incidents") == "Digwyddiadau"
        assert indicator_label({}, "incidents") == "Digwyddiadau"
        assert indicator_label({"incidents": "Number of incidents"}, "incidents") == (
            "Number of incidents"
        )
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert devices.headerData(DevicesModel.DEVICE, horizontal) == "Laptop"


def test_a_language_without_a_file_stays_wholly_english(qapp) -> None:
    assert i18n.install(qapp, QLocale("de_DE")) == []  # not even Qt's German buttons


def test_the_language_can_be_chosen_by_environment(monkeypatch) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "cy")
    assert i18n.chosen_locale().language() == QLocale.Language.Welsh
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    assert i18n.chosen_locale() == QLocale.system()
