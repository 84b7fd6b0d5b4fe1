"""Scoring sheets: worked examples from the published rules, and sheet validation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pyxform.xls2json_backends import _md_table_to_ss_structure

from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.safeguarding_rules import (
    SafeguardingSheetError,
    check_references,
    parse_safeguarding_sheet,
)
from sylcollect.forms.scoring import (
    PREFER_NOT_TO_SAY,
    ScoringSheetError,
    ScoringSpec,
    check_items,
    parse_bands,
    parse_scoring_sheet,
    round_half_up,
    score,
)
from sylcollect.forms.xlsform import load_form_text

FORMS = Path(__file__).resolve().parents[3] / "resources" / "forms"


def sheet(path: Path, name: str) -> list[dict[str, str]]:
    """One sheet of an XLSForm markdown file as rows of {header: text}."""
    tables = _md_table_to_ss_structure(path.read_text(encoding="utf-8"))
    table = next((rows for sheet, rows in tables.items() if sheet.lower() == name), [])
    if not table:
        return []
    header = table[0]
    return [{h: c for h, c in zip(header, row, strict=False) if h and c} for row in table[1:]]


def spec_of(form_id: str) -> ScoringSpec:
    return parse_scoring_sheet(sheet(FORMS / f"{form_id}.md", "scoring"))


def answers(prefix: str, values: list[object]) -> dict[str, object]:
    return {f"{prefix}_{i}": v for i, v in enumerate(values, 1)}


def spread(total: int, n: int, top: int) -> list[int]:
    """n item values in 0..top (or 1..top+1 shifted by the caller) summing to total."""
    values = []
    for _ in range(n):
        v = min(top, total)
        values.append(v)
        total -= v
    assert total == 0
    return values


# ---------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [("4.5", 0, "5"), ("22.5", 0, "23"), ("2.5", 0, "3"), ("2.49", 0, "2"), ("0.125", 2, "0.13")],
)
def test_round_half_up(value: str, decimals: int, expected: str) -> None:
    assert round_half_up(Decimal(value), decimals) == Decimal(expected)


def test_python_round_would_be_wrong_here() -> None:
    # Banker's rounding takes 4.5 to 4: the reason for round_half_up.
    assert round(4.5) == 4
    assert round_half_up(Decimal("4.5")) == 5


# ---------------------------------------------------------------- PHQ-9


def test_phq9_full() -> None:
    result = score(spec_of("phq9"), answers("phq9", ["1", "2", "3", "0", "1", "2", "0", "1", "1"]))
    r = result["phq9"]
    assert (r.score, r.band, r.answered, r.prorated, r.reason) == (11, "Moderate", 9, False, None)
    assert "APA" in r.convention


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "None/minimal"),
        (4, "None/minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Moderately severe"),
        (19, "Moderately severe"),
        (20, "Severe"),
        (27, "Severe"),
    ],
)
def test_phq9_bands_at_boundaries(total: int, band: str) -> None:
    r = score(spec_of("phq9"), answers("phq9", spread(total, 9, 3)))["phq9"]
    assert (r.score, r.band) == (total, band)


def test_phq9_one_missing_half_rounds_up_into_next_band() -> None:
    # 8 answered summing to 4: 4 x 9 / 8 = 4.5 -> 5 (Mild); round() would give 4 (minimal).
    values: list[object] = [1, 1, 1, 1, 0, 0, 0, 0, None]
    r = score(spec_of("phq9"), answers("phq9", values))["phq9"]
    assert (r.score, r.band, r.answered, r.prorated) == (5, "Mild", 8, True)


def test_phq9_one_declined_half_rounds_up() -> None:
    # 8 answered summing to 20: 20 x 9 / 8 = 22.5 -> 23; "I'd rather not say" counts as missing.
    values: list[object] = [3, 3, 3, 3, 3, 3, 2, PREFER_NOT_TO_SAY, 0]
    r = score(spec_of("phq9"), answers("phq9", values))["phq9"]
    assert (r.score, r.band, r.answered, r.declined, r.prorated) == (23, "Severe", 8, 1, True)


def test_phq9_two_missing_prorated() -> None:
    # 7 answered summing to 10: 10 x 9 / 7 = 12.857... -> 13.
    values: list[object] = [2, 2, 2, 2, 2, 0, 0, "", None]
    r = score(spec_of("phq9"), answers("phq9", values))["phq9"]
    assert (r.score, r.band, r.answered, r.prorated) == (13, "Moderate", 7, True)
    # 7 answered summing to 14: exactly 18.
    values = [2, 2, 2, 2, 2, 2, 2, None, PREFER_NOT_TO_SAY]
    assert score(spec_of("phq9"), answers("phq9", values))["phq9"].score == 18


def test_phq9_three_missing_not_scored() -> None:
    values: list[object] = [3, 3, 3, 3, 3, 3, None, PREFER_NOT_TO_SAY, ""]
    r = score(spec_of("phq9"), answers("phq9", values))["phq9"]
    assert (r.score, r.band, r.scored, r.answered) == (None, None, False, 6)
    assert r.reason is not None and "3 of 9 items missing" in r.reason


def test_phq9_integer_and_text_answers_agree() -> None:
    as_int = score(spec_of("phq9"), answers("phq9", [1, 2, 3, 0, 1, 2, 0, 1, 1]))
    as_text = score(spec_of("phq9"), answers("phq9", ["1", "2", "3", "0", "1", "2", "0", "1", "1"]))
    assert as_int == as_text


@pytest.mark.parametrize("bad", ["7", "-1", "x", True, [1], 1.5e9, float("nan")])
def test_phq9_out_of_range_answer_not_scored(bad: object) -> None:
    values: list[object] = [1, 1, 1, 1, 1, 1, 1, 1, bad]
    r = score(spec_of("phq9"), answers("phq9", values))["phq9"]
    assert r.score is None
    assert r.reason is not None and "phq9_9" in r.reason


def test_phq9_safeguarding_rule() -> None:
    (rule,) = parse_safeguarding_sheet(sheet(FORMS / "phq9.md", "safeguarding"))
    assert rule.id == "phq9_item9"
    assert rule.references == ("phq9_9",)
    for code in ("1", "2", "3"):
        assert f"'{code}'" in rule.expression
    assert "'0'" not in rule.expression and PREFER_NOT_TO_SAY not in rule.expression


# ---------------------------------------------------------------- GAD-7


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal"),
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Severe"),
        (21, "Severe"),
    ],
)
def test_gad7_bands(total: int, band: str) -> None:
    r = score(spec_of("gad7"), answers("gad7", spread(total, 7, 3)))["gad7"]
    assert (r.score, r.band, r.prorated) == (total, band, False)


@pytest.mark.parametrize("missing", [None, "", PREFER_NOT_TO_SAY])
def test_gad7_any_missing_not_scored(missing: object) -> None:
    values: list[object] = [3, 3, 3, 3, 3, 3, missing]
    r = score(spec_of("gad7"), answers("gad7", values))["gad7"]
    assert r.score is None and r.answered == 6
    assert r.reason is not None and "1 of 7 items missing" in r.reason


def test_gad7_missing_rule_is_configurable() -> None:
    rows = sheet(FORMS / "gad7.md", "scoring")
    rows[0] = {**rows[0], "min_answered": "6", "prorate": "yes", "round": "half_up"}
    spec = parse_scoring_sheet(rows)
    # 6 answered summing to 9: 9 x 7 / 6 = 10.5 -> 11.
    r = score(spec, answers("gad7", [3, 3, 3, 0, 0, 0, None]))["gad7"]
    assert (r.score, r.band, r.prorated) == (11, "Moderate", True)


# ---------------------------------------------------------------- K10


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (10, "Low"),
        (15, "Low"),
        (16, "Moderate"),
        (21, "Moderate"),
        (22, "High"),
        (29, "High"),
        (30, "Very high"),
        (50, "Very high"),
    ],
)
def test_k10_bands_at_boundaries(total: int, band: str) -> None:
    values = [v + 1 for v in spread(total - 10, 10, 4)]
    r = score(spec_of("k10"), answers("k10", values))["k10"]
    assert (r.score, r.band) == (total, band)
    assert "ABS 1–5" in r.convention


def test_k10_zero_is_not_a_k10_answer() -> None:
    r = score(spec_of("k10"), answers("k10", [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]))["k10"]
    assert r.score is None


def test_k10_missing_not_scored() -> None:
    r = score(spec_of("k10"), answers("k10", [1] * 9 + [PREFER_NOT_TO_SAY]))["k10"]
    assert r.score is None and r.declined == 1


# ---------------------------------------------------------------- RSES


def test_rses_reversal() -> None:
    spec = spec_of("rses")
    assert spec["rses"].reversed == {"rses_2", "rses_5", "rses_6", "rses_8", "rses_9"}
    assert spec["rses"].bands == ()
    # SA on every item: 5 positive items x 3, 5 reversed items x 0.
    assert score(spec, answers("rses", [3] * 10))["rses"].score == 15
    high = [0 if i in (2, 5, 6, 8, 9) else 3 for i in range(1, 11)]
    assert score(spec, answers("rses", high))["rses"].score == 30
    low = [3 - v for v in high]
    assert score(spec, answers("rses", low))["rses"].score == 0


def test_rses_worked_example() -> None:
    # 3, 3-1, 2, 2, 3-0, 3-1, 3, 3-2, 3-0, 3 = 24; no bands: none is official.
    r = score(spec_of("rses"), answers("rses", [3, 1, 2, 2, 0, 1, 3, 2, 0, 3]))["rses"]
    assert (r.score, r.band, r.reason) == (24, None, None)


# ---------------------------------------------------------------- means and subscales


def test_staff_survey_means_and_subscales() -> None:
    spec = spec_of("staff_survey")
    assert [s.name for s in spec.subscales("staff_total")] == [
        "staff_knowledge",
        "staff_confidence",
        "staff_practice",
    ]
    values = {"know_signs": "5", "know_procedure": "4", "know_trauma": PREFER_NOT_TO_SAY}
    values |= {"conf_talk": "2", "conf_missing": "3", "conf_calm": "3"}
    values |= {"tip_shared": "4", "tip_choice": "5", "tip_repair": None}
    result = score(spec, values)
    assert result["staff_knowledge"].score == 4.5
    assert result["staff_confidence"].score == 2.67  # 8 / 3, half up to 2 decimals
    assert result["staff_practice"].score == 4.5  # 2 of 3 answered is enough
    assert result["staff_total"].score == 3.71  # 26 / 7
    assert result["staff_total"].prorated is True
    values["tip_choice"] = None
    result = score(spec, values)
    assert result["staff_practice"].score is None  # 1 of 3 answered, 2 needed
    assert result["staff_total"].reason == "3 of 9 items missing; at least 7 must be answered"


# ---------------------------------------------------------------- sheet validation

BASE = {"scale": "s", "items": "a b c", "item_min": "0", "item_max": "3"}


def test_minimal_sheet_defaults() -> None:
    scale = parse_scoring_sheet([BASE])["s"]
    assert (scale.method, scale.min_answered, scale.prorate, scale.label) == ("sum", 3, False, "s")
    assert scale.missing_codes == {PREFER_NOT_TO_SAY}
    assert parse_scoring_sheet([]).scales == ()


def test_headers_are_case_insensitive_and_blank_rows_skipped() -> None:
    spec = parse_scoring_sheet([{}, {k.upper(): v for k, v in BASE.items()}])
    assert spec["s"].row == 3


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"scale": ""}, "column 'scale': required"),
        ({"scale": "2x"}, "not a valid scale name"),
        ({"items": ""}, "column 'items': required"),
        ({"items": "a a"}, "listed more than once"),
        ({"reversed": "z"}, "not among the items: z"),
        ({"method": "median"}, "must be sum or mean"),
        ({"item_min": ""}, "column 'item_min': required"),
        ({"item_max": "three"}, "not a number"),
        ({"item_max": "0"}, "must be above item_min"),
        ({"min_answered": "4"}, "from 1 to the number of items"),
        ({"min_answered": "2"}, "must be prorated"),
        ({"method": "mean", "prorate": "yes"}, "leave it empty"),
        ({"prorate": "maybe"}, "yes or no"),
        ({"round": "banker"}, "half_up or none"),
        ({"decimals": "2"}, "only with round: half_up"),
        ({"missing_codes": "9 2"}, "'2' is a real answer value"),
        ({"bands": "0-4 None"}, "is not written like"),
        ({"bands": "4-0:X"}, "low end is above"),
        ({"bands": "0-4:A; 4-9:B"}, "overlaps"),
        ({"bands": "0-3:A; 5-9:B"}, "fall in no band"),
        ({"bands": "0-10:A"}, "outside the possible scores"),
        ({"colour": "red"}, "unknown column"),
        ({"parent": "nope"}, "is not another scale"),
    ],
)
def test_invalid_sheet_names_row_and_problem(change: dict[str, str], needle: str) -> None:
    with pytest.raises(ScoringSheetError) as caught:
        parse_scoring_sheet([{**BASE, "scale": "other"}, {**BASE, **change}])
    assert needle in str(caught.value)
    assert "scoring sheet, row 3" in str(caught.value)
    assert isinstance(caught.value, InvalidInput)


def test_duplicate_scale_and_subscale_rules() -> None:
    with pytest.raises(ScoringSheetError, match=r"row 3.*more than once"):
        parse_scoring_sheet([BASE, BASE])
    sub = {**BASE, "scale": "sub", "items": "a d", "parent": "s"}
    with pytest.raises(ScoringSheetError, match="not among the items of 's': d"):
        parse_scoring_sheet([BASE, sub])
    ok = parse_scoring_sheet([BASE, {**sub, "items": "a b"}])
    assert ok.subscales("s") == (ok["sub"],)
    subsub = {**BASE, "scale": "subsub", "items": "a", "parent": "sub"}
    with pytest.raises(ScoringSheetError, match="itself a subscale"):
        parse_scoring_sheet([BASE, {**sub, "items": "a b"}, subsub])


def test_check_items_names_the_missing_question() -> None:
    spec = parse_scoring_sheet([BASE])
    check_items(spec, frozenset({"a", "b", "c"}))
    with pytest.raises(ScoringSheetError, match=r"row 2.*no question named c"):
        check_items(spec, frozenset({"a", "b"}))


ITEMS_FORM = """
| survey |
|  | type                | name  | label | calculation |
|  | integer             | a     | A     |             |
|  | select_one abc      | one   | One   |             |
|  | calculate           | calc  |       | ${a} + 1    |
|  | select_multiple abc | many  | Many  |             |
|  | text                | words | Words |             |
|  | date                | day   | Day   |             |
|  | begin repeat        | kid   | Kid   |             |
|  | integer             | k     | K     |             |
|  | end repeat          | kid   |       |             |
| choices |
|  | list_name | name | label |
|  | abc       | 1    | one   |
|  | abc       | 2    | two   |
| scoring |
|  | scale | items    | item_min | item_max |
|  | fine  | a one    | 0        | 3        |
|  | s     | a ITEMS | 0        | 3        |
"""


def _load_items(items: str) -> None:
    compile_form(load_form_text(ITEMS_FORM.replace("ITEMS", items), "items.md"), "items.md")


@pytest.mark.parametrize(
    ("item", "why"),
    [
        ("k", "item 'k' is inside the repeat 'kid'"),
        ("kid", "item 'kid' is a repeat, not a question"),
        ("many", "item 'many' is a select_multiple question, whose answer is not a number"),
        ("words", "item 'words' is a text question, whose answer is not a number"),
        ("day", "item 'day' is a date question"),
    ],
)
def test_items_that_can_never_score_are_refused_at_load(item: str, why: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _load_items(f"one {item}")
    message = str(caught.value)
    assert message.startswith(
        "items.md: scoring sheet, row 3, column 'items': scale 's' can never be scored"
    )
    assert why in message


def test_numbers_single_choices_and_calculations_can_be_items() -> None:
    _load_items("one calc")


def test_bands_with_decimals_and_gaps_for_unrounded_means() -> None:
    bands = parse_bands("1-2.5:Low; 2.51-5:High")
    assert [b.label for b in bands] == ["Low", "High"]
    mean = {**BASE, "method": "mean", "bands": "0-1:Low; 2-3:High"}
    spec = parse_scoring_sheet([mean])  # unrounded means may leave gaps
    r = score(spec, {"a": 1, "b": 2, "c": 2})["s"]
    assert r.band is None and r.score == pytest.approx(5 / 3)


# ---------------------------------------------------------------- safeguarding sheet

RULE = {"id": "r1", "expression": "${a} = '1'", "message": "Please check in."}


def test_safeguarding_rules_parse() -> None:
    (rule,) = parse_safeguarding_sheet([{k.upper(): v for k, v in RULE.items()}])
    assert (rule.id, rule.expression, rule.message, rule.row) == (
        "r1",
        "${a} = '1'",
        "Please check in.",
        2,
    )
    check_references([rule], frozenset({"a"}))
    with pytest.raises(SafeguardingSheetError, match="no question named a"):
        check_references([rule], frozenset({"b"}))


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"id": ""}, "column 'id': required"),
        ({"expression": ""}, "column 'expression': required"),
        ({"message": ""}, "column 'message': required"),
        ({"id": "r 2"}, "must start with a letter"),
        ({"expression": "${a = 1"}, "not closed"),
        ({"expression": "${a b} = 1"}, "not a valid question reference"),
        ({"level": "high"}, "unknown column"),
        ({}, "used by an earlier rule"),
    ],
)
def test_invalid_safeguarding_sheet(change: dict[str, str], needle: str) -> None:
    with pytest.raises(SafeguardingSheetError) as caught:
        parse_safeguarding_sheet([RULE, {**RULE, **change}])
    assert needle in str(caught.value)
    assert "safeguarding sheet, row 3" in str(caught.value)
    assert isinstance(caught.value, InvalidInput)
