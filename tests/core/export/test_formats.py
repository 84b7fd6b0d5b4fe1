"""Exports read back with independent readers: csv, openpyxl and pyreadstat."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pyreadstat

from sylcollect.export import ExportFormat, ExportRequest, WorkspaceSource, run_export
from tests.core.export.conftest import Filled, read_csv


def _export(filled: Filled, fmt: str, out: Path) -> Path:
    run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat(fmt), out))
    return out


def test_csv_wide_rows_repeats_scores_and_dummies(filled: Filled, tmp_path: Path) -> None:
    out = _export(filled, "csv", tmp_path / "out")
    checkin = read_csv(out / "yp_checkin.csv")
    assert len(checkin) == 2
    dh = next(r for r in checkin if r["participant_code"] == "DH-001")
    assert dh["feel_week"] == "pnts" and dh["sleep"] == "well" and dh["site_id"] == "durham-house"
    assert dh["wave_id"] == "baseline" and dh["form_version"] == "1" and dh["status"] == "final"
    assert dh["anything_else"] == "free text about my week"
    assert "participant_name" not in dh and "participant_dob" not in dh
    people = read_csv(out / "yp_checkin__trusted_people.csv")
    assert [(p["record_uuid"], p["instance"]) for p in people] == [
        (dh["record_uuid"], "1"),
        (dh["record_uuid"], "2"),
    ]
    assert [p["trusted_who"] for p in people] == ["carer", "pnts"]
    gad = {r["participant_code"]: r for r in read_csv(out / "gad7.csv")}
    assert gad["DH-001"]["score_gad7"] == "7" and gad["DH-001"]["band_gad7"] == "Mild"
    assert gad["SS-001"]["score_gad7"] == "" and gad["SS-001"]["gad7_3"] == "pnts"
    (interview,) = read_csv(out / "interview_record.csv")
    assert interview["themes"] == "relationships safety"
    assert interview["themes_relationships"] == "1" and interview["themes_education"] == "0"
    assert interview["mode"] == "interviewer" and interview["mode_2"] == "in_person"


def test_sav_labels_codes_missing_scores(filled: Filled, tmp_path: Path) -> None:
    out = _export(filled, "sav", tmp_path / "out")
    df, meta = pyreadstat.read_sav(str(out / "yp_checkin.sav"), user_missing=True)
    assert len(df) == 2
    labels = meta.column_names_to_labels
    assert labels["feel_week"] == "How have you been feeling this week?"
    assert meta.variable_value_labels["feel_week"][1.0] == "Really good"
    assert meta.variable_value_labels["feel_week"][-99.0] == "I'd rather not say"
    assert meta.missing_ranges["feel_week"] == [{"lo": -99.0, "hi": -99.0}]
    dh = df[df["participant_code"] == "DH-001"].iloc[0]
    assert dh["feel_week"] == -99 and dh["sleep"] == 1
    plain, _ = pyreadstat.read_sav(str(out / "yp_checkin.sav"))  # user-missing -> NaN
    assert math.isnan(plain[plain["participant_code"] == "DH-001"].iloc[0]["feel_week"])

    gad, gmeta = pyreadstat.read_sav(str(out / "gad7.sav"), user_missing=True)
    row = gad[gad["participant_code"] == "DH-001"].iloc[0]
    assert row["gad7_1"] == 1 and row["score_gad7"] == 7 and row["band_gad7"] == 2
    assert gmeta.variable_value_labels["band_gad7"][2.0] == "Mild"
    assert gmeta.variable_value_labels["gad7_1"][0.0] == "Not at all"  # numeric choice names
    other = gad[gad["participant_code"] == "SS-001"].iloc[0]
    assert other["gad7_3"] == -99 and math.isnan(other["score_gad7"])

    reps, _ = pyreadstat.read_sav(str(out / "yp_checkin__trusted_people.sav"), user_missing=True)
    assert list(reps["instance"]) == [1, 2] and set(reps["record_uuid"]) == {dh["record_uuid"]}
    assert list(reps["trusted_who"]) == [2, -99]


def test_dta_labels_extended_missing(filled: Filled, tmp_path: Path) -> None:
    out = _export(filled, "dta", tmp_path / "out")
    df, meta = pyreadstat.read_dta(str(out / "yp_checkin.dta"), user_missing=True)
    assert len(df) == 2
    assert meta.column_names_to_labels["sleep"] == "How have you been sleeping?"
    assert meta.missing_user_values["feel_week"] == ["a"]
    assert meta.variable_value_labels["feel_week"]["a"] == "I'd rather not say"
    dh = df[df["participant_code"] == "DH-001"].iloc[0]
    assert dh["feel_week"] == "a" and dh["sleep"] == 1
    gad, gmeta = pyreadstat.read_dta(str(out / "gad7.dta"))
    row = gad[gad["participant_code"] == "DH-001"].iloc[0]
    assert row["score_gad7"] == 7
    assert gmeta.variable_value_labels["band_gad7"][row["band_gad7"]] == "Mild"
    (interview,) = pyreadstat.read_dta(str(out / "interview_record.dta"))[0].to_dict("records")
    assert interview["themes_safety"] == 1 and interview["themes_other"] == 0
    assert str(interview["interview_date"]) == "2025-02-03"


def test_xlsx_sheets_and_codebook(filled: Filled, tmp_path: Path) -> None:
    out = _export(filled, "xlsx", tmp_path / "out")
    book = openpyxl.load_workbook(out / "yp_checkin.xlsx", read_only=True)
    assert book.sheetnames == ["yp_checkin", "yp_checkin__trusted_people", "codebook"]
    rows = list(book["yp_checkin"].iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][0] == "record_uuid"
    header = rows[0]
    assert {r[header.index("feel_week")] for r in rows[1:]} == {"pnts", None}
    assert len(list(book["yp_checkin__trusted_people"].iter_rows())) == 3
    codebook = list(book["codebook"].iter_rows(values_only=True))
    assert codebook[0][:4] == ("table", "variable", "full_name", "label")
    assert {r[1] for r in codebook[1:] if r[0] == "yp_checkin"} == set(header)
    interview = openpyxl.load_workbook(out / "interview_record.xlsx", read_only=True)
    head, first = list(interview["interview_record"].iter_rows(values_only=True))
    assert first[head.index("interview_date")].date().isoformat() == "2025-02-03"


def test_codebook_csv_and_pdf(filled: Filled, tmp_path: Path) -> None:
    out = _export(filled, "sav", tmp_path / "out")
    book = read_csv(out / "codebook.csv")
    by_name = {(r["table"], r["variable"]): r for r in book}
    feel = by_name[("yp_checkin", "feel_week")]
    assert feel["label"] == "How have you been feeling this week?"
    assert feel["type"].startswith("numeric (coded")
    assert "1 = Really good [great]" in feel["values"] and "-99" in feel["missing"]
    assert feel["form_versions"] == "1" and feel["source_question"] == "wellbeing/feel_week"
    assert by_name[("yp_checkin", "anything_else")]["free_text"] == "yes"
    assert by_name[("gad7", "band_gad7")]["values"].startswith("1 = Minimal; 2 = Mild")
    assert by_name[("interview_record", "mode_2")]["source_question"] == "mode"
    for table in {r["table"] for r in book}:
        df, _ = pyreadstat.read_sav(str(out / f"{table}.sav"), metadataonly=True)
        assert list(df.columns) == [r["variable"] for r in book if r["table"] == table]
    assert (out / "codebook.pdf").read_bytes().startswith(b"%PDF")


def test_answers_given_as_group_objects(filled: Filled, tmp_path: Path) -> None:
    """Groups are transparent, but answers may also nest a group's questions in an object."""
    from sylcollect.domain.record import Record, SubjectKind

    with filled.ws.transaction() as tx:
        person = tx.participants.get("DH-001")
        nested = {
            "wellbeing": {"feel_week": "good", "sleep": "ok"},
            "people": {"trust_any": "yes", "trusted_people": [{"trusted_who": "friend"}]},
        }
        record = tx.records.add(
            Record(
                "",
                "yp_checkin",
                "1",
                SubjectKind.PARTICIPANT,
                "durham-house",
                participant_uuid=person.uuid,
                answers=nested,
            )
        )
    out = _export(filled, "csv", tmp_path / "out")
    row = next(r for r in read_csv(out / "yp_checkin.csv") if r["record_uuid"] == record.uuid)
    assert (row["feel_week"], row["sleep"], row["trust_any"]) == ("good", "ok", "yes")
    people = [r for r in read_csv(out / "yp_checkin__trusted_people.csv")]
    assert [
        (p["instance"], p["trusted_who"]) for p in people if p["record_uuid"] == record.uuid
    ] == [("1", "friend")]


