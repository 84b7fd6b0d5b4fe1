"""From form versions to tables: the variables of each table and how to read each value.

Values read here are "stored" values, the same for every format: choice names as text,
`pnts` where the person said "I'd rather not say", numbers as numbers, dates and times as ISO
text, None when empty. The format writers turn them into codes, labels and missing values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record
from sylcollect.export.choices import ChoiceSet, label_history, question_label
from sylcollect.export.names import NameAllocator
from sylcollect.export.schema import (
    DECLINED,
    YES_NO,
    Table,
    Variable,
    VarKind,
    VarRole,
    choice_codes,
    key_variables,
    meta_variables,
    missing_code_for,
)
from sylcollect.export.source import FormEntry, version_key
from sylcollect.forms.model import Form, Group, Question
from sylcollect.forms.scoring import Scale, ScoringSheetError, parse_scoring_sheet

#: Metadata questions that identify a person or their phone: only with identifiers.
IDENTIFYING_TYPES = frozenset(
    {"username", "phonenumber", "email", "simserial", "subscriberid", "deviceid"}
)
_KINDS = {
    "integer": VarKind.NUMBER,
    "decimal": VarKind.NUMBER,
    "range": VarKind.NUMBER,
    "select_one": VarKind.CODED,
    "select_one_external": VarKind.CODED,
    "date": VarKind.DATE,
    "today": VarKind.DATE,
    "datetime": VarKind.DATETIME,
    "start": VarKind.DATETIME,
    "end": VarKind.DATETIME,
}
_FREE_TEXT = frozenset({"text", "barcode"})
_SPLIT_CACHE = 4096
#: Notes hold no value; pyxform's meta/instanceID duplicates `record_uuid`.
_SKIPPED_TYPES = frozenset({"note", "instanceid"})

Scope = Mapping[str, Any]
Getter = Callable[[Record, Scope, "RowContext"], Any]


@dataclass(frozen=True)
class RowContext:
    """What rows need beside the record: participant codes, and identities when asked."""

    codes: Mapping[str, str]
    identities: Mapping[str, Identity] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """Reads the values of one variable (or, `multi`, of several: a list) from a scope."""

    get: Getter
    multi: bool = False
    name: str | None = None
    """Set when the value is simply the answer called `name` (the rows' fast path)."""


@dataclass(frozen=True)
class TablePlan:
    """A table and how to fill it: its repeat path from the root and its columns."""

    table: Table
    columns: tuple[Column, ...]
    repeat_paths: tuple[tuple[tuple[str, ...], ...], ...] = ()
    """Per repeat level: the ways (group names then repeat name) to find its instances."""
    group_names: frozenset[str] = frozenset()
    """Plain groups of this table's scope: answers given as group objects use the slow path."""


@dataclass
class _Occurrence:
    form: Form
    question: Question
    segments: tuple[str, ...]


@dataclass
class _Container:
    label: str
    paths: list[tuple[str, ...]] = field(default_factory=list)
    questions: dict[str, list[_Occurrence]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)


def lookup(name: str, paths: Sequence[tuple[str, ...]]) -> Callable[[Scope], Any]:
    """Reads `name` from a scope where groups are transparent or given as nested objects."""
    nested = tuple(p for p in paths if len(p) > 1)
    if not nested:
        return lambda scope: scope.get(name)

    def get(scope: Scope) -> Any:
        value = scope.get(name)
        if value is not None:
            return value
        for path in nested:
            current: Any = scope
            for segment in path:
                current = current.get(segment) if isinstance(current, Mapping) else None
                if current is None:
                    break
            if current is not None:
                return current
        return None

    return get


def _walk(form: Form, group: Group, chain: tuple[str, ...], segments: tuple[str, ...],
          containers: dict[tuple[str, ...], _Container]) -> None:  # fmt: skip
    for child in group.children:
        if isinstance(child, Group) and child.repeat:
            inner = (*chain, child.name)
            box = containers.setdefault(inner, _Container(child.label(form.default_language)))
            path = (*segments, child.name)
            if path not in box.paths:
                box.paths.append(path)
            _walk(form, child, inner, (), containers)
        elif isinstance(child, Group):
            containers[chain].groups.add(child.name)
            _walk(form, child, chain, (*segments, child.name), containers)
        else:
            occurrences = containers[chain].questions.setdefault(child.name, [])
            occurrences.append(_Occurrence(form, child, (*segments, child.name)))


def _source(form: Form, question: Question) -> str:
    return question.path.removeprefix(form.root.path).strip("/")


def _kind(question: Question) -> VarKind:
    return _KINDS.get(question.type, VarKind.TEXT)


def _notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _coded(base: Variable, choices: ChoiceSet, note: str = "") -> Variable:
    codes, how = choice_codes(choices.names)
    value_labels = {codes[n]: choices.labels[n] for n in choices.names}
    history = {codes[n]: h for n in choices.names if (h := choices.history(n))}
    missing = missing_code_for(codes) if choices.declinable else None
    return replace(base, kind=VarKind.CODED, codes=codes, value_labels=value_labels,
                   value_notes=history, missing_code=missing,
                   note=_notes(note, how))  # fmt: skip


def _split(raw: str, names: list[str], offered: frozenset[str] | None) -> list[Any]:
    """The raw answer and one value per choice: 1 or 0, `pnts` when declined, empty for a
    choice the record's form version did not offer (`offered`; None: every one)."""
    chosen = set(raw.split())
    declined = DECLINED in chosen
    out: list[Any] = [raw]
    for n in names:
        if n in chosen:
            out.append(DECLINED if declined else 1)
        elif offered is not None and n not in offered:
            out.append(None)
        else:
            out.append(DECLINED if declined else 0)
    return out


def _multi_getter(read: Callable[[Scope], Any], choices: ChoiceSet) -> Getter:
    """The raw value and one 0/1 per choice; answers repeat, so their split is remembered
    (callers only read the returned lists). When versions offer different choices, a choice
    the record's version lacks is empty (not asked), never 0."""
    names = choices.names
    empty = [None] * (len(names) + 1)
    seen: dict[Any, list[Any]] = {}
    by_version = choices.offered_in() if choices.varies else None

    def get(record: Record, scope: Scope, ctx: RowContext) -> list[Any]:
        value = read(scope)
        if value is None or value == "" or value == []:
            return empty
        raw = value if isinstance(value, str) else " ".join(str(v) for v in value)
        key: Any = raw if by_version is None else (record.form_version, raw)
        found = seen.get(key)
        if found is None:
            offered = None if by_version is None else by_version.get(record.form_version)
            found = _split(raw, names, offered)
            if len(seen) < _SPLIT_CACHE:
                seen[key] = found
        return found

    return get


def _question_columns(occurrences: list[_Occurrence]) -> list[tuple[list[Variable], Column]]:
    newest = occurrences[0]
    form, question = newest.form, newest.question
    read = lookup(question.name, [o.segments for o in occurrences])
    versions = tuple(sorted({o.form.version for o in occurrences}, key=version_key))
    kinds = {_kind(o.question) for o in occurrences}
    types = {o.question.type for o in occurrences}
    label = question_label(form, question)
    calculated = "calculated by the form" if question.is_calculated else ""
    base = Variable(
        question.name,
        label,
        _kind(question),
        VarRole.IDENTIFIER if question.type in IDENTIFYING_TYPES else VarRole.ANSWER,
        _source(form, question),
        versions,
        free_text=question.type in _FREE_TEXT,
        note=_notes(calculated, label_history(occurrences, label)),
    )
    single = Column(lambda record, scope, ctx: read(scope), name=question.name)
    if len(types) > 1 and (len(kinds) > 1 or VarKind.CODED in kinds):
        note = f"type differs between form versions ({', '.join(sorted(types))}): kept as text"
        return [([replace(base, kind=VarKind.TEXT, note=_notes(note, base.note))], single)]
    if base.kind is VarKind.CODED:
        return [([_coded(base, ChoiceSet.of(occurrences), base.note)], single)]
    if question.type == "select_multiple":
        choices = ChoiceSet.of(occurrences)
        how = "the chosen choice names, space separated"
        raw = replace(base, kind=VarKind.TEXT, note=_notes(how, base.note))
        dummies = [
            Variable(
                f"{question.name}_{n}",
                f"{base.label}: {choices.labels[n]}",
                VarKind.NUMBER,
                VarRole.CHOICE,
                f"{base.source} (choice {n})",
                choices.offered[n],
                value_labels=YES_NO,
                missing_code=-99 if choices.declinable else None,
                note=f"choice {h}" if (h := choices.history(n)) else "",
            )
            for n in choices.names
        ]
        return [([raw, *dummies], Column(_multi_getter(read, choices), multi=True))]
    return [([base], single)]


def _scales(entry: FormEntry) -> list[Scale]:
    found: dict[str, Scale] = {}
    for form in reversed(entry.versions):
        try:
            spec = parse_scoring_sheet(form.extra_sheets.get("scoring", []))
        except ScoringSheetError:
            continue
        for scale in spec.scales:
            found.setdefault(scale.name, scale)
    return list(found.values())


def _score_part(name: str, part: str) -> Getter:
    def get(record: Record, scope: Scope, ctx: RowContext) -> Any:
        value = record.scores.get(name)
        if isinstance(value, Mapping):
            return value.get(part)
        return value if part == "score" else None

    return get


def _score_columns(entry: FormEntry) -> list[tuple[list[Variable], Column]]:
    out: list[tuple[list[Variable], Column]] = []
    for scale in _scales(entry):
        label = scale.label or scale.name
        source = f"scoring sheet, scale {scale.name}"
        score = Variable(f"score_{scale.name}", f"{label} (score)", VarKind.NUMBER,
                         VarRole.SCORE, source, note=scale.convention)  # fmt: skip
        out.append(([score], Column(_score_part(scale.name, "score"))))
        if scale.bands:
            names = [b.label for b in scale.bands]
            codes = {n: i for i, n in enumerate(names, 1)}
            band = Variable(f"band_{scale.name}", f"{label} (band)", VarKind.CODED, VarRole.BAND,
                            source, codes=codes, value_labels={i: n for n, i in codes.items()},
                            note="bands coded 1..n from the lowest scores up")  # fmt: skip
            out.append(([band], Column(_score_part(scale.name, "band"))))
    return out


def _meta_column(identifiers: bool) -> Column:
    """All metadata values of a record in one call (same order as `meta_variables`)."""

    last: list[Any] = [None, None]  # records saved together share a time: format it once

    def get(r: Record, scope: Scope, ctx: RowContext) -> list[Any]:
        person = r.participant_uuid
        row: list[Any] = [r.uuid, ctx.codes.get(person) if person else None]
        if identifiers:
            identity = ctx.identities.get(person or "") or Identity()
            dob = identity.date_of_birth
            row += [identity.name or None, dob.isoformat() if dob else None]
        created = r.created_at
        if created != last[0]:
            last[:] = [created, created.isoformat() if created else None]
        # mode and status are StrEnums: str instances whose text is their value
        paper = r.paper_date.isoformat() if r.paper_date else None
        row += [r.site_id, r.wave_id, r.mode, paper, r.status, r.form_version, last[1]]
        return row

    return Column(get, multi=True)


def _finish(name: str, entry: FormEntry, title: str, repeat: tuple[str, ...],
            parts: list[tuple[list[Variable], Column | None]],
            paths: tuple[tuple[tuple[str, ...], ...], ...], groups: set[str]
            ) -> TablePlan:  # fmt: skip
    names = NameAllocator("csv")
    variables = [replace(v, name=names.name(v.name)) for vs, _ in parts for v in vs]
    return TablePlan(
        Table(name, entry.form_id, title, tuple(variables), repeat),
        tuple(col for _, col in parts if col is not None),
        paths,
        frozenset(groups),
    )


def plan_form(entry: FormEntry, identifiers: bool) -> list[TablePlan]:
    """The record table and one table per repeat of every version of a form."""
    containers: dict[tuple[str, ...], _Container] = {(): _Container(entry.newest.title)}
    for form in reversed(entry.versions):
        _walk(form, form.root, (), (), containers)
    plans: list[TablePlan] = []
    for chain, box in containers.items():
        parts: list[tuple[list[Variable], Column | None]] = []
        if not chain:
            parts.append((list(meta_variables(identifiers)), _meta_column(identifiers)))
        else:
            parts.append((list(key_variables(nested=len(chain) > 1)), None))
        for occurrences in box.questions.values():
            if occurrences[0].question.type in _SKIPPED_TYPES:
                continue
            for variables, column in _question_columns(occurrences):
                if identifiers or not any(v.identifier for v in variables):
                    parts.append((variables, column))
        if not chain:
            parts.extend(_score_columns(entry))
        name = "__".join((entry.form_id, chain[-1])) if chain else entry.form_id
        paths = tuple(tuple(containers[chain[: i + 1]].paths) for i in range(len(chain)))
        plans.append(_finish(name, entry, box.label or name, chain, parts, paths, box.groups))
    return plans
