"""Every XLSForm of the pyxform project's test corpus: converted ones load, refused ones
get a clean one-line FormError."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from sylcollect.forms.model import FormError
from sylcollect.forms.xlsform import SUFFIXES, load_form

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "xlsforms" / "pyxform"
FORMS = sorted(
    p
    for folder in ("example_xls", "bug_example_xls")
    for p in (CORPUS / folder).glob("*")
    if p.suffix.lower() in SUFFIXES
)


def _pyxform_converts(path: Path) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            convert(xlsform=str(path))
    except Exception:
        return False
    return True


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared pyxform corpus not present")
def test_corpus_is_there() -> None:
    assert len(FORMS) > 60


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared pyxform corpus not present")
@pytest.mark.parametrize("path", FORMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_form(path: Path) -> None:
    if _pyxform_converts(path):
        form = load_form(path)
        assert form.id
        assert form.xform_xml.startswith("<?xml")
        assert form.root.path.startswith("/")
        questions = list(form.questions())
        assert questions
        for question in questions:
            assert form.by_path(question.path).name == question.name
        return
    with pytest.raises(FormError) as caught:
        load_form(path)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ")
    assert "\n" not in message
    assert "Traceback" not in message
    assert len(message) > len(path.name) + 5
