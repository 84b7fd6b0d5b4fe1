"""Paper forms: every question and option printed, skip instructions in words, footers."""

from __future__ import annotations

import pytest

from sylcollect.domain.study import Study
from sylcollect.forms.expr import parse
from sylcollect.forms.model import Form, text_in
from sylcollect.forms.xlsform import load_form_text
from sylcollect.reports.questionnaire import NOT_ON_PAPER, render_questionnaire
from sylcollect.reports.skip_logic import Describer
from tests.core.reports.pdftools import page_count, pdf_text


def _form(study: Study, form_id: str) -> Form:
    ref = study.form(form_id)
    assert ref is not None
    return load_form_text(ref.source, ref.filename)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "form_id",
    [
        "yp_checkin",
        "phq9",
        "gad7",
        "k10",
        "rses",
        "staff_survey",
        "interview_record",
        "activity_observation",
        "site_indicators",
    ],
)
def test_every_question_and_option_printed(demo_study: Study, form_id: str) -> None:
    form = _form(demo_study, form_id)
    data = render_questionnaire(form, demo_study.name)
    text = pdf_text(data)
    numbered = [q for q in form.questions() if q.takes_answer and q.type not in NOT_ON_PAPER]
    assert f"{len(numbered)} questions" in text
    for q in numbered:
        label = _words(q.label()).split("${")[0][:60]
        assert label in text, q.name
        for choice in form.choices(q):
            assert _words(text_in(choice.labels))[:40] in text, (q.name, choice.name)
    pages = page_count(data)
    assert f"Form {form.id} · version {form.version}" in text
    assert f"Page {pages} of {pages}" in text


def test_skip_instructions_in_words(demo_study: Study) -> None:
    text = pdf_text(render_questionnaire(_form(demo_study, "yp_checkin"), demo_study.name))
    assert "Answer only if question 1 is “Not so good” or “Bad”." in text
    assert "If “Skip this part”, go to question 10." in text
    assert "Answer this part only if question 5 is “Yes, carry on”." in text
    assert "If “No” or “I'd rather not say”, go to question 18." in text
    assert "Answer only if question 15 is “Yes” or “Sometimes”." in text
    assert "Repeat: answer these questions once for each" in text


def test_a_routed_answer_does_not_skip_the_note_meant_for_it(demo_study: Study) -> None:
    """Interview record, question 5: "No" (no audio recording) leads past question 6 (the
    recording's reference) but the note "Do not record. Take written notes only." is for
    exactly that answer, so the routing sends the interviewer to it first."""
    text = _words(
        pdf_text(render_questionnaire(_form(demo_study, "interview_record"), demo_study.name))
    )
    assert "No » Read the note below, then go to question 7" in text
    assert "Do not record. Take written notes only." in text
    assert "Yes » " not in text


def test_selected_and_complex_conditions(demo_study: Study) -> None:
    form = _form(demo_study, "activity_observation")
    text = pdf_text(render_questionnaire(form, demo_study.name, "site"))
    assert "Answer only if question 6 includes “Young people”." in text
    assert "Site" in text and "Completed by" in text


SOURCE = """\
| survey |
|        | type          | name  | label | relevant                                       |
|        | integer       | age   | Age?  |                                                |
|        | select_one yn | pet   | Pet?  |                                                |
|        | text          | kind  | Kind? | ${pet} = 'yes'                                 |
|        | text          | older | More? | ${age} >= 16 and ${pet} != 'no'                |
|        | text          | odd   | Odd   | string-length(${kind}) > 3 or ${age} mod 2 = 0 |
| choices |
|         | list_name | name | label |
|         | yn        | yes  | Yes   |
|         | yn        | no   | No    |
| settings |
|          | form_id | version | form_title |
|          | skips   | 3       | Skip test  |
"""


def test_describer_simple_and_complex() -> None:
    form = load_form_text(SOURCE, "skips.md")
    text = pdf_text(render_questionnaire(form, "Study"))
    assert "If “No”, go to question 4." in text
    assert "Answer only if question 2 is “Yes”." in text
    assert "Answer only if question 1 is at least 16 and question 2 is not “No”." in text
    assert (
        "Answer only if: string-length(question 3) is more than 3 or question 1 mod 2 is 0" in text
    )
    assert "Form skips · version 3" in text


def test_describer_units() -> None:
    form = load_form_text(SOURCE, "skips.md")
    d = Describer(form, {"age": 1, "pet": 2, "kind": 3})
    assert d.simple(parse("${age} < 12")) == "question 1 is less than 12"
    assert d.simple(parse("12 < ${age}")) == "question 1 is more than 12"
    assert d.simple(parse("${kind} = ''")) == "question 3 is left empty"
    assert d.simple(parse("${kind} != ''")) == "question 3 is answered"
    assert d.simple(parse("not(selected(${pet}, 'yes'))")) == "question 2 does not include “Yes”"
    assert d.simple(parse("today() > 3")) is None
    assert d.condition("${pet} = ").startswith("Answer only if: ")
    assert d.label("Tell us about ${kind}") == "Tell us about [answer to question 3]"
