"""SPSS `.sav` and Stata `.dta` through pyreadstat: labels, codes and declared missing values.

- Choice answers and bands are numeric codes with value labels (see `schema.choice_codes`).
- "I'd rather not say" (`pnts`) is a declared missing value: SPSS gets the variable's
  `missing_code` (normally -99) listed in its missing values; Stata gets extended missing `.a`.
- Dates are SPSS DATE11 / Stata %td; date-times SPSS DATETIME20 / Stata %tc (UTC).
- Names are made safe and shortened (SPSS 64, Stata 32); labels are cut to what the format
  holds (the codebook keeps them whole).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sylcollect.export.codebook import format_names
from sylcollect.export.files import scratch_file
from sylcollect.export.schema import DECLINED, DECLINED_LABEL, Table, Variable, VarKind, VarRole

STATA_MISSING_TAG = "a"
_LABEL_LIMITS = {"sav": 256, "dta": 80}
_VALUE_LABEL_LIMITS = {"sav": 120, "dta": 32000}
_FILE_LABEL_LIMITS = {"sav": 64, "dta": 80}
_FORMATS = {
    "sav": {VarKind.DATE: "DATE11", VarKind.DATETIME: "DATETIME20", VarKind.CODED: "F8.0"},
    "dta": {VarKind.DATE: "%td", VarKind.DATETIME: "%tc"},
}


@dataclass
class _Meta:
    labels: dict[str, str | None] = field(default_factory=dict)
    value_labels: dict[str, dict[Any, str]] = field(default_factory=dict)
    missing: dict[str, list[Any]] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    unlabelled: int = 0  # values that have no code (a choice no form version lists)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _moment(value: Any, kind: VarKind) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    if kind is VarKind.DATE:
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return moment


def _numeric_values(var: Variable, values: list[Any], fmt: str, meta: _Meta) -> list[Any]:
    missing: Any = STATA_MISSING_TAG if fmt == "dta" else var.missing_code
    out: list[Any] = []
    for value in values:
        if value is None or value == "":
            out.append(None)
        elif value == DECLINED and var.declinable:
            out.append(missing)
        elif var.kind is VarKind.CODED:
            code = var.codes.get(str(value))
            meta.unlabelled += code is None
            out.append(None if code is None else float(code))
        else:
            out.append(_number(value))
    return out


def _series(var: Variable, values: list[Any], fmt: str, meta: _Meta) -> Any:
    import pandas as pd  # type: ignore[import-untyped]

    if var.kind is VarKind.TEXT:
        return pd.Series(["" if v is None else str(v) for v in values], dtype="string")
    if var.kind in (VarKind.DATE, VarKind.DATETIME):
        moments = [_moment(v, var.kind) for v in values]
        if var.kind is VarKind.DATE and any(m is not None for m in moments):
            # date objects: pyreadstat writes them as dates (Stata counts days, not ms)
            return pd.Series([m.date() if m else None for m in moments], dtype=object)
        return pd.Series(moments, dtype="datetime64[us]")
    numbers = _numeric_values(var, values, fmt, meta)
    if fmt == "dta" and STATA_MISSING_TAG in numbers:
        return pd.Series(numbers, dtype=object)
    return pd.Series([math.nan if n is None else n for n in numbers], dtype="float64")


def _describe(var: Variable, name: str, fmt: str, meta: _Meta) -> None:
    meta.labels[name] = var.label[: _LABEL_LIMITS[fmt]]
    cut = _VALUE_LABEL_LIMITS[fmt]
    labels: dict[Any, str] = {
        (float(code) if fmt == "sav" else code): text[:cut]
        for code, text in var.value_labels.items()
    }
    if var.declinable:
        if fmt == "dta":
            labels[STATA_MISSING_TAG] = DECLINED_LABEL
            meta.missing[name] = [STATA_MISSING_TAG]
        else:
            labels[float(var.missing_code or 0)] = DECLINED_LABEL
            meta.missing[name] = [float(var.missing_code or 0)]
    if labels and var.kind in (VarKind.CODED, VarKind.NUMBER):
        meta.value_labels[name] = labels
    fixed = _FORMATS[fmt].get(var.kind)
    if fixed is None and fmt == "sav" and var.value_labels:
        fixed = "F8.0"
    if fixed:
        meta.formats[name] = fixed
    if var.kind is VarKind.NUMBER and not var.value_labels:
        meta.measures[name] = "scale"
    elif var.role is VarRole.BAND:
        meta.measures[name] = "ordinal"
    else:
        meta.measures[name] = "nominal"


def stat_bytes(
    fmt: str, table: Table, rows: Sequence[Sequence[Any]], title: str, scratch_dir: Path
) -> tuple[bytes, int]:
    """One table as `.sav` or `.dta`; also returns how many values had no code."""
    import pandas as pd
    import pyreadstat

    names = format_names(table, fmt)
    meta = _Meta()
    columns: dict[str, Any] = {}
    for index, (var, name) in enumerate(zip(table.variables, names, strict=True)):
        columns[name] = _series(var, [row[index] for row in rows], fmt, meta)
        _describe(var, name, fmt, meta)
    frame = pd.DataFrame(columns)
    label = title[: _FILE_LABEL_LIMITS[fmt]]
    with scratch_file(scratch_dir, f".{fmt}") as path:
        if fmt == "sav":
            pyreadstat.write_sav(
                frame,
                str(path),
                file_label=label,
                column_labels=meta.labels,
                variable_value_labels=meta.value_labels,
                missing_ranges=meta.missing,
                variable_format=meta.formats,
                variable_measure=meta.measures,
            )
        else:
            pyreadstat.write_dta(
                frame,
                str(path),
                file_label=label,
                column_labels=meta.labels,
                variable_value_labels=meta.value_labels,
                missing_user_values=meta.missing,
                variable_format=meta.formats,
            )
        return path.read_bytes(), meta.unlabelled
