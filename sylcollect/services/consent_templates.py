"""Consent, assent and information-sheet templates: TOML files a research manager edits.

A template set holds `study.toml` (values shared by every form: who runs the study,
contacts, retention, lawful basis) and one file per variant (`yp16.toml`, `assent.toml`,
`parent.toml`, `parent_own.toml`, `la.toml`, `staff.toml`). A variant may start from another with
`extends = "parent"`: tables merge key by key, lists of tables merge by `id`. The format is
documented in docs/paper.md; loading checks every required section, statement, consent
scope and signature block, and every `{placeholder}`, and names the file and place of any
problem.

The set comes from a folder (`load_templates`: the built-in one, or `--templates DIR`) or
from a mapping of file name to TOML text (`load_templates_from`: the templates a study
package carries). Both go through the same checks. This module sits below `sync` and
`reports` so that a study package's templates are checked where the package is read.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sylcollect.domain.consent import ConsentScope
from sylcollect.errors import InvalidInput
from sylcollect.resources import resource


class TemplateError(InvalidInput):
    """A template file is wrong; the message names the file, the place and the fix."""


class Variant(enum.StrEnum):
    """Which consent (or assent) form and information sheet."""

    YP16 = "yp16"  # young person aged 16+ (or Gillick-competent): their own consent
    ASSENT = "assent"  # under 16: the young person's assent, plain words
    PARENT = "parent"  # parent or carer with parental responsibility, for an under-16
    PARENT_OWN = "parent_own"  # parent or carer taking part in their own right
    LA = "la"  # local authority sharing parental responsibility (care order)
    STAFF = "staff"  # staff, managers and other professionals


REQUIRED_SECTIONS = (
    "invitation",
    "purpose",
    "why_me",
    "what_happens",
    "risks_support",
    "benefits",
    "confidentiality",
    "withdrawal",
    "data",
    "rights",
    "results",
    "who",
    "contacts",
    "support",
)
REQUIRED_ITEMS = (
    "read_sheet",
    "voluntary",
    "withdraw_until",
    "confidentiality",
    "storage",
    "lawful_basis",
    "agree",
)
#: One initial box each on every consent form (questionnaires is optional).
REQUIRED_SCOPES = (
    ConsentScope.TAKING_PART,
    ConsentScope.INTERVIEW,
    ConsentScope.AUDIO_RECORDING,
    ConsentScope.ANONYMISED_QUOTES,
    ConsentScope.RECORDS_ACCESS,
    ConsentScope.FUTURE_CONTACT,
)
REQUIRED_SIGNATURES = ("participant", "researcher")
REQUIRED_VALUES = (
    "organisation",
    "funder",
    "ethics_committee",
    "ethics_ref",
    "contact_name",
    "contact_phone",
    "contact_email",
    "complaints",
    "data_controller",
    "dpo_email",
    "retain_until",
    "withdraw_until",
    "lawful_basis",
)
#: Placeholders filled from the study and the form being printed, not from study.toml.
DERIVED_KEYS = (
    "study_title",
    "study_id",
    "site_name",
    "project",
    "partner",
    "participant_code",
    "form_version",
    "form_date",
    "sheet_version",
    "sheet_date",
    "audience",
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: A template file's name: lower-case letters, digits, `_` or `-`, then `.toml`.
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}\.toml")
MAX_FILES = 32
MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class SheetSection:
    """One headed section of the information sheet."""

    id: str
    heading: str
    text: str


@dataclass(frozen=True)
class FormItem:
    """One statement of the consent form with a box to initial; `scope` when it is one."""

    id: str
    text: str
    scope: ConsentScope | None = None


@dataclass(frozen=True)
class SignatureBlock:
    """Who signs: heading, an optional note (e.g. "where needed"), the fields to fill."""

    id: str
    heading: str
    note: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ConsentTemplate:
    """One variant's information sheet and consent (or assent) form, values unfilled."""

    variant: Variant
    kind: str  # "consent" | "assent"
    audience: str
    plain: bool  # plain words and larger type (under-16s)
    form_heading: str
    form_version: str
    form_date: date
    form_banner: str
    form_intro: str
    items: tuple[FormItem, ...]
    signatures: tuple[SignatureBlock, ...]
    copies: str
    sheet_heading: str
    sheet_title: str
    sheet_version: str
    sheet_date: date
    sheet_intro: str
    sections: tuple[SheetSection, ...]
    values: Mapping[str, str]
    source: str

    def section(self, section_id: str) -> SheetSection:
        return next(s for s in self.sections if s.id == section_id)