NUMBERS = ["-1", "+2.5", "-0.75", "-3e2"]  # e.g. a calculated net change stored as text
FORMULAS = [
    '=HYPERLINK("http://x.example","click")',
    "+44 7700 900123",
    "-ve mood",
    "@SUM(1)",
    "-1+2",
]


def test_text_a_spreadsheet_would_run_is_made_safe_in_csv_and_kept_exact_elsewhere(
    workspace, tmp_path: Path
) -> None:
    """A free-text answer that starts like a formula gets a leading apostrophe in CSV (so
    Excel shows it as text instead of running it); XLSX types it as text and SAV/DTA have no
    formulas, so those keep it exactly. Numbers and ordinary text are untouched."""
    from sylcollect.services.records import NewRecord, add_record
    from tests.core.export.conftest import CHECKIN, add_people

    ws, _ = workspace
    add_people(ws)
    for i, text in enumerate([*FORMULAS, *NUMBERS]):
        code = "DH-001" if i % 2 == 0 else "SS-001"
        answers = {**CHECKIN, "anything_else": text}
        add_record(ws, NewRecord("yp_checkin", answers, participant_code=code, wave_id="early"))
    add_record(ws, NewRecord("gad7", GAD_MILD_ROWS, participant_code="DH-001"))
    source = WorkspaceSource(ws)
    run_export(source, ExportRequest(ExportFormat.CSV, tmp_path / "csv"))
    rows = read_csv(tmp_path / "csv" / "yp_checkin.csv")
    assert sorted(r["anything_else"] for r in rows) == sorted(
        ["'" + t for t in FORMULAS] + NUMBERS  # a signed number is only a number to Excel
    )
    assert read_csv(tmp_path / "csv" / "gad7.csv")[0]["score_gad7"] == "7"  # numbers as they are
    run_export(source, ExportRequest(ExportFormat.XLSX, tmp_path / "xlsx"))
    book = openpyxl.load_workbook(tmp_path / "xlsx" / "yp_checkin.xlsx")
    sheet = book[book.sheetnames[0]]
    header = [c.value for c in sheet[1]]
    column = header.index("anything_else")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(FORMULAS + NUMBERS)
    assert {c.data_type for c in cells} == {"s"}  # text, never a formula
    run_export(source, ExportRequest(ExportFormat.SAV, tmp_path / "sav"))
    df, _ = pyreadstat.read_sav(str(tmp_path / "sav" / "yp_checkin.sav"))
    assert sorted(df["anything_else"]) == sorted(FORMULAS + NUMBERS)


GAD_MILD_ROWS = {f"gad7_{i}": "1" for i in range(1, 8)}
