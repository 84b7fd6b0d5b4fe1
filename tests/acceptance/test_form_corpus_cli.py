"""`sylcollect form inspect FILE --json` over the whole pyxform test corpus, in process.

Every form pyxform converts inspects cleanly (exit 0, one JSON document on stdout); every
form it refuses gets exit 1 and exactly one `error: ` line on stderr naming the file, never
a traceback (DESIGN.md §4, §7).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from sylcollect.cli import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "xlsforms" / "pyxform"
_FORM_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".md", ".csv"}
FORMS = (
    sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in _FORM_SUFFIXES)
    if CORPUS.is_dir()
    else []
)
#: Forms pyxform converts although an expression in them is not XPath (pyxform passes
#: expressions through unchecked; JavaRosa refuses them too). We refuse them at load, with
#: the row and the problem named, so they take the refusal path of this test.
INVALID_XPATH = {
    "bad_calc.xlsx": "row 2 ('badcalc'), calculation",  # "because pyxform doesn't know ..."
    "xl_date_ambiguous.xlsx": "row 5 ('names'), choice_filter",  # label::English is an axis
}
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared pyxform corpus not present")


def _pyxform_converts(path: Path) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            convert(xlsform=str(path))
    except Exception:
        return False
    return True


def test_the_corpus_is_found() -> None:
    assert len(FORMS) > 60


@pytest.mark.parametrize("path", FORMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_form_inspect_over_the_corpus(
    path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pyxform_ok = _pyxform_converts(path)
    if path.name in INVALID_XPATH:
        assert pyxform_ok, "no longer converted by pyxform: drop it from INVALID_XPATH"
    converts = pyxform_ok and path.name not in INVALID_XPATH
    capsys.readouterr()
    code = main(["--data-dir", str(tmp_path / "none"), "form", "inspect", str(path), "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if converts:
        assert code == 0, err
        data = json.loads(out)
        assert data["form_id"] and isinstance(data["questions"], list)
        assert set(data) >= {"form_id", "version", "title", "languages", "questions"}
        return
    assert code == 1, out
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert lines[0].startswith(f"error: {path.name}: ")
    if path.name in INVALID_XPATH:
        assert INVALID_XPATH[path.name] in lines[0]
    assert out == ""
