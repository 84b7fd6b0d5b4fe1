"""The `scoring` sheet of an XLSForm parsed into a validated `ScoringSpec`.

Columns (case-insensitive; see docs/forms.md, "Scoring and safeguarding sheets"):
scale, label, parent, items, reversed, method, item_min, item_max, min_answered, prorate,
round, decimals, missing_codes, bands, convention, notes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from sylcollect.errors import InvalidInput
from sylcollect.forms.scoring_sheet import (
    FIRST_DATA_ROW,
    NAME_RE,
    sheet_rows,
    split_names,
    unknown_columns,
)

#: Choice name of "I'd rather not say" in every built-in form; always missing in scoring.
PREFER_NOT_TO_SAY = "pnts"

COLUMNS = (
    "scale",
    "label",
    "parent",
    "items",
    "reversed",
    "method",
    "item_min",
    "item_max",
    "min_answered",
    "prorate",
    "round",
    "decimals",
    "missing_codes",
    "bands",
    "convention",
    "notes",
)
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}
_BAND_RE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*:\s*(.+)$")
MAX_DECIMALS = 6

Method = Literal["sum", "mean"]
Rounding = Literal["none", "half_up"]


class ScoringSheetError(InvalidInput):
    """A `scoring` sheet is invalid; the message names the row, the column and the fix."""


@dataclass(frozen=True)
class Band:
    """One labelled score range, both ends included."""

    low: Decimal
    high: Decimal
    label: str

    def contains(self, value: Decimal) -> bool:
        """True when low <= value <= high."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Scale:
    """One scale (or subscale) of a scoring sheet: which items, and how to score them."""

    name: str
    label: str
    items: tuple[str, ...]
    item_min: Decimal
    item_max: Decimal
    reversed: frozenset[str] = frozenset()
    method: Method = "sum"
    min_answered: int = 0
    prorate: bool = False
    rounding: Rounding = "none"
    decimals: int = 0
    missing_codes: frozenset[str] = frozenset({PREFER_NOT_TO_SAY})
    bands: tuple[Band, ...] = ()
    convention: str = ""
    parent: str | None = None
    row: int = 0

    @property
    def score_min(self) -> Decimal:
        """The lowest possible score."""
        return self.item_min * len(self.items) if self.method == "sum" else self.item_min

    @property
    def score_max(self) -> Decimal:
        """The highest possible score."""
        return self.item_max * len(self.items) if self.method == "sum" else self.item_max

    @property
    def step(self) -> Decimal | None:
        """The resolution of scores when they are always whole or rounded, else None."""
        if self.rounding == "half_up":
            return Decimal(1).scaleb(-self.decimals)
        if self.method == "sum" and not self.prorate and _whole(self.item_min, self.item_max):
            return Decimal(1)
        return None


