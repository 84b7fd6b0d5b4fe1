"""Scoring answers against a form's `scoring` sheet: sums, means, prorating, bands.

Arithmetic is exact (`decimal.Decimal`); rounding is half up (2.5 -> 3), never Python's
`round()`, which rounds halves to even. Missing items are empty answers (skipped) and the
scale's missing codes, always including "I'd rather not say" (`pnts`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from sylcollect.forms.scoring_spec import (
    PREFER_NOT_TO_SAY,
    Band,
    Scale,
    ScoringSheetError,
    ScoringSpec,
    check_items,
    parse_bands,
    parse_scoring_sheet,
)

__all__ = [
    "PREFER_NOT_TO_SAY",
    "Band",
    "Scale",
    "ScoreResult",
    "ScoringSheetError",
    "ScoringSpec",
    "check_items",
    "parse_bands",
    "parse_scoring_sheet",
    "round_half_up",
    "score",
    "score_scale",
]

_PRECISION = 50


@dataclass(frozen=True)
class ScoreResult:
    """One scale's score for one set of answers; `score` is None with a `reason` if unscored."""

    scale: str
    score: int | float | None
    band: str | None
    answered: int
    items: int
    declined: int = 0
    prorated: bool = False
    convention: str = ""
    reason: str | None = None

    @property
    def scored(self) -> bool:
        """True when there is a score."""
        return self.score is not None


class _BadValue(Exception):
    """An item's answer is not a number within the item range."""


def round_half_up(value: Decimal, decimals: int = 0) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero (2.5 -> 3, 4.125 -> 4.13)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise _BadValue
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _BadValue
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise _BadValue from None
    else:
        raise _BadValue
    if not number.is_finite():
        raise _BadValue
    return number


def _item_value(scale: Scale, value: object) -> Decimal | None:
    """The item's scored value (reversal not applied), None when missing."""
    if value is None or (isinstance(value, str) and value.strip() in ("", *scale.missing_codes)):
        return None
    number = _as_decimal(value)
    if not scale.item_min <= number <= scale.item_max:
        raise _BadValue
    return number


def _is_declined(scale: Scale, value: object) -> bool:
    return isinstance(value, str) and value.strip() in scale.missing_codes


def _unscored(scale: Scale, answered: int, declined: int, reason: str) -> ScoreResult:
    return ScoreResult(
        scale=scale.name,
        score=None,
        band=None,
        answered=answered,
        items=len(scale.items),
        declined=declined,
        convention=scale.convention,
        reason=reason,
    )


def _band(bands: tuple[Band, ...], value: Decimal) -> str | None:
    return next((b.label for b in bands if b.contains(value)), None)


def _as_number(scale: Scale, value: Decimal, prorated: bool) -> int | float:
    whole_by_rule = (scale.rounding == "half_up" and scale.decimals == 0) or (
        scale.method == "sum" and not prorated
    )
    if whole_by_rule and value == value.to_integral_value():
        return int(value)
    return float(value)


def score_scale(scale: Scale, answers: Mapping[str, object]) -> ScoreResult:
    """Score one scale; answers map question names to values (str, int, float or None)."""
    values: list[Decimal] = []
    declined = 0
    for item in scale.items:
        raw = answers.get(item)
        try:
            value = _item_value(scale, raw)
        except _BadValue:
            return _unscored(
                scale,
                len(values),
                declined,
                f"item {item} has an answer that is not a number from "
                f"{scale.item_min} to {scale.item_max}",
            )
        if value is None:
            declined += _is_declined(scale, raw)
            continue
        if item in scale.reversed:
            value = scale.item_min + scale.item_max - value
        values.append(value)
    n, answered = len(scale.items), len(values)
    needed = max(scale.min_answered, 1)
    if answered < needed:
        return _unscored(
            scale,
            answered,
            declined,
            f"{n - answered} of {n} items missing; at least {needed} must be answered",
        )
    prorated = answered < n
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        total = sum(values, Decimal(0))
        if scale.method == "mean":
            result = total / answered
        elif prorated:
            result = total * n / answered
        else:
            result = total
        if scale.rounding == "half_up":
            result = round_half_up(result, scale.decimals)
    return ScoreResult(
        scale=scale.name,
        score=_as_number(scale, result, prorated),
        band=_band(scale.bands, result),
        answered=answered,
        items=n,
        declined=declined,
        prorated=prorated,
        convention=scale.convention,
    )


def score(spec: ScoringSpec, answers: Mapping[str, object]) -> dict[str, ScoreResult]:
    """Score every scale of `spec`, keyed by scale name in sheet order."""
    return {scale.name: score_scale(scale, answers) for scale in spec.scales}