@dataclass(frozen=True)
class TemplateSet:
    """Every variant of a template set; `folder` is None for a set read from a mapping."""

    folder: Path | None
    templates: Mapping[Variant, ConsentTemplate]

    def get(self, variant: Variant) -> ConsentTemplate:
        return self.templates[variant]


def default_folder() -> Path:
    return resource("templates", "consent")


def long_date(day: date) -> str:
    """15 January 2025."""
    return f"{day.day} {day:%B %Y}"


def load_templates(folder: Path | None = None) -> TemplateSet:
    """Loads and checks every variant in `folder` (the built-in templates by default)."""
    folder = Path(folder) if folder is not None else default_folder()

    def read(name: str) -> str:
        path = folder / name
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TemplateError(f"{path}: no such template file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{name}: cannot be read ({exc})") from None

    return TemplateSet(folder, _load(read))


def load_templates_from(files: Mapping[str, str]) -> TemplateSet:
    """Loads and checks a template set given as file name → TOML text (as a study carries it).

    The same checks as `load_templates`, and `check_files` first.
    """
    check_files(files)

    def read(name: str) -> str:
        try:
            return files[name]
        except KeyError:
            raise TemplateError(
                f"{name}: no such template file (the set has {', '.join(sorted(files))})"
            ) from None

    return TemplateSet(None, _load(read))


def check_files(files: Mapping[str, str]) -> None:
    """The shape of a mapping of template files: names, count and sizes (TemplateError)."""
    if not isinstance(files, Mapping) or not files:
        raise TemplateError(
            "the consent templates are empty: they need study.toml and a file per variant"
        )
    if len(files) > MAX_FILES:
        raise TemplateError(f"there are {len(files)} template files: at most {MAX_FILES}")
    for name, text in files.items():
        if not isinstance(name, str) or not FILE_NAME.fullmatch(name):
            raise TemplateError(
                f"{name!r}: a template file name is lower-case letters, digits, _ or -, then .toml"
            )
        if not isinstance(text, str):
            raise TemplateError(f"{name}: not text")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise TemplateError(f"{name}: larger than {MAX_FILE_BYTES // 1024} KiB")


