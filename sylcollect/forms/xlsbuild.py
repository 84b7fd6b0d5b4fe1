"""Turn pyxform's JSON form (the output of `workbook_to_json`) into our frozen form model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from sylcollect.forms.model import DEFAULT_LANG, Choice, FormError, Group, Question

# Types a desktop cannot collect (or that need files beside the form); refused with a reason.
UNSUPPORTED_TYPES = {
    "start-geopoint": "automatic location capture needs a GPS device",
    "background-geopoint": "background location capture needs a GPS device",
    "background-audio": "background audio recording is not supported",
    "audit": "audit logs are not supported",
    "xml-external": "external XML data files are not supported",
    "csv-external": "external CSV data files are not supported",
}
_BINDING = {"yes": "true()", "true": "true()", "no": "false()", "false": "false()"}
_KNOWN_BIND = {
    "required",
    "relevant",
    "constraint",
    "calculate",
    "readonly",
    "jr:constraintMsg",
    "jr:requiredMsg",
    "type",
    "jr:preload",
    "jr:preloadParams",
}
_KNOWN_QUESTION_KEYS = {
    "type",
    "name",
    "label",
    "hint",
    "guidance_hint",
    "bind",
    "control",
    "media",
    "default",
    "trigger",
    "parameters",
    "itemset",
    "list_name",
    "choices",
    "choice_filter",
    "query",
    "sylcollect",
    "children",
    "columns",
    "tags",
    "__row_number",
}
_MEDIA_TYPES = {"image/*": "image", "audio/*": "audio", "video/*": "video", "osm/*": "osm"}
_INPUT_TYPES = {
    "string": "text",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "time": "time",
    "dateTime": "datetime",
    "geopoint": "geopoint",
    "geotrace": "geotrace",
    "geoshape": "geoshape",
    "barcode": "barcode",
}
_OTHER_RELEVANT = re.compile(r"^selected\(\.\./([\w.\-]+), 'other'\)$")


def normalise_type(xls_type: str, element: Mapping[str, Any]) -> str:
    """Our type name for a pyxform JSON question type (see docs/forms.md)."""
    bind = element.get("bind") or {}
    if xls_type in {"calculate", "q calculate", "add calculate prompt"}:
        return "instanceid" if bind.get("jr:preload") == "uid" else "calculate"
    if xls_type == "select one external":
        return "select_one_external"
    spec: Mapping[str, Any] = QUESTION_TYPE_DICT.get(xls_type, {})
    sbind: Mapping[str, str] = spec.get("bind", {})
    control: Mapping[str, str] = spec.get("control", {})
    preload = sbind.get("jr:preload", "")
    if preload:
        param = sbind.get("jr:preloadParams", "")
        return "today" if preload == "date" else param.removeprefix("uri:")
    tag = control.get("tag", "")
    if tag == "select1":
        return "select_one"
    if tag == "select":
        return "select_multiple"
    if tag == "odk:rank":
        return "rank"
    if tag == "range":
        return "range"
    if tag == "trigger":
        return "acknowledge" if sbind.get("type") else "trigger"
    if tag == "upload":
        return _MEDIA_TYPES.get(control.get("mediatype", ""), "file")
    if tag == "input":
        if sbind.get("readonly") == "true()":
            return "note"
        return _INPUT_TYPES.get(sbind.get("type", ""), "text")
    if xls_type == "hidden":
        return "hidden"
    return xls_type.replace(" ", "_")


def texts(value: Any) -> dict[str, str]:
    """A translatable pyxform value (a string or a dict by language) as a dict by language."""
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v is not None}
    return {DEFAULT_LANG: str(value)}


def media(value: Any) -> dict[str, dict[str, str]]:
    """pyxform's media entry as `{kind: {language: file}}`."""
    if not isinstance(value, dict):
        return {}
    return {str(kind): texts(v) for kind, v in value.items() if v}


def choice(raw: Mapping[str, Any]) -> Choice:
    """One pyxform choice dict as a Choice."""
    extras = {str(k): str(v) for k, v in raw.items() if k not in {"name", "label", "media"} and v}
    return Choice(
        name=str(raw.get("name", "")),
        labels=texts(raw.get("label")),
        media=media(raw.get("media")),
        extras=extras,
    )


def _flag(value: Any) -> str:
    text = str(value or "").strip()
    text = _BINDING.get(text.lower(), text)
    return "" if text == "false()" else text


def _strs(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if not isinstance(v, dict | list)}


