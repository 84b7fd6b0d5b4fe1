"""Load an XLSForm (.xlsx, .xls, .md, .csv) with pyxform into the frozen form model."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from sylcollect.forms.model import Choice, Form, FormError
from sylcollect.forms.xlsbuild import ModelBuilder, choice, languages
from sylcollect.forms.xlscheck import NO_SURVEY, file_problem, unreadable
from sylcollect.forms.xlssheets import read_extra_sheets, strip_unknown_csv

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".md", ".csv")
TEXT_SUFFIXES = (".md", ".csv")
_OR_OTHER = re.compile(r"\s+(or_other|or specify other)\s*$", re.IGNORECASE)
_MAX_MESSAGE = 400


def load_form(path: Path) -> Form:
    """Load the XLSForm at `path`; FormError (never a traceback) if it can't be used."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise FormError(f"{path.name}: not an XLSForm (expected {', '.join(SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormError(f"{path.name}: cannot be read ({exc.strerror or 'I/O error'})") from None
    return _load(data, path.name)


def load_form_text(text: str, filename: str) -> Form:
    """Load an XLSForm given as text (`.md`, as stored in the database, or `.csv`)."""
    suffix = Path(filename).suffix.lower() or ".md"
    if suffix not in TEXT_SUFFIXES:
        raise FormError(f"{filename}: only .md and .csv forms can be given as text")
    return _load(text.encode("utf-8"), filename if Path(filename).suffix else filename + ".md")


def _one_line(text: str) -> str:
    """pyxform's message on one line, without a trailing full stop repeated."""
    line = "; ".join(part.strip() for part in str(text).splitlines() if part.strip())
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"


def _load(data: bytes, filename: str) -> Form:
    from pyxform.errors import PyXFormError

    suffix = Path(filename).suffix.lower()
    problem = file_problem(data, suffix)
    if problem:
        raise FormError(f"{filename}: {problem}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's noise about unknown extensions
            return _convert(data, filename)
    except FormError:
        raise
    except PyXFormError as exc:
        message = unreadable(str(exc), suffix) or _one_line(str(exc))
        raise FormError(f"{filename}: {message or 'pyxform refused the form'}") from None
    except Exception as exc:  # pyxform raises all sorts on malformed input
        detail = _one_line(f"{type(exc).__name__}: {exc}")
        raise FormError(f"{filename}: pyxform could not read the form ({detail})") from None


def _convert(data: bytes, filename: str) -> Form:
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    stem, suffix = Path(filename).stem, Path(filename).suffix.lower()
    readable = strip_unknown_csv(data) if suffix == ".csv" else data
    workbook = get_xlsform(BytesIO(readable), file_type=suffix)
    if not workbook.survey:
        raise FormError(f"{filename}: {_no_survey(suffix, workbook.sheet_names or ())}")
    settings = _settings(workbook.settings)
    rows, or_other = _survey_rows(workbook.survey or ())
    external = _choice_lists(workbook.external_choices or ())
    sheet_names = list(workbook.sheet_names or ())
    notes: list[str] = []
    pyxform_json = workbook_to_json(workbook_dict=workbook, fallback_form_name=stem, warnings=notes)
    survey = create_survey_element_from_dict(pyxform_json)
    xform = survey.to_xml(validate=False, pretty_print=False, warnings=notes)
    extra = read_extra_sheets(data, suffix, sheet_names)

    builder = ModelBuilder(rows, or_other, filename)
    root = builder.group(pyxform_json, "", root=True)
    choice_lists = {
        str(name): tuple(choice(c) for c in items)
        for name, items in (pyxform_json.get("choices") or {}).items()
    }
    form_id = settings.get("form_id") or settings.get("id_string") or stem
    default_language = str(pyxform_json.get("default_language") or "default")
    return Form(
        id=form_id,
        version=settings.get("version") or "1",
        title=settings.get("form_title") or settings.get("title") or form_id,
        default_language=default_language,
        languages=languages(root, choice_lists, default_language),
        root=root,
        choice_lists=choice_lists,
        external_choices=external,
        extra_sheets=extra,
        settings=settings,
        source_sha256=hashlib.sha256(data).hexdigest(),
        xform_xml=xform,
        warnings=tuple(_one_line(n) for n in notes),
    )


def _no_survey(suffix: str, sheets: Sequence[str]) -> str:
    if any(s.strip().lower() == "survey" for s in sheets):
        return "the survey sheet has no rows"
    found = f" (sheets: {', '.join(sheets)})" if sheets else ""
    return NO_SURVEY.get(suffix, "no survey sheet") + found


def _settings(sheet: Sequence[Mapping[str, Any]] | None) -> dict[str, str]:
    """The first settings row, with lower-case keys and string values."""
    if not sheet:
        return {}
    return {str(k).strip().lower(): str(v).strip() for k, v in sheet[0].items() if v is not None}


def _cell(row: Mapping[str, Any], *keys: str) -> str:
    for key, value in row.items():
        if str(key).strip().lower() in keys and value is not None:
            return str(value).strip()
    return ""


def _survey_rows(sheet: Sequence[Mapping[str, Any]]) -> tuple[dict[str, list[int]], set[str]]:
    """Row numbers by question name, and the names of `or_other` selects."""
    rows: dict[str, list[int]] = {}
    or_other: set[str] = set()
    for index, row in enumerate(sheet):
        name = _cell(row, "name") or _cell(row, "value", "tag")
        kind = _cell(row, "type", "command")
        if not name or kind.lower().startswith("end"):
            continue
        rows.setdefault(name, []).append(index + 2)
        if _OR_OTHER.search(kind):
            or_other.add(name)
    return rows, or_other


def _choice_lists(sheet: Sequence[Mapping[str, Any]]) -> dict[str, tuple[Choice, ...]]:
    """The external_choices sheet as choice lists (for select_one_external)."""
    lists: dict[str, list[Choice]] = {}
    for row in sheet:
        clean = {str(k).strip(): v for k, v in row.items() if v is not None}
        list_name = _cell(clean, "list_name", "list name")
        if not list_name:
            continue
        labels = {
            (k.split("::", 1)[1] if "::" in k else "default"): str(v)
            for k, v in clean.items()
            if k.lower() == "label" or k.lower().startswith("label::")
        }
        skip = {"list_name", "list name", "name"}
        extras = {
            k: str(v)
            for k, v in clean.items()
            if k.lower() not in skip and not k.lower().startswith("label")
        }
        item = Choice(name=_cell(clean, "name"), labels=labels, extras=extras)
        lists.setdefault(list_name, []).append(item)
    return {name: tuple(items) for name, items in lists.items()}