def template_files(folder: Path) -> dict[str, str]:
    """Every `*.toml` file of a template folder as file name → text (not yet checked)."""
    files: dict[str, str] = {}
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".toml")
    except OSError as exc:
        raise TemplateError(f"{folder}: cannot be read ({exc.strerror})") from None
    for path in paths:
        if not FILE_NAME.fullmatch(path.name):
            raise TemplateError(
                f"{path.name}: a template file name is lower-case letters, digits, _ or -, "
                "then .toml"
            )
        if not path.is_file():
            raise TemplateError(f"{path.name}: not a file")
        try:
            files[path.name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{path.name}: cannot be read ({exc})") from None
    return files


_Reader = Callable[[str], str]


def _load(read: _Reader) -> dict[Variant, ConsentTemplate]:
    try:
        shared = _parse(read, "study")
        values = _values(shared.get("values"), "study.toml")
        missing = [k for k in REQUIRED_VALUES if not values.get(k)]
        if missing:
            raise TemplateError(f"study.toml: [values] needs {', '.join(missing)}")
        return {v: _variant(read, v, values) for v in Variant}
    except RecursionError:
        raise TemplateError("a template file is nested too deeply") from None


def _parse(read: _Reader, name: str) -> dict[str, Any]:
    if not FILE_NAME.fullmatch(f"{name}.toml"):
        raise TemplateError(f"'{name}' is not a template file name (extends names a variant)")
    try:
        return tomllib.loads(read(f"{name}.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{name}.toml: not valid TOML ({exc})") from None


def _merge(base: Any, over: Any) -> Any:
    """Tables merge key by key; lists of tables with ids merge by id; the rest replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if (
        isinstance(base, list)
        and isinstance(over, list)
        and all(isinstance(x, dict) and "id" in x for x in [*base, *over])
    ):
        merged = [dict(x) for x in base]
        index = {x["id"]: i for i, x in enumerate(merged)}
        for item in over:
            if item["id"] in index:
                merged[index[item["id"]]] = _merge(merged[index[item["id"]]], item)
            else:
                merged.append(item)
        return [x for x in merged if not x.get("remove")]
    return over


def _resolve(read: _Reader, name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in seen:
        raise TemplateError(f"{name}.toml: 'extends' goes round in a circle")
    data = _parse(read, name)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise TemplateError(f"{name}.toml: 'extends' must name a variant, like \"parent\"")
    return dict(_merge(_resolve(read, parent, (*seen, name)), data))


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    table = data.get(key) or {}
    if not isinstance(table, dict):
        raise TemplateError(f"{where}: [{key}] must be a table")
    return table


def _values(table: Any, where: str) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise TemplateError(f"{where}: [values] must be a table of text")
    return {str(k): str(v) for k, v in table.items()}


def _text(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if value is None or (isinstance(value, str) and not value.strip() and default is None):
        raise TemplateError(f"{where}: '{key}' is missing")
    if not isinstance(value, str | int | float):
        raise TemplateError(f"{where}: '{key}' must be text")
    return str(value).strip()


def _date(table: Mapping[str, Any], key: str, where: str) -> date:
    value = table.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise TemplateError(f"{where}: '{key}' must be a date like 2025-01-15") from None


def _tables(table: Mapping[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    items = table.get(key)
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise TemplateError(f"{where}: needs a list of [[{key}]] tables")
    return items


def _variant(read: _Reader, variant: Variant, shared: dict[str, str]) -> ConsentTemplate:
    name = f"{variant.value}.toml"
    data = _resolve(read, variant.value)
    values = {**shared, **_values(data.get("values"), name)}
    tpl = _table(data, "template", name)
    form = _table(data, "form", name)
    sheet = _table(data, "sheet", name)
    kind = _text(tpl, "kind", f"{name} [template]")
    if kind not in ("consent", "assent"):
        raise TemplateError(f"{name} [template]: kind must be 'consent' or 'assent'")
    sections = tuple(
        SheetSection(
            _text(s, "id", f"{name} [[sheet.sections]]"),
            _text(s, "heading", f"{name} section {s.get('id')}"),
            _text(s, "text", f"{name} section {s.get('id')}"),
        )
        for s in _tables(sheet, "sections", f"{name} [sheet]")
    )
    items = tuple(_item(i, name) for i in _tables(form, "items", f"{name} [form]"))
    signatures = tuple(
        SignatureBlock(
            _text(s, "id", f"{name} [[form.signatures]]"),
            _text(s, "heading", f"{name} signature {s.get('id')}"),
            _text(s, "note", f"{name} signature {s.get('id')}", ""),
            _fields(s, f"{name} signature {s.get('id')}"),
        )
        for s in _tables(form, "signatures", f"{name} [form]")
    )
    template = ConsentTemplate(
        variant=variant,
        kind=kind,
        audience=_text(tpl, "audience", f"{name} [template]"),
        plain=bool(tpl.get("plain", False)),
        form_heading=_text(form, "heading", f"{name} [form]"),
        form_version=_text(form, "version", f"{name} [form]"),
        form_date=_date(form, "date", f"{name} [form]"),
        form_banner=_text(form, "banner", f"{name} [form]"),
        form_intro=_text(form, "intro", f"{name} [form]", ""),
        items=items,
        signatures=signatures,
        copies=_text(form, "copies", f"{name} [form]", ""),
        sheet_heading=_text(sheet, "heading", f"{name} [sheet]"),
        sheet_title=_text(sheet, "title", f"{name} [sheet]"),
        sheet_version=_text(sheet, "version", f"{name} [sheet]"),
        sheet_date=_date(sheet, "date", f"{name} [sheet]"),
        sheet_intro=_text(sheet, "intro", f"{name} [sheet]", ""),
        sections=sections,
        values=values,
        source=name,
    )
    _check(template)
    return template


def _fields(table: Mapping[str, Any], where: str) -> tuple[str, ...]:
    fields = table.get("fields", ("Name", "Signature", "Date"))
    if not isinstance(fields, list | tuple) or not all(isinstance(f, str) for f in fields):
        raise TemplateError(f'{where}: \'fields\' must be a list of text, like ["Name", "Date"]')
    return tuple(fields)


def _item(table: Mapping[str, Any], name: str) -> FormItem:
    item_id = _text(table, "id", f"{name} [[form.items]]")
    scope = table.get("scope")
    try:
        parsed = ConsentScope(str(scope)) if scope else None
    except ValueError:
        known = ", ".join(s.value for s in ConsentScope)
        raise TemplateError(f"{name} item {item_id}: unknown scope '{scope}' ({known})") from None
    return FormItem(item_id, _text(table, "text", f"{name} item {item_id}"), parsed)


def _check(t: ConsentTemplate) -> None:
    name = t.source
    have = {s.id for s in t.sections}
    gaps = [s for s in REQUIRED_SECTIONS if s not in have]
    if gaps:
        raise TemplateError(f"{name}: the information sheet needs sections {', '.join(gaps)}")
    have = {i.id for i in t.items}
    gaps = [i for i in REQUIRED_ITEMS if i not in have]
    if gaps:
        raise TemplateError(f"{name}: the form needs statements {', '.join(gaps)}")
    scopes = {i.scope for i in t.items if i.scope}
    gaps = [s.value for s in REQUIRED_SCOPES if s not in scopes]
    if gaps:
        raise TemplateError(f"{name}: the form needs a box for scopes {', '.join(gaps)}")
    have = {s.id for s in t.signatures}
    gaps = [s for s in REQUIRED_SIGNATURES if s not in have]
    if gaps:
        raise TemplateError(f"{name}: the form needs signature blocks {', '.join(gaps)}")
    known = set(t.values) | set(DERIVED_KEYS)
    texts = [
        ("form.banner", t.form_banner),
        ("form.intro", t.form_intro),
        ("form.copies", t.copies),
        ("sheet.title", t.sheet_title),
        ("sheet.intro", t.sheet_intro),
        *((f"section {s.id}", s.heading + s.text) for s in t.sections),
        *((f"item {i.id}", i.text) for i in t.items),
        *((f"signature {s.id}", s.heading + s.note) for s in t.signatures),
        *((f"values.{k}", v) for k, v in t.values.items()),
    ]
    for where, text in texts:
        for key in _PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")):
            if key not in known:
                raise TemplateError(
                    f"{name}: {where}: unknown placeholder {{{key}}} "
                    f"(known: {', '.join(sorted(known))})"
                )


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with `{name}` replaced (values may hold placeholders too); `{{` is a brace."""

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        return values.get(key, match.group(0))

    out = text
    for _ in range(3):  # values may refer to other values
        out = _PLACEHOLDER.sub(one, out.replace("{{", "\0").replace("}}", "\1"))
        out = out.replace("\0", "{{").replace("\1", "}}")
        if not _PLACEHOLDER.search(out.replace("{{", "").replace("}}", "")):
            break
    return out.replace("{{", "{").replace("}}", "}")