@dataclass(frozen=True)
class ScoringSpec:
    """The scales of one form, in sheet order."""

    scales: tuple[Scale, ...] = ()

    def __getitem__(self, name: str) -> Scale:
        for scale in self.scales:
            if scale.name == name:
                return scale
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The scale names in sheet order."""
        return tuple(s.name for s in self.scales)

    @property
    def item_names(self) -> frozenset[str]:
        """Every question name used by any scale."""
        return frozenset(i for s in self.scales for i in s.items)

    def subscales(self, parent: str) -> tuple[Scale, ...]:
        """The scales whose parent is `parent`."""
        return tuple(s for s in self.scales if s.parent == parent)


def _whole(*values: Decimal) -> bool:
    return all(v == v.to_integral_value() for v in values)


def _fail(row: int, column: str, problem: str) -> ScoringSheetError:
    return ScoringSheetError(f"scoring sheet, row {row}, column '{column}': {problem}")


def _number(cells: Mapping[str, str], row: int, column: str) -> Decimal:
    text = cells.get(column, "")
    if not text:
        raise _fail(row, column, "required: the lowest/highest value an item can take")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _fail(row, column, f"'{text}' is not a number") from None
    if not value.is_finite():
        raise _fail(row, column, f"'{text}' is not a finite number")
    return value


def _integer(cells: Mapping[str, str], row: int, column: str, default: int) -> int:
    text = cells.get(column, "")
    if not text:
        return default
    if not re.fullmatch(r"\d+", text):
        raise _fail(row, column, f"'{text}' is not a whole number")
    return int(text)


def _yes_no(cells: Mapping[str, str], row: int, column: str) -> bool:
    text = cells.get(column, "").lower()
    if text in _YES:
        return True
    if text in _NO or not text:
        return False
    raise _fail(row, column, f"'{text}' must be yes or no")


def _names(cells: Mapping[str, str], row: int, column: str) -> list[str]:
    names = split_names(cells.get(column, ""))
    for name in names:
        if not NAME_RE.match(name):
            raise _fail(row, column, f"'{name}' is not a valid question name")
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise _fail(row, column, f"listed more than once: {', '.join(dupes)}")
    return names


def parse_bands(text: str, row: int = 0) -> tuple[Band, ...]:
    """Bands written `0-4:None/minimal; 5-9:Mild`, in ascending, non-overlapping order."""
    bands: list[Band] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _BAND_RE.match(part)
        if not match:
            raise _fail(row, "bands", f"'{part}' is not written like '5-9:Mild'")
        low, high, label = Decimal(match[1]), Decimal(match[2]), match[3].strip()
        if low > high:
            raise _fail(row, "bands", f"'{part}': the low end is above the high end")
        if bands and low <= bands[-1].high:
            raise _fail(row, "bands", f"'{part}' overlaps or comes before the band before it")
        bands.append(Band(low, high, label))
    return tuple(bands)


def _check_bands(scale: Scale) -> None:
    row = scale.row
    for band in scale.bands:
        if band.low < scale.score_min or band.high > scale.score_max:
            raise _fail(
                row,
                "bands",
                f"'{band.label}' ({band.low}-{band.high}) lies outside the possible scores "
                f"{scale.score_min}-{scale.score_max}",
            )
    step = scale.step
    if step is None:
        return
    for before, after in zip(scale.bands, scale.bands[1:], strict=False):
        if after.low != before.high + step:
            raise _fail(
                row,
                "bands",
                f"scores between {before.high} and {after.low} fall in no band "
                f"(next band should start at {before.high + step})",
            )


def _missing_codes(cells: Mapping[str, str], row: int, lo: Decimal, hi: Decimal) -> frozenset[str]:
    codes = {PREFER_NOT_TO_SAY, *split_names(cells.get("missing_codes", ""))}
    for code in codes:
        try:
            value = Decimal(code)
        except InvalidOperation:
            continue
        if value.is_finite() and lo <= value <= hi:
            raise _fail(row, "missing_codes", f"'{code}' is a real answer value ({lo}-{hi})")
    return frozenset(codes)


def _parse_row(row: int, cells: Mapping[str, str]) -> Scale:
    extra = unknown_columns(cells, COLUMNS)
    if extra:
        raise _fail(row, extra[0], f"unknown column (known: {', '.join(COLUMNS)})")
    name = cells.get("scale", "")
    if not NAME_RE.match(name):
        raise _fail(row, "scale", f"'{name}' is not a valid scale name" if name else "required")
    items = _names(cells, row, "items")
    if not items:
        raise _fail(row, "items", "required: the question names of the scale's items")
    reversed_ = _names(cells, row, "reversed")
    stray = [n for n in reversed_ if n not in items]
    if stray:
        raise _fail(row, "reversed", f"not among the items: {', '.join(stray)}")
    method = cells.get("method", "sum").lower()
    if method not in ("sum", "mean"):
        raise _fail(row, "method", f"'{method}' must be sum or mean")
    lo, hi = _number(cells, row, "item_min"), _number(cells, row, "item_max")
    if lo >= hi:
        raise _fail(row, "item_max", "must be above item_min")
    min_answered = _integer(cells, row, "min_answered", len(items))
    if not 1 <= min_answered <= len(items):
        raise _fail(row, "min_answered", f"must be from 1 to the number of items ({len(items)})")
    prorate = _yes_no(cells, row, "prorate")
    if prorate and method == "mean":
        raise _fail(row, "prorate", "a mean already uses the answered items: leave it empty")
    if method == "sum" and min_answered < len(items) and not prorate:
        raise _fail(
            row, "prorate", "a sum over fewer items than listed must be prorated (prorate: yes)"
        )
    rounding = cells.get("round", "none").lower().replace("-", "_")
    if rounding not in ("none", "half_up"):
        raise _fail(row, "round", f"'{rounding}' must be half_up or none")
    decimals = _integer(cells, row, "decimals", 0)
    if decimals > MAX_DECIMALS or (decimals and rounding != "half_up"):
        raise _fail(row, "decimals", f"0-{MAX_DECIMALS}, and only with round: half_up")
    scale = Scale(
        name=name,
        label=cells.get("label", name),
        items=tuple(items),
        item_min=lo,
        item_max=hi,
        reversed=frozenset(reversed_),
        method="sum" if method == "sum" else "mean",
        min_answered=min_answered,
        prorate=prorate,
        rounding="half_up" if rounding == "half_up" else "none",
        decimals=decimals,
        missing_codes=_missing_codes(cells, row, lo, hi),
        bands=parse_bands(cells.get("bands", ""), row),
        convention=cells.get("convention", ""),
        parent=cells.get("parent") or None,
        row=row,
    )
    _check_bands(scale)
    return scale


def _check_parents(scales: Sequence[Scale]) -> None:
    by_name = {s.name: s for s in scales}
    for scale in scales:
        if scale.parent is None:
            continue
        parent = by_name.get(scale.parent)
        if parent is None or parent is scale:
            raise _fail(scale.row, "parent", f"'{scale.parent}' is not another scale here")
        if parent.parent is not None:
            raise _fail(scale.row, "parent", f"'{parent.name}' is itself a subscale")
        outside = [i for i in scale.items if i not in parent.items]
        if outside:
            raise _fail(
                scale.row, "items", f"not among the items of '{parent.name}': {', '.join(outside)}"
            )


def parse_scoring_sheet(
    rows: Sequence[Mapping[str, object]], first_row: int = FIRST_DATA_ROW
) -> ScoringSpec:
    """Validate a `scoring` sheet's rows and build its `ScoringSpec`; raise ScoringSheetError."""
    scales: list[Scale] = []
    for row, cells in sheet_rows(rows, first_row):
        scale = _parse_row(row, cells)
        if any(s.name == scale.name for s in scales):
            raise _fail(row, "scale", f"'{scale.name}' is defined more than once")
        scales.append(scale)
    _check_parents(scales)
    return ScoringSpec(tuple(scales))


def check_items(spec: ScoringSpec, names: frozenset[str]) -> None:
    """Raise ScoringSheetError when a scale lists an item the form has no question for."""
    for scale in spec.scales:
        unknown = [i for i in scale.items if i not in names]
        if unknown:
            raise _fail(scale.row, "items", f"no question named {', '.join(unknown)}")
