"""Every fixed text of self-complete mode reads at Flesch-Kincaid grade 5 or lower (UX.md
rule 7: a reading age of about 9), counted with a small syllable counter."""

from __future__ import annotations

import re

import pytest

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
