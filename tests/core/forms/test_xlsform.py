"""Loading XLSForms: ids, versions, titles, hashes, text forms and clean errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.model import FormError
from sylcollect.forms.xlsform import load_form, load_form_text

SIMPLE = """
| survey |
| | type    | name | label       | required | relevant    |
| | text    | nick | Nickname    | yes      |             |
| | integer | age  | Age         | true     | ${nick}!='' |
| | note    | bye  | Thanks      |          |             |
| settings |
| | form_id | version | form_title |
| | simple  | 2025.1  | A simple form |
"""


def write(tmp_path: Path, text: str, name: str = "form.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_give_id_version_title(tmp_path: Path) -> None:
    path = write(tmp_path, SIMPLE)
    form = load_form(path)
    assert (form.id, form.version, form.title) == ("simple", "2025.1", "A simple form")
    assert form.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert form.settings["form_id"] == "simple"
    assert "<h:title>A simple form</h:title>" in form.xform_xml


def test_defaults_without_settings(tmp_path: Path) -> None:
    form = load_form(write(tmp_path, SIMPLE.split("| settings |")[0], "my_form.md"))
    assert (form.id, form.version, form.title) == ("my_form", "1", "my_form")
    assert form.default_language == "default"
    assert form.languages == ("default",)


def test_question_fields(tmp_path: Path) -> None:
    form = load_form(write(tmp_path, SIMPLE))
    nick, age, bye = (form.question(n) for n in ("nick", "age", "bye"))
    assert (nick.type, nick.path, nick.row) == ("text", "/data/nick", 2)
    assert nick.required == "true()" and age.required == "true()"
    assert age.relevant == "${nick}!=''"
    assert nick.labels == {"default": "Nickname"}
    assert bye.type == "note" and not bye.takes_answer
    assert [q.name for q in form.questions()] == ["nick", "age", "bye", "instanceID"]
    assert form.question("instanceID").type == "instanceid"
    assert form.find("nope") is None
    with pytest.raises(KeyError):
        form.question("nope")
    assert form.by_path("/data/age") is age
    assert form.by_path("/data") is form.root


def test_load_form_text_matches_file(tmp_path: Path) -> None:
    from_text = load_form_text(SIMPLE, "simple.md")
    from_file = load_form(write(tmp_path, SIMPLE))
    assert from_text.source_sha256 == from_file.source_sha256
    assert from_text.root == from_file.root
    assert from_text.xform_xml == from_file.xform_xml


def test_pyxform_refusal_is_a_clean_form_error() -> None:
    text = "| survey |\n| | type | name | label |\n| | calculate | c | |\n"
    with pytest.raises(FormError) as caught:
        load_form_text(text, "bad.md")
    message = str(caught.value)
    assert message.startswith("bad.md: [row : 2]")
    assert "calculation" in message.lower()
    assert "\n" not in message and "Traceback" not in message
    assert isinstance(caught.value, InvalidInput)


def test_unknown_type_is_refused() -> None:
    text = "| survey |\n| | type | name | label |\n| | fancy_widget | q | Q |\n"
    with pytest.raises(FormError, match=r"^x\.md: .*fancy_widget"):
        load_form_text(text, "x.md")


def test_unsupported_feature_names_the_row() -> None:
    text = (
        "| survey |\n| | type | name | label |\n| | text | a | A |\n"
        "| | background-audio | rec | |\n"
    )
    with pytest.raises(FormError, match=r"^x\.md: \[row : 3\] type 'background-audio'"):
        load_form_text(text, "x.md")


def test_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.xlsx"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(FormError, match=r"^junk\.xlsx: "):
        load_form(path)
    with pytest.raises(FormError, match="not an XLSForm"):
        load_form(tmp_path / "form.docx")
    with pytest.raises(FormError, match="cannot be read"):
        load_form(tmp_path / "missing.md")
    with pytest.raises(FormError, match=r"only \.md and \.csv"):
        load_form_text(SIMPLE, "form.xlsx")


NOT_RECOGNISED = "was not recognized as a supported type"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.md", b"", "the file is empty"),
        ("blank.md", b"  \n\n", "the file is empty"),
        ("empty.csv", b"", "the file is empty"),
        ("empty.xlsx", b"", "the file is empty"),
        ("text.xlsx", b"hello world\n", "this is not an Excel workbook (it holds text)"),
        ("text.xls", b"hello world\n", "this is not an Excel workbook (it holds text)"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "an older .xls workbook"),
        ("new.xls", b"PK\x03\x04rest", "it looks like an .xlsx one"),
        ("broken.xlsx", b"PK\x03\x04rest", "not an Excel workbook, or it is damaged"),
        (
            "latin1.md",
            "| survey |\n| | type | name | label |\n| | text | a | \xc9t\xe9 |\n".encode("latin-1"),
            "not UTF-8 text",
        ),
        ("text.md", b"hello world\n", "no survey sheet: a markdown XLSForm needs"),
        (
            "no_survey.md",
            b"| choices |\n| | list_name | name | label |\n| | yn | y | Yes |\n",
            "no survey sheet",
        ),
        ("header.md", b"| survey |\n| | type | name | label |\n", "the survey sheet has no rows"),
        ("plain.csv", b"type,name,label\ntext,a,A\n", "no survey sheet: in a CSV XLSForm"),
        ("no_survey.csv", b"choices,list_name,name,label\n,yn,y,Yes\n", "(sheets: choices)"),
    ],
)
def test_files_pyxform_cannot_open_say_what_is_wrong(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormError) as caught:
        load_form(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and problem in message
    assert NOT_RECOGNISED not in message


def test_an_xlsx_without_a_survey_sheet_lists_its_sheets(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "choices"
    book.active.append(["list_name", "name", "label"])
    book.active.append(["yn", "y", "Yes"])
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(FormError, match=r"^x\.xlsx: no survey sheet \(sheets: choices\)$"):
        load_form(tmp_path / "x.xlsx")


def test_unexpected_pyxform_exception_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyxform.xls2json

    def boom(**_: object) -> None:
        raise RuntimeError("internal\nfailure")

    monkeypatch.setattr(pyxform.xls2json, "workbook_to_json", boom)
    with pytest.raises(FormError) as caught:
        load_form_text(SIMPLE, "simple.md")
    assert str(caught.value) == (
        "simple.md: pyxform could not read the form (RuntimeError: internal; failure)"
    )


def test_csv_and_xlsx_forms(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    csv_text = (
        "survey,,,\n,type,name,label\n,integer,n,Number\nscoring,,,\n,scale,item,\n,total,n,\n"
    )
    form = load_form(write(tmp_path, csv_text, "c.csv"))
    assert form.question("n").type == "integer"
    assert form.extra_sheets == {"scoring": [{"scale": "total", "item": "n"}]}

    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    survey.append(["decimal", "w", "Weight"])
    scoring = book.create_sheet("scoring")
    scoring.append(["scale", "item", "reverse"])
    scoring.append(["total", "w", 1])
    book.save(tmp_path / "x.xlsx")
    form = load_form(tmp_path / "x.xlsx")
    assert form.question("w").type == "decimal"
    assert form.extra_sheets == {"scoring": [{"scale": "total", "item": "w", "reverse": "1"}]}


def _compiled(text: str, name: str) -> None:
    compile_form(load_form_text(text, name), name)


def test_a_calculation_too_deep_to_evaluate_is_refused_naming_its_row() -> None:
    terms = " + ".join(["${a}"] * 1000)
    text = f"""
| survey |
| | type      | name | label | calculation |
| | integer   | a    | A     |             |
| | calculate | c    |       | {terms} |
"""
    with pytest.raises(FormError, match=r"^deep\.md: row 3 \('c'\), calculation: expression too"):
        _compiled(text, "deep.md")


def test_scoring_and_safeguarding_sheet_errors_name_the_file() -> None:
    scoring = (
        SIMPLE
        + """| scoring |
| | scale | items | item_min | item_max |
| | s     | age x | 0        | 3        |
"""
    )
    with pytest.raises(InvalidInput, match=r"^simple\.md: scoring sheet, row 2, column 'items'"):
        _compiled(scoring, "simple.md")
    rules = (
        SIMPLE
        + """| safeguarding |
| | id | expression | message |
| | r  | ${nope} = 1 | Check |
"""
    )
    with pytest.raises(InvalidInput, match=r"^rules\.md: safeguarding sheet, row 2, column"):
        _compiled(rules, "rules.md")
