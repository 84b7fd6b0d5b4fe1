"""`form inspect` JSON (DESIGN.md §7) over the built-in forms and the pyxform corpus."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.inspect import inspect_form, inspect_text
from sylcollect.forms.model import FormError
from sylcollect.forms.state import FormState
from sylcollect.forms.xlsform import SUFFIXES, load_form
from tests.core.forms.test_state_forms import CHOICE_NAME, FIXED_NOW, LANG, compiled

BUILT_IN = sorted(
    p
    for p in (Path(__file__).resolve().parents[3] / "resources" / "forms").glob("*.md")
    if not p.name.endswith(".LICENCE.md")
)
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "xlsforms" / "pyxform"
CORPUS_FORMS = sorted(
    p
    for folder in ("example_xls", "bug_example_xls")
    for p in (CORPUS / folder).glob("*")
    if p.suffix.lower() in SUFFIXES
)
#: Forms pyxform converts whose expressions are not valid XPath (ODK Validate refuses them).
BAD_EXPRESSIONS = {"bad_calc.xlsx", "xl_date_ambiguous.xlsx"}
TOP = {"form_id", "version", "title", "languages", "questions", "scores", "alerts"}
QUESTION = {"name", "type", "label", "choices", "relevant", "required", "valid", "value", "message"}


def _check_contract(data: dict) -> None:  # type: ignore[type-arg]
    assert set(data) == TOP
    assert isinstance(data["languages"], list) and data["languages"]
    assert json.loads(json.dumps(data)) == data  # plain JSON
    for q in data["questions"]:
        assert set(q) == QUESTION
        assert isinstance(q["relevant"], bool) and isinstance(q["valid"], bool)
        assert all(set(c) == {"name", "label"} for c in q["choices"])
        assert (q["message"] is None) == q["valid"]
    for scale in data["scores"].values():
        assert set(scale) == {"score", "band"}
    assert isinstance(data["alerts"], list)


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.stem)
def test_built_in_forms_inspect(path: Path) -> None:
    form = load_form(path)
    data = inspect_form(compile_form(form, path.name), {}, clock=lambda: FIXED_NOW)
    _check_contract(data)
    assert data["form_id"] == form.id and data["version"] == form.version
    names = [q.name for q in form.questions() if not _inside_repeat(form, q.path)]
    assert [q["name"] for q in data["questions"]] == names  # form order, no repeat instances
    assert inspect_text(data).startswith(form.title)


def _inside_repeat(form, path: str) -> bool:  # type: ignore[no-untyped-def]
    return any(g.repeat and path.startswith(g.path + "/") for g in form.groups())


def test_phq9_scores_and_alert() -> None:
    path = next(p for p in BUILT_IN if p.stem == "phq9")
    answers = {f"phq9_{i}": "3" for i in range(1, 10)}
    data = inspect_form(compile_form(load_form(path), path.name), answers)
    assert data["scores"] == {"phq9": {"score": 27, "band": "Severe"}}
    assert [a["id"] for a in data["alerts"]] == ["phq9_item9"]
    data = inspect_form(compile_form(load_form(path), path.name), {"phq9_1": "1"})
    assert data["scores"] == {"phq9": {"score": None, "band": None}}
    assert data["alerts"] == []


def test_repeat_instances_each_get_an_entry() -> None:
    path = next(p for p in BUILT_IN if p.stem == "yp_checkin")
    answers = {
        "people_go": "yes",
        "trust_any": "yes",
        "trusted_people": [{"trusted_who": "carer"}, {"trusted_who": "friend"}],
    }
    data = inspect_form(compile_form(load_form(path), path.name), answers)
    who = [q for q in data["questions"] if q["name"] == "trusted_who"]
    assert [q["value"] for q in who] == ["carer", "friend"]
    count = next(q for q in data["questions"] if q["name"] == "trusted_count")
    assert count["value"] == "2"


def test_language_choice_and_values() -> None:
    data = inspect_form(compiled(LANG), {"age": 30, "region": "north"}, "fr")
    by_name = {q["name"]: q for q in data["questions"]}
    assert data["languages"] == ["English (en)", "Français (fr)"]
    assert by_name["age"] == {
        "name": "age",
        "type": "integer",
        "label": "Âge ?",
        "choices": [],
        "relevant": True,
        "required": True,
        "valid": False,
        "value": 30,
        "message": "Entre 10 et 25",
    }
    assert by_name["age4"]["value"] == "120" and by_name["older"]["value"] == "yes"
    assert by_name["why"]["label"] == "Pourquoi, à 30 ?"
    assert by_name["town"]["choices"] == [
        {"name": "durham", "label": "Durham"},
        {"name": "leeds", "label": "Leeds"},
    ]
    assert by_name["detail"]["relevant"] is False and by_name["detail"]["value"] is None
    english = inspect_form(compiled(LANG), {"age": 30}, "English (en)")
    assert english["questions"][0]["message"] == "Between 10 and 25"
    with pytest.raises(InvalidInput, match="no language 'xx'"):
        inspect_form(compiled(LANG), {}, "xx")


@pytest.mark.parametrize(
    ("lang", "colour", "label"),
    [
        ("fr", "red", "Rouge"),
        ("Français (fr)", "red", "Rouge"),
        ("fr", "amber", "Amber"),  # no French label: the default language's, as ODK does
        (None, "red", "Red"),
        ("en", "red", "Red"),
    ],
)
def test_choice_name_uses_the_language_in_use(lang: str | None, colour: str, label: str) -> None:
    data = inspect_form(compiled(CHOICE_NAME), {"colour": colour}, lang)
    by_name = {q["name"]: q for q in data["questions"]}
    assert by_name["named"]["value"] == label
    assert by_name["said"]["label"].endswith(f" {label}")


def test_changing_the_language_recomputes_choice_names() -> None:
    form = compiled(CHOICE_NAME)
    state = FormState(form, {"colour": "red"}, lang="Français (fr)")
    assert state.language == "Français (fr)" and state.cell("named").value == "Rouge"
    changes = state.set_language("English (en)")
    assert state.cell("named").value == "Red" and changes
    assert FormState(form, {"colour": "red"}).cell("named").value == "Red"


def test_bad_answers_are_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="answer 'age': expects a whole number"):
        inspect_form(compiled(LANG), {"age": "old"})


def _pyxform_converts(path: Path) -> bool:
    from pyxform.xls2xform import convert

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            convert(xlsform=str(path))
    except Exception:
        return False
    return True


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared pyxform corpus not present")
@pytest.mark.parametrize("path", CORPUS_FORMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_forms_inspect(path: Path) -> None:
    if not _pyxform_converts(path):
        pytest.skip("pyxform refuses it (tests/core/forms/test_pyxform_corpus.py)")
    form = load_form(path)
    if path.name in BAD_EXPRESSIONS:
        with pytest.raises(FormError) as caught:
            compile_form(form, path.name)
        assert str(caught.value).startswith(f"{path.name}: row ")
        return
    data = inspect_form(compile_form(form, path.name), {}, clock=lambda: FIXED_NOW)
    _check_contract(data)
    names = [q.name for q in form.questions() if not _inside_repeat(form, q.path)]
    fixed = [q["name"] for q in data["questions"]]
    assert [n for n in fixed if n in names] == names
