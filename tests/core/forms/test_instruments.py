"""Built-in forms in resources/forms: they convert, are complete, and match instruments.md."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from pyxform.xls2json_backends import _md_table_to_ss_structure, md_to_dict
from pyxform.xls2xform import convert

from sylcollect.forms.safeguarding_rules import check_references, parse_safeguarding_sheet
from sylcollect.forms.scoring import PREFER_NOT_TO_SAY, check_items, parse_scoring_sheet

FORMS = Path(__file__).resolve().parents[3] / "resources" / "forms"
FORM_FILES = sorted(p for p in FORMS.glob("*.md") if not p.name.endswith(".LICENCE.md"))
INSTRUMENTS = {"phq9": 9, "gad7": 7, "k10": 10, "rses": 10}
#: From /work/shared/context/instruments.md: (item_min, item_max, bands).
RULES = {
    "phq9": (
        0,
        3,
        "0-4:None/minimal; 5-9:Mild; 10-14:Moderate; 15-19:Moderately severe; 20-27:Severe",
    ),
    "gad7": (0, 3, "0-4:Minimal; 5-9:Mild; 10-14:Moderate; 15-21:Severe"),
    "k10": (1, 5, "10-15:Low; 16-21:Moderate; 22-29:High; 30-50:Very high"),
    "rses": (0, 3, ""),
}
#: RSES items reversed in the 1965 / University of Maryland order, keyed to their wording.
RSES_REVERSED = {
    "rses_2": "no good at all",
    "rses_5": "do not have much to be proud of",
    "rses_6": "useless",
    "rses_8": "more respect for myself",
    "rses_9": "failure",
}
IDS = [p.stem for p in FORM_FILES]


def extra_sheet(path: Path, name: str) -> list[dict[str, str]]:
    """A sheet pyxform drops (scoring, safeguarding), as rows of {header: text}."""
    tables = _md_table_to_ss_structure(path.read_text(encoding="utf-8"))
    table = next((rows for sheet, rows in tables.items() if sheet.lower() == name), [])
    if not table:
        return []
    header = table[0]
    return [{h: c for h, c in zip(header, row, strict=False) if h and c} for row in table[1:]]


def workbook(path: Path) -> dict[str, list[dict[str, str]]]:
    return md_to_dict(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def survey_rows(path: Path) -> list[dict[str, str]]:
    return workbook(path)["survey"]


def names(path: Path) -> frozenset[str]:
    return frozenset(r["name"] for r in survey_rows(path) if r.get("name"))


def choices_by_list(path: Path) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    for row in workbook(path).get("choices", []):
        lists.setdefault(row["list_name"], []).append(row)
    return lists


def list_of(row: dict[str, str]) -> str | None:
    parts = row["type"].split()
    return parts[1] if parts[0] in ("select_one", "select_multiple") else None


def test_the_library_is_all_there() -> None:
    expected = {"site_indicators", "yp_checkin", "staff_survey", "interview_record"}
    expected |= {"activity_observation", *INSTRUMENTS}
    assert expected <= set(IDS)


@pytest.mark.parametrize("path", FORM_FILES, ids=IDS)
def test_converts_with_pyxform_and_has_settings(path: Path) -> None:
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings)
    assert warnings == []
    settings = workbook(path)["settings"][0]
    assert settings["form_id"] == path.stem
    assert re.fullmatch(r"\d+", settings["version"])
    assert settings["form_title"].strip()
    assert f'id="{path.stem}"' in result.xform
    assert f'version="{settings["version"]}"' in result.xform


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@pytest.mark.parametrize("path", FORM_FILES, ids=IDS)
def test_passes_odk_validate(path: Path) -> None:
    convert(str(path), validate=True)


@pytest.mark.parametrize("path", FORM_FILES, ids=IDS)
def test_scoring_and_safeguarding_sheets_parse_and_match_questions(path: Path) -> None:
    spec = parse_scoring_sheet(extra_sheet(path, "scoring"))
    check_items(spec, names(path))
    rules = parse_safeguarding_sheet(extra_sheet(path, "safeguarding"))
    check_references(rules, names(path))


@pytest.mark.parametrize("path", FORM_FILES, ids=IDS)
def test_the_team_loader_reads_the_same_extra_sheets(path: Path) -> None:
    xlsform = pytest.importorskip("sylcollect.forms.xlsform")
    form = xlsform.load_form(path)
    sheets = getattr(form, "extra_sheets", None)
    if not isinstance(sheets, dict):
        pytest.skip("load_form does not expose extra_sheets")
    mine = parse_scoring_sheet(extra_sheet(path, "scoring"))
    theirs = parse_scoring_sheet(sheets.get("scoring", []))
    assert [(s.name, s.items, s.reversed, s.bands) for s in theirs.scales] == [
        (s.name, s.items, s.reversed, s.bands) for s in mine.scales
    ]
    assert [r.id for r in parse_safeguarding_sheet(sheets.get("safeguarding", []))] == [
        r.id for r in parse_safeguarding_sheet(extra_sheet(path, "safeguarding"))
    ]


@pytest.mark.parametrize("form_id", sorted(INSTRUMENTS))
def test_instrument_licence_file(form_id: str) -> None:
    licence = FORMS / f"{form_id}.LICENCE.md"
    text = licence.read_text(encoding="utf-8")
    for heading in ("Source", "Permission", "Wording used", "Citation", "Scoring manual"):
        assert f"**{heading}" in text, f"{licence.name} lacks {heading}"
    assert PREFER_NOT_TO_SAY in text


@pytest.mark.parametrize("form_id", sorted(INSTRUMENTS))
def test_instrument_scoring_matches_published_rules(form_id: str) -> None:
    path = FORMS / f"{form_id}.md"
    (scale,) = parse_scoring_sheet(extra_sheet(path, "scoring")).scales
    lo, hi, bands = RULES[form_id]
    assert scale.items == tuple(f"{form_id}_{i}" for i in range(1, INSTRUMENTS[form_id] + 1))
    assert (scale.item_min, scale.item_max, scale.method) == (lo, hi, "sum")
    assert [(b.low, b.high, b.label) for b in scale.bands] == [
        (int(r.split("-")[0]), int(r.split("-")[1].split(":")[0]), r.split(":")[1])
        for r in (part.strip() for part in bands.split(";") if part.strip())
    ]
    expected_reversed = set(RSES_REVERSED) if form_id == "rses" else set()
    assert scale.reversed == expected_reversed
    if form_id == "phq9":
        assert (scale.min_answered, scale.prorate, scale.rounding) == (7, True, "half_up")
    else:
        assert (scale.min_answered, scale.prorate) == (INSTRUMENTS[form_id], False)


@pytest.mark.parametrize("form_id", sorted(INSTRUMENTS))
def test_instrument_items_offer_pnts_and_only_scorable_codes(form_id: str) -> None:
    path = FORMS / f"{form_id}.md"
    (scale,) = parse_scoring_sheet(extra_sheet(path, "scoring")).scales
    lists = choices_by_list(path)
    rows = {r["name"]: r for r in survey_rows(path) if r.get("name")}
    for item in scale.items:
        list_name = list_of(rows[item])
        assert list_name is not None and rows[item]["type"].startswith("select_one")
        codes = [c["name"] for c in lists[list_name]]
        assert codes[-1] == PREFER_NOT_TO_SAY
        assert [int(c) for c in codes[:-1]] == sorted(
            range(int(scale.item_min), int(scale.item_max) + 1),
            reverse=int(codes[0]) > int(codes[1]),
        )


def test_rses_reversal_is_keyed_to_the_item_text() -> None:
    labels = {r["name"]: r["label"] for r in survey_rows(FORMS / "rses.md") if r.get("name")}
    for name, words in RSES_REVERSED.items():
        assert words in labels[name]
    positive = [f"rses_{i}" for i in (1, 3, 4, 7, 10)]
    assert not any(w in labels[n] for n in positive for w in RSES_REVERSED.values())


def test_k10_carries_the_who_notice_and_convention() -> None:
    text = (FORMS / "k10.md").read_text(encoding="utf-8")
    assert "© WHO 2003" in text
    assert "Kessler et al. 2003" in (FORMS / "k10.LICENCE.md").read_text(encoding="utf-8")
    (scale,) = parse_scoring_sheet(extra_sheet(FORMS / "k10.md", "scoring")).scales
    assert "ABS 1–5" in scale.convention


def test_phq9_item9_raises_a_safeguarding_alert() -> None:
    rules = parse_safeguarding_sheet(extra_sheet(FORMS / "phq9.md", "safeguarding"))
    assert [r.references for r in rules] == [("phq9_9",)]


# ---------------------------------------------------------------- self-complete form

BANNED = ("victim", "exploit", "abuse", "prostitut", "groom", "perpetrator", "fault")


def _syllables(word: str) -> int:
    word = word.lower().strip(".,?!'’:;()")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and not word.endswith("le") else 0)
    return max(count, 1)


def flesch_kincaid_grade(texts: list[str]) -> float:
    """Flesch-Kincaid grade of the texts, each split into sentences at . ? and !."""
    sentences = [s for t in texts for s in re.split(r"(?<=[.?!])\s+", t) if s.strip()]
    words = [w for s in sentences for w in s.split() if re.search(r"[A-Za-z]", w)]
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_yp_checkin_sensitive_selects_offer_rather_not_say() -> None:
    path = FORMS / "yp_checkin.md"
    lists = choices_by_list(path)
    for row in survey_rows(path):
        list_name = list_of(row)
        if list_name is None or row["name"].endswith("_go"):
            continue  # "Skip this part" questions are choices about the section itself
        labels = {c["name"]: c["label"] for c in lists[list_name]}
        assert labels.get(PREFER_NOT_TO_SAY) == "I'd rather not say", row["name"]


def test_yp_checkin_has_section_notes_skip_logic_and_a_repeat() -> None:
    rows = survey_rows(FORMS / "yp_checkin.md")
    go = [r["name"] for r in rows if r.get("name", "").endswith("_go")]
    assert len(go) >= 2
    for name in go:
        assert any(
            f"${{{name}}}" in r.get("relevant", "") for r in rows if r["type"] == "begin group"
        )
    assert any(r["type"] == "begin repeat" for r in rows)
    assert not any(r.get("required") for r in rows), "nothing is required of the young person"


def test_yp_checkin_plain_words() -> None:
    path = FORMS / "yp_checkin.md"
    texts = [r[k] for r in survey_rows(path) for k in ("label", "hint") if r.get(k)]
    texts += [c["label"] for rows in choices_by_list(path).values() for c in rows]
    lowered = " ".join(texts).lower()
    assert not [w for w in BANNED if w in lowered]
    questions = [r["label"] for r in survey_rows(path) if r.get("label")]
    assert flesch_kincaid_grade(questions) <= 5
    assert max(flesch_kincaid_grade([q]) for q in questions) <= 6


def test_staff_survey_is_anonymous() -> None:
    assert not [n for n in names(FORMS / "staff_survey.md") if "name" in n or "email" in n]


def test_interview_milestone_constraint_accepts_the_demo_milestone_ids() -> None:
    study = FORMS.parent / "demo" / "study.toml"
    if not study.exists():
        pytest.skip("no demo study definition")
    ids = [m["id"] for m in tomllib.loads(study.read_text(encoding="utf-8")).get("milestones", [])]
    row = next(
        r for r in survey_rows(FORMS / "interview_record.md") if r["name"] == "milestone_ids"
    )
    match = re.fullmatch(r"regex\(\., '(.*)'\)", row["constraint"])
    assert match is not None
    assert ids and re.fullmatch(match[1], " ".join(ids))
    assert not re.fullmatch(match[1], "dh-e1,  ss-m2")
