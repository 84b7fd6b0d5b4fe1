"""Loads the interface translation for the system's language; builds the `.ts`/`.qm` files.

At run time `install(app)` loads `resources/translations/sylcollect_<lang>.qm` (and Qt's own
`qtbase_<lang>.qm` for standard buttons) for the system locale, or for the language named in
SYLCOLLECT_UI_LANGUAGE (e.g. `cy`). Where there is no file, or a string has no translation
yet, Qt shows the English source string: the app always starts in English otherwise.

At build time `python -m ui.i18n` (`make translations`) runs `pyside6-lupdate` over `ui/` and
`main.py` into one `.ts` file per language in LANGUAGES, then `pyside6-lrelease` into `.qm`.
lupdate reads `self.tr("...")`, `QCoreApplication.translate("ctx", "...")` and
`QT_TRANSLATE_NOOP("ctx", "...")` with literal arguments only; `helper_messages()` adds what it
cannot see: calls to a module's one-line helper `def _tr(text): return
QCoreApplication.translate("ctx", text)`, and a context given as a module constant.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from sylcollect.resources import resource

BASENAME = "sylcollect"
SOURCE_LANGUAGE = "en_GB"
# The English file holds the source strings; the others are for translators to fill in.
LANGUAGES = ("en_GB", "cy")
LANGUAGE_ENV = "SYLCOLLECT_UI_LANGUAGE"


def translations_dir() -> Path:
    return resource("translations")


def chosen_locale() -> QLocale:
    """SYLCOLLECT_UI_LANGUAGE when set (e.g. 'cy'), else the system's locale."""
    name = os.environ.get(LANGUAGE_ENV, "").strip()
    return QLocale(name) if name else QLocale.system()


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Installs the app's translation for `locale`, and then Qt's own; returns them.

    Qt's translation (standard buttons) only comes with ours, so that a language we have no
    file for leaves the whole interface in English rather than half translated.
    """
    locale = locale if locale is not None else chosen_locale()
    installed: list[QTranslator] = []
    candidates = (
        (BASENAME, str(translations_dir())),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in candidates:
        translator = QTranslator(app)  # parented: lives as long as the app
        if translator.load(locale, name, "_", folder, ".qm") and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
            if not installed:
                break
    return installed


# --- build time ---------------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
TRANSLATE = "translate"
NOOPS = ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3")


def source_files(repo: Path = REPO) -> list[Path]:
    """Every file lupdate reads: ui/**/*.py and main.py, in a stable order."""
    return [*sorted((repo / "ui").rglob("*.py")), repo / "main.py"]


def _str(node: ast.AST | None, consts: dict[str, str]) -> str | None:
    """A string literal, or a module constant bound to one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    return None


def _module_name(path: Path, repo: Path) -> str:
    return ".".join(path.relative_to(repo).with_suffix("").parts)


class _Module:
    """One parsed source file: its string constants and its translate helpers."""

    def __init__(self, path: Path, repo: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.consts: dict[str, str] = {}
        self.helpers: dict[str, str] = {}  # helper function name -> context
        self.aliases: dict[str, str] = {}  # local name -> module name
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                value = _str(node.value, {})
                if isinstance(target, ast.Name) and value is not None:
                    self.consts[target.id] = value
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.aliases[a.asname] = a.name
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef):
                ctx = self._helper_context(node)
                if ctx is not None:
                    self.helpers[node.name] = ctx

    def _helper_context(self, fn: ast.FunctionDef) -> str | None:
        """'ctx' for `def f(text): return QCoreApplication.translate(ctx, text)`."""
        body = [n for n in fn.body if not isinstance(n, ast.Expr)]  # skip a docstring
        if len(fn.args.args) != 1 or len(body) != 1 or not isinstance(body[0], ast.Return):
            return None
        call = body[0].value
        param = fn.args.args[0].arg
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == TRANSLATE
            and len(call.args) == 2
            and isinstance(call.args[1], ast.Name)
            and call.args[1].id == param
        ):
            return _str(call.args[0], self.consts)
        return None


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def helper_messages(files: Iterable[Path], repo: Path = REPO) -> list[tuple[str, str]]:
    """(context, text) pairs that lupdate cannot read itself, in source order."""
    modules = {_module_name(p, repo): _Module(p, repo) for p in files}
    found: list[tuple[str, str]] = []
    for mod in modules.values():
        for call in _calls(mod.tree):
            func, args = call.func, call.args
            ctx: str | None = None
            text: str | None = None
            if isinstance(func, ast.Name) and func.id in mod.helpers and args:
                ctx, text = mod.helpers[func.id], _str(args[0], {})
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                target = modules.get(mod.aliases.get(func.value.id, ""))
                if target is not None and func.attr in target.helpers and args:
                    ctx, text = target.helpers[func.attr], _str(args[0], {})
                elif func.attr == TRANSLATE and len(args) >= 2 and isinstance(args[0], ast.Name):
                    ctx, text = _str(args[0], mod.consts), _str(args[1], {})
            noop = isinstance(func, ast.Name) and func.id in NOOPS and len(args) >= 2
            if noop and isinstance(args[0], ast.Name):  # a literal context lupdate reads itself
                ctx, text = _str(args[0], mod.consts), _str(args[1], {})
            if ctx is not None and text is not None and (ctx, text) not in found:
                found.append((ctx, text))
    return found


def write_shim(messages: list[tuple[str, str]], path: Path) -> None:
    """A Python file of literal `translate` calls for lupdate to read (never imported)."""
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for ctx, text in messages:
        lines.append(
            "QCoreApplication.translate("
            f"{json.dumps(ctx, ensure_ascii=False)}, {json.dumps(text, ensure_ascii=False)})"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def lupdate(ts_files: list[Path], repo: Path = REPO) -> None:
    """Brings `ts_files` up to date with the source strings (vanished ones dropped)."""
    files = source_files(repo)
    with tempfile.TemporaryDirectory(prefix="sylcollect-i18n-") as tmp:
        shim = Path(tmp) / "helper_messages.py"
        write_shim(helper_messages(files, repo), shim)
        cmd = [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            SOURCE_LANGUAGE,
            *map(str, files),
            str(shim),
            "-ts",
            *map(str, ts_files),
        ]
        subprocess.run(cmd, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def ts_path(language: str, folder: Path | None = None) -> Path:
    return (folder or REPO / "resources" / "translations") / f"{BASENAME}_{language}.ts"


def build(folder: Path | None = None) -> list[Path]:
    """`make translations`: every language's .ts updated and compiled to .qm."""
    folder = folder or REPO / "resources" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    ts_files = [ts_path(lang, folder) for lang in LANGUAGES]
    lupdate(ts_files)
    qms = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        lrelease(ts, qm)
        qms.append(qm)
    return qms


if __name__ == "__main__":
    for qm in build():
        print(qm.relative_to(REPO))