class ModelBuilder:
    """Builds the element tree of one form; `rows` maps names to survey-sheet row numbers."""

    def __init__(self, rows: dict[str, list[int]], or_other: set[str], filename: str) -> None:
        self._rows = rows
        self._or_other = or_other
        self._filename = filename

    def _row(self, name: str) -> int:
        queue = self._rows.get(name)
        return queue.pop(0) if queue else 0

    def _fail(self, row: int, message: str) -> FormError:
        where = f"[row : {row}] " if row else ""
        return FormError(f"{self._filename}: {where}{message}")

    def group(self, raw: Mapping[str, Any], parent_path: str, *, root: bool = False) -> Group:
        """A group, repeat, loop or the survey root, with its children."""
        name = str(raw.get("name", ""))
        path = f"/{name}" if root else f"{parent_path}/{name}"
        row = 0 if root else self._row(name)
        control = dict(raw.get("control") or {})
        bind = raw.get("bind") or {}
        xls_type = str(raw.get("type", "group"))
        children: list[Question | Group] = []
        if xls_type == "loop":
            children = self._loop(raw, path)
        else:
            for child in raw.get("children") or ():
                built = self.element(child, path)
                if built is not None:
                    children.append(built)
        appearance = str(control.pop("appearance", ""))
        repeat_count = str(control.pop("jr:count", ""))
        return Group(
            name=name,
            path=path,
            row=row,
            labels=texts(raw.get("label")),
            hints=texts(raw.get("hint")),
            relevant=str(bind.get("relevant", "")),
            appearance=appearance,
            repeat=xls_type == "repeat",
            repeat_count=repeat_count,
            children=tuple(children),
            control=_strs(control),
            extras=_strs(raw.get("sylcollect")),
        )

    def _loop(self, raw: Mapping[str, Any], path: str) -> list[Question | Group]:
        """A `begin loop over LIST`: one group per choice, `%(label)s` filled in each label."""
        template = list(raw.get("children") or ())
        groups: list[Question | Group] = []
        for column in raw.get("columns") or ():
            col = choice(column)
            saved = {k: list(v) for k, v in self._rows.items()}
            kids = [self.element(child, f"{path}/{col.name}") for child in template]
            self._rows.update(saved)
            filled = tuple(_fill_label(k, col.labels) for k in kids if k is not None)
            groups.append(
                Group(name=col.name, path=f"{path}/{col.name}", labels=col.labels, children=filled)
            )
        for child in template:  # consume the template rows once
            self._row(str(child.get("name", "")))
        return groups

    def element(self, raw: Mapping[str, Any], parent_path: str) -> Question | Group | None:
        """One child of a group; None for entity declarations (server-side only)."""
        xls_type = str(raw.get("type", ""))
        if xls_type in {"group", "repeat", "loop"}:
            return self.group(raw, parent_path)
        if xls_type in {"entity", "attribute", "label"}:
            return None
        return self.question(raw, parent_path)

    def question(self, raw: Mapping[str, Any], parent_path: str) -> Question:
        """One question row."""
        name = str(raw.get("name", ""))
        xls_type = str(raw.get("type", ""))
        row = self._row(name) or int(raw.get("__row_number") or 0)
        if xls_type in UNSUPPORTED_TYPES:
            raise self._fail(row, f"type '{xls_type}': {UNSUPPORTED_TYPES[xls_type]}")
        kind = normalise_type(xls_type, raw)
        spec: Mapping[str, Any] = QUESTION_TYPE_DICT.get(xls_type, {})
        bind = {**spec.get("bind", {}), **(raw.get("bind") or {})}
        control = dict(raw.get("control") or {})
        list_name = str(raw.get("list_name") or raw.get("itemset") or "")
        parameters = {**spec.get("parameters", {}), **_strs(raw.get("parameters"))}
        for key in ("start", "end", "step") if kind == "range" else ():
            control.pop(key, None)
        relevant = str(bind.get("relevant", ""))
        match = _OTHER_RELEVANT.match(relevant)
        if match and name == f"{match.group(1)}_other":
            relevant = f"selected(${{{match.group(1)}}}, 'other')"
        hints = texts(raw.get("hint")) or texts(spec.get("hint"))
        return Question(
            name=name,
            path=f"{parent_path}/{name}",
            type=kind,
            xls_type=xls_type,
            row=row,
            labels=texts(raw.get("label")),
            hints=hints,
            guidance_hints=texts(raw.get("guidance_hint")),
            constraint_messages=texts(bind.get("jr:constraintMsg")),
            required_messages=texts(bind.get("jr:requiredMsg")),
            media=media(raw.get("media")),
            required=_flag(bind.get("required")),
            relevant=relevant,
            constraint=str(bind.get("constraint", "")),
            calculation=str(bind.get("calculate", "")),
            default=str(raw.get("default", "")),
            readonly=_flag(bind.get("readonly")),
            trigger=str(raw.get("trigger", "")),
            appearance=str(control.pop("appearance", "")),
            parameters=parameters,
            choice_list=list_name,
            choice_filter=str(raw.get("choice_filter", "")),
            or_other=name in self._or_other,
            extras=_strs(raw.get("sylcollect")),
            bind={k: str(v) for k, v in bind.items() if k not in _KNOWN_BIND},
            control=_strs({k: v for k, v in control.items() if k != "tag"}),
        )


def _fill_label(element: Question | Group, column: dict[str, str]) -> Question | Group:
    """Replace `%(label)s` in a loop child's labels with the loop column's label."""
    labels = {
        lang: text.replace("%(label)s", column.get(lang) or column.get(DEFAULT_LANG) or "")
        for lang, text in element.labels.items()
    }
    return replace(element, labels=labels)


def languages(
    root: Group, choice_lists: Mapping[str, tuple[Choice, ...]], default: str
) -> tuple[str, ...]:
    """Every language used by a translatable text, the default language first."""
    seen: dict[str, None] = {}
    for element in root.elements():
        seen.update(dict.fromkeys(element.labels))
        seen.update(dict.fromkeys(element.hints))
        if isinstance(element, Question):
            for kind in element.media.values():
                seen.update(dict.fromkeys(kind))
            seen.update(dict.fromkeys(element.constraint_messages))
    for choices in choice_lists.values():
        for item in choices:
            seen.update(dict.fromkeys(item.labels))
    ordered = [default] if default in seen else []
    ordered += [lang for lang in seen if lang != default]
    return tuple(ordered) or (default,)
