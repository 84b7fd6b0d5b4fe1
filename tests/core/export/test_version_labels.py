"""Records of an older form version export with their own version's labels.

Version 2 of the form relabels a choice (red: "Red" -> "Crimson"), drops one (navy) and adds
one (green), and rewords the question. A version 1 record that chose navy still gets a
labelled code; the codebook shows both versions' wording; a 0/1 variable of a choice the
record's version did not offer is empty (not asked), not 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pyreadstat
import pytest

from sylcollect.export import ExportFormat, ExportRequest, FormRegistry, run_export
from sylcollect.export.choices import wording
from sylcollect.forms.model import Form
from sylcollect.forms.xlsform import load_form_text
from tests.core.export.conftest import read_csv
from tests.core.export.test_versions_and_names import MemorySource, _record


def _form(version: str, question: str, colours: Sequence[tuple[str, str]]) -> Form:
    rows = [
        "| survey |",
        "| | type | name | label |",
        f"| | select_one colour | colour | {question} |",
        "| | select_multiple colour | also | Other colours |",
        "| choices |",
        "| | list_name | name | label |",
        *(f"| | colour | {name} | {label} |" for name, label in colours),
        "| settings |",
        "| | form_id | version | form_title |",
        f"| | colours | {version} | Colours |",
    ]
    return load_form_text("\n".join(rows) + "\n", "colours.md")


PNTS = ("pnts", "I'd rather not say")
V1 = _form("1", "Favourite colour", [("red", "Red"), ("blue", "Blue"), ("navy", "Navy"), PNTS])
V2 = _form("2", "Your favourite colour",
           [("red", "Crimson"), ("blue", "Blue"), ("green", "Green"), PNTS])  # fmt: skip
RECORDS = [
    _record("r1", "1", {"colour": "navy", "also": "navy red"}),
    _record("r2", "2", {"colour": "red", "also": "green"}),
    _record("r3", "1", {"colour": "red", "also": "pnts"}),
]
VALUES = (
    '1 = Crimson [red] (label in version 1: "Red"); 2 = Blue [blue]; '
    "3 = Navy [navy] (only in version 1); 4 = Green [green] (only in version 2)"
)


def _export(tmp_path: Path, fmt: ExportFormat) -> tuple[Path, list[str]]:
    source = MemorySource(list(RECORDS), forms=FormRegistry([V2, V1]))
    result = run_export(source, ExportRequest(fmt, tmp_path / fmt.value))
    return tmp_path / fmt.value, list(result.warnings)


def _book(out: Path) -> dict[str, dict[str, str]]:
    return {r["full_name"]: r for r in read_csv(out / "codebook.csv")}


@pytest.mark.parametrize("fmt", [ExportFormat.SAV, ExportFormat.DTA])
def test_an_old_versions_dropped_choice_keeps_its_label(tmp_path: Path, fmt: ExportFormat) -> None:
    out, warnings = _export(tmp_path, fmt)
    assert warnings == []  # no "matched no choice code": every answer is labelled
    read = pyreadstat.read_sav if fmt is ExportFormat.SAV else pyreadstat.read_dta
    df, meta = read(str(out / f"colours.{fmt.value}"))
    labels = meta.variable_value_labels["colour"]
    assert {int(k): v for k, v in labels.items() if k not in ("a", -99)} == {
        1: "Crimson", 2: "Blue", 3: "Navy", 4: "Green"
    }  # fmt: skip
    assert list(df["colour"]) == [3, 1, 1]
    assert labels[df["colour"][0]] == "Navy"  # the version 1 record's own label
    assert list(df["form_version"]) == ["1", "2", "1"]
    assert meta.column_names_to_labels["colour"] == "Your favourite colour"
    book = _book(out)
    assert book["colour"]["values"] == VALUES
    assert 'question label in version 1: "Favourite colour"' in book["colour"]["note"]


def test_choices_a_version_did_not_offer_are_empty_not_zero(tmp_path: Path) -> None:
    out, _ = _export(tmp_path, ExportFormat.SAV)
    df, _ = pyreadstat.read_sav(str(out / "colours.sav"), user_missing=True)
    rows = df.set_index("record_uuid")
    assert rows.loc["r1", "also_navy"] == 1 and rows.loc["r1", "also_red"] == 1
    assert rows.loc["r1", "also_green"] != rows.loc["r1", "also_green"]  # NaN: not offered
    assert rows.loc["r2", "also_green"] == 1 and rows.loc["r2", "also_red"] == 0
    assert rows.loc["r2", "also_navy"] != rows.loc["r2", "also_navy"]
    # declined in version 1: every choice it offered is "rather not say", green not asked
    assert [rows.loc["r3", f"also_{c}"] for c in ("red", "blue", "navy")] == [-99, -99, -99]
    assert rows.loc["r3", "also_green"] != rows.loc["r3", "also_green"]
    book = _book(out)
    assert book["also_navy"]["form_versions"] == "1"
    assert book["also_navy"]["note"] == "choice only in version 1"
    assert book["also_red"]["label"] == "Other colours: Crimson"
    assert book["also_red"]["note"] == 'choice label in version 1: "Red"'
    assert book["also_red"]["form_versions"] == "1, 2"


def test_csv_and_xlsx_keep_the_stored_names(tmp_path: Path) -> None:
    out, _ = _export(tmp_path, ExportFormat.CSV)
    rows = {r["record_uuid"]: r for r in read_csv(out / "colours.csv")}
    assert rows["r1"]["colour"] == "navy" and rows["r1"]["form_version"] == "1"
    assert rows["r2"]["colour"] == "red" and rows["r2"]["also_navy"] == ""
    assert rows["r1"]["also_green"] == "" and rows["r1"]["also_navy"] == "1"
    assert _book(out)["colour"]["values"] == VALUES

    xout, _ = _export(tmp_path, ExportFormat.XLSX)
    book = openpyxl.load_workbook(xout / "colours.xlsx")
    sheet = list(book["colours"].iter_rows(values_only=True))
    header = sheet[0]
    first = dict(zip(header, sheet[1], strict=True))
    assert first["colour"] == "navy" and first["also_green"] is None
    codebook = list(book["codebook"].iter_rows(values_only=True))
    values_at = codebook[0].index("values")
    assert any(row[values_at] == VALUES for row in codebook[1:])


def test_wording_groups_versions() -> None:
    said = wording("Crimson", [("1", "Red"), ("2", "Red"), ("3", "Crimson"), ("4", "Scarlet")])
    assert said == 'versions 1, 2: "Red", version 4: "Scarlet"'
    assert wording("Blue", [("1", "Blue")]) == ""
