"""Every text a young person reads in self-complete mode is at Flesch-Kincaid grade 5 or lower
(UX.md rule 7: a reading age of about 9), counted with a small syllable counter: the mode's own
fixed texts, and the demo study's own questionnaires (published instruments excepted, below)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sylcollect.forms.model import Form, Group
from sylcollect.forms.xlsform import load_form_text
from sylcollect.resources import resource
from sylcollect.services.study_files import load_demo_study
from ui.selfcomplete import texts

MAX_GRADE = 5.0


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e; at least one ('the' 1, 'answers' 2, 'study' 2)."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]+", word)))


def words_of(text: str) -> list[str]:
    text = re.sub(r"\{[^}]*\}", "it", text)  # a placeholder reads as one short word
    return re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    words = words_of(text)
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text.strip() + " ")))
    count = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * count / len(words) - 15.59


def test_syllable_counter() -> None:
    counts = {"the": 1, "cat": 1, "answers": 2, "study": 2, "private": 2, "happens": 2}
    assert {w: syllables(w) for w in counts} == counts
    assert syllables("questionnaire") >= 3


def test_formula_on_known_text() -> None:
    assert grade("The cat sat on the mat.") < 0
    long = (
        "Notwithstanding considerable organisational complexity, participation "
        "remains voluntary and confidentiality is preserved."
    )
    assert grade(long) > 12


#: The formula is meant for running text: one two-syllable word alone scores grade 8.4. So
#: sentences of 6 words or more are checked one by one, and every text (buttons and
#: labels too) together.
SENTENCES = [t for t in texts.YOUNG_PERSON_TEXTS if len(words_of(t)) >= 6]


@pytest.mark.parametrize("text", SENTENCES)
def test_each_text_is_plain(text: str) -> None:
    assert grade(text) <= MAX_GRADE, f"grade {grade(text):.1f}: {text}"


def test_all_texts_together_are_plain() -> None:
    assert len(texts.YOUNG_PERSON_TEXTS) > 40
    assert grade(" ".join(texts.YOUNG_PERSON_TEXTS)) <= MAX_GRADE


# --- the demo study's questionnaires -------------------------------------------------------

DEMO = load_demo_study()

#: Every form of the demo study, by who reads it. Each demo form must be in exactly one of
#: these sets (checked below), so a form added to the demo can't miss this check unseen.
#: Our own questionnaires that a young person fills in themselves: every text checked.
OWN_SELF_COMPLETE = frozenset({"yp_checkin"})
#: Published, validated instruments that a young person may also fill in, embedded word for
#: word as published (each has a <form>.LICENCE.md: source, permission, "Wording used").
#: NOT checked and never to be reworded to pass: their wording is fixed by the instrument's
#: licence and validation (a changed item is no longer the validated scale, and its scores
#: can't be compared with the published bands). As published, PHQ-9, GAD-7 and the Rosenberg
#: introduction score above grade 5.
PUBLISHED_INSTRUMENTS = frozenset({"phq9", "gad7", "k10", "rses"})
#: Filled in by staff (about an interview, a site, an activity, or their own work): a young
#: person never reads them in self-complete.
STAFF_FORMS = frozenset(
    {"interview_record", "site_indicators", "staff_survey", "activity_observation"}
)


def demo_form(form_id: str) -> Form:
    ref = next(f for f in DEMO.forms if f.id == form_id)
    return load_form_text(ref.source, ref.filename)


def form_texts(form: Form) -> list[tuple[str, str]]:
    """(where, text) for each text a young person reads, in every language: the labels and
    hints of questions, notes, groups and repeats (a group's label names the section on the
    progress line), the messages shown for an answer, and every choice label."""
    found: list[tuple[str, str]] = []
    for element in form.root.elements():
        kinds = {"label": element.labels, "hint": element.hints}
        if not isinstance(element, Group):
            kinds["constraint_message"] = element.constraint_messages
            kinds["required_message"] = element.required_messages
        for kind, by_lang in kinds.items():
            found += [(f"{element.name}.{kind}.{lang}", t) for lang, t in by_lang.items() if t]
    for list_name, choices in form.choice_lists.items():
        for choice in choices:
            found += [
                (f"{list_name}/{choice.name}.label.{lang}", t)
                for lang, t in choice.labels.items()
                if t
            ]
    return found


OWN_TEXTS = {form_id: form_texts(demo_form(form_id)) for form_id in sorted(OWN_SELF_COMPLETE)}
#: As above, texts of 6 words or more one by one; shorter ones (choices, section names)
#: count in each form's texts together.
OWN_SENTENCES = [
    pytest.param(text, id=f"{form_id}:{where}")
    for form_id, found in OWN_TEXTS.items()
    for where, text in found
    if len(words_of(text)) >= 6
]


def test_every_demo_form_is_sorted_by_who_reads_it() -> None:
    sets = (OWN_SELF_COMPLETE, PUBLISHED_INSTRUMENTS, STAFF_FORMS)
    assert sum(len(s) for s in sets) == len(frozenset().union(*sets)), "a form in two sets"
    assert {f.id for f in DEMO.forms} == frozenset().union(*sets)
    subjects = {f.id: f.subject for f in DEMO.forms}
    assert {subjects[i] for i in OWN_SELF_COMPLETE | PUBLISHED_INSTRUMENTS} == {"participant"}


@pytest.mark.parametrize("form_id", sorted(PUBLISHED_INSTRUMENTS | OWN_SELF_COMPLETE))
def test_only_published_instruments_are_left_out(form_id: str) -> None:
    """An instrument is left out because its licence file says its wording is the published
    one; a questionnaire of our own has no such file, so it is checked."""
    ref = next(f for f in DEMO.forms if f.id == form_id)
    licence = resource("forms", f"{Path(ref.filename).stem}.LICENCE.md")
    if form_id in PUBLISHED_INSTRUMENTS:
        assert "**Wording used**" in licence.read_text(encoding="utf-8")
    else:
        assert not licence.exists()


@pytest.mark.parametrize("text", OWN_SENTENCES)
def test_each_demo_questionnaire_text_is_plain(text: str) -> None:
    assert grade(text) <= MAX_GRADE, f"grade {grade(text):.1f}: {text}"


@pytest.mark.parametrize("form_id", sorted(OWN_TEXTS))
def test_each_demo_questionnaire_together_is_plain(form_id: str) -> None:
    found = [text for _where, text in OWN_TEXTS[form_id]]
    assert len(found) > 40
    assert grade(" ".join(found)) <= MAX_GRADE
