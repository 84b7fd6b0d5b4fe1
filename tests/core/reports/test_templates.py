"""Consent templates: every variant holds what UK guidance asks for; edits are checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sylcollect.domain.consent import ConsentScope
from sylcollect.reports.templates import (
    REQUIRED_ITEMS,
    REQUIRED_SCOPES,
    REQUIRED_SECTIONS,
    TemplateError,
    TemplateSet,
    Variant,
    default_folder,
    fill,
    load_templates,
)


def test_every_variant_has_every_part(templates: TemplateSet) -> None:
    assert set(templates.templates) == set(Variant)
    for t in templates.templates.values():
        assert [s for s in REQUIRED_SECTIONS if s not in {x.id for x in t.sections}] == []
        assert [i for i in REQUIRED_ITEMS if i not in {x.id for x in t.items}] == []
        assert set(REQUIRED_SCOPES) <= {i.scope for i in t.items if i.scope}
        assert {"participant", "researcher"} <= {s.id for s in t.signatures}
        assert t.form_banner.upper().count(t.kind.upper()) >= 1, t.variant


def test_kinds_and_audiences(templates: TemplateSet) -> None:
    kinds = {v: t.kind for v, t in templates.templates.items()}
    assert kinds == {
        Variant.YP16: "consent",
        Variant.ASSENT: "assent",
        Variant.PARENT: "consent",
        Variant.PARENT_OWN: "consent",
        Variant.LA: "consent",
        Variant.STAFF: "consent",
    }
    assent = templates.get(Variant.ASSENT)
    assert assent.plain
    assert "responsible_adult" in {s.id for s in assent.signatures}


def test_la_extends_parent(templates: TemplateSet) -> None:
    la, parent = templates.get(Variant.LA), templates.get(Variant.PARENT)
    for same in ("risks_support", "who", "contacts"):  # nothing about "your child" in these
        assert la.section(same) == parent.section(same)
    assert la.section("invitation") != parent.section("invitation")
    assert "local authorit" in la.form_heading.lower()
    assert [i.id for i in la.items] == [i.id for i in parent.items]
    # its own wording, so its own versions
    assert la.sheet_version != parent.sheet_version
    assert la.form_version != parent.form_version


def test_yp_forms_have_questionnaires_box(templates: TemplateSet) -> None:
    for v in (Variant.YP16, Variant.ASSENT, Variant.PARENT):
        assert ConsentScope.QUESTIONNAIRES in {i.scope for i in templates.get(v).items}


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    n = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(1, n)


def _fk_grade(text: str) -> float:
    sentences = [s for s in re.split(r"[.!?]+\s|\n-\s|\n\n", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_assent_words_are_plain(templates: TemplateSet) -> None:
    """UX.md: reading age about 9 (Flesch-Kincaid grade 5 or under) for under-16s."""
    t = templates.get(Variant.ASSENT)
    strip = re.compile(r"\{[a-z_]+\}|\*\*")
    texts = [s.text for s in t.sections if s.id not in ("who", "contacts", "rights")]
    texts += [i.text for i in t.items]
    grade = _fk_grade(strip.sub("it", "\n\n".join(texts)))
    assert grade <= 5.0, grade
    adult = templates.get(Variant.PARENT)
    assert _fk_grade(strip.sub("it", "\n\n".join(s.text for s in adult.sections))) > grade


def test_every_form_says_what_happens_to_data_after_the_withdrawal_date(
    templates: TemplateSet,
) -> None:
    """consent-norms.md, form item 4: until when withdrawal is possible and what happens to
    the data already collected, on the form itself as well as on the sheet."""
    for t in templates.templates.values():
        for text in (
            next(i for i in t.items if i.id == "withdraw_until").text,
            t.section("withdrawal").text,
        ):
            assert "{withdraw_until}" in text, t.variant
            after = text.split("{withdraw_until}", 1)[1].lower()
            assert "after" in after, (t.variant, text)
            assert re.search(r"anonym|no name", after), (t.variant, text)


def test_assent_withdrawal_statement_is_plain(templates: TemplateSet) -> None:
    item = next(i for i in templates.get(Variant.ASSENT).items if i.id == "withdraw_until")
    assert "After that, we cannot take them out" in item.text
    assert _fk_grade(re.sub(r"\{[a-z_]+\}", "it", item.text)) <= 5.0


def test_fill_values_and_braces() -> None:
    assert fill("until {year}, {{not}}", {"year": "2036"}) == "until 2036, {not}"
    assert fill("{a}", {"a": "{b}", "b": "deep"}) == "deep"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(default_folder(), folder)
    return folder


def test_edited_copy_loads(copy: Path) -> None:
    text = (copy / "study.toml").read_text()
    (copy / "study.toml").write_text(text.replace('retain_until = "2036"', 'retain_until = "2040"'))
    t = load_templates(copy).get(Variant.YP16)
    assert t.values["retain_until"] == "2040"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("yp16.toml", 'id = "why_me"', 'id = "why_us"', "sections why_me"),
        ("assent.toml", 'scope = "audio_recording"', 'scope = "audio"', "unknown scope"),
        ("staff.toml", 'scope = "future_contact"', "", "scopes future_contact"),
        ("parent.toml", "{withdraw_until}", "{withdraw_til}", "unknown placeholder"),
        ("yp16.toml", 'kind = "consent"', 'kind = "permission"', "kind must be"),
        ("study.toml", 'retain_until = "2036"', "", "needs retain_until"),
        ("la.toml", 'extends = "parent"', 'extends = "la"', "circle"),
        ("yp16.toml", "date = 2025-01-15", 'date = "soon"', "must be a date"),
        ("staff.toml", '[[form.items]]\nid = "agree"', "[[form.items]]", "'id' is missing"),
    ],
)
def test_mistakes_are_named(copy: Path, file: str, old: str, new: str, message: str) -> None:
    path = copy / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(TemplateError, match=re.escape(message)) as info:
        load_templates(copy)
    assert file.split(".")[0] in str(info.value) or file == "la.toml"


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no such template file"):
        load_templates(tmp_path)
