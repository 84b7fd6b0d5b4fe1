"""Consent and assent PDFs: every required part printed, code and versions, the QR link."""

from __future__ import annotations

import re

import pytest

from sylcollect.domain.study import Role, Study
from sylcollect.errors import InvalidInput
from sylcollect.reports.consent import (
    ConsentRequest,
    choose_variant,
    render_consent,
    render_consent_batch,
    values_for,
)
from sylcollect.reports.qr import FormLink
from sylcollect.reports.templates import TemplateSet, Variant, fill, long_date
from tests.core.reports.pdftools import decode_qr, page_count, pdf_text

CODE = "DH-017"


def _norm(text: str) -> str:
    """Text as the PDF shows it: markup dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


@pytest.fixture(scope="module")
def pdfs(demo_study: Study, templates: TemplateSet) -> dict[Variant, bytes]:
    return {
        v: render_consent(demo_study, templates, ConsentRequest(v, CODE, "", "durham-house"))
        for v in Variant
    }


@pytest.mark.parametrize("variant", list(Variant))
def test_every_part_is_printed(
    variant: Variant, pdfs: dict[Variant, bytes], demo_study: Study, templates: TemplateSet
) -> None:
    data = pdfs[variant]
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    t = templates.get(variant)
    values = values_for(demo_study, t, ConsentRequest(variant, CODE, "", "durham-house"))
    # information sheet: heading, title, every section heading and its first words
    assert t.sheet_heading in text
    for section in t.sections:
        assert _norm(fill(section.heading, values)) in text, section.id
        first = _norm(fill(section.text, values)).lstrip("- ").split(". ")[0][:50]
        assert first in text, (section.id, first)
    # the form: consent or assent said plainly, code, versions, every statement, signatures
    assert t.kind.upper() in text
    assert f"{t.kind.capitalize()} form" in text
    assert CODE in text
    assert f"version {t.form_version} ({long_date(t.form_date)})" in text
    assert f"version {t.sheet_version}, {long_date(t.sheet_date)}" in text
    for item in t.items:
        assert _norm(fill(item.text, values))[:60] in text, item.id
    for block in t.signatures:
        assert block.heading in text
        for field in block.fields:
            assert field in text
    # the facts the guidance asks for
    private = "private" if variant is Variant.ASSENT else "confidential"  # plain words
    harm = "badly hurt" if variant is Variant.ASSENT else "serious harm"
    for fact in ("2036", "public task", "ICO", "31 March 2027", private, harm):
        assert fact.lower() in text.lower(), fact
    assert demo_study.name in text
    assert "Durham House" in text


#: Words for a parent's own child: wrong on a form the local authority signs.
CHILD_WORDS = re.compile(r"\b(my|your|their|our) child(ren)?\b|\bchild's\b", re.IGNORECASE)


def test_la_form_and_sheet_speak_of_the_young_person(
    pdfs: dict[Variant, bytes], demo_study: Study, templates: TemplateSet
) -> None:
    """The local authority's sheet and form never say "my child" or "your child" (la.toml
    starts from parent.toml, which does): checked in the printed text and every part of the
    template, filled."""
    text = pdf_text(pdfs[Variant.LA])
    assert "the young person" in text
    assert CHILD_WORDS.findall(text) == []
    t = templates.get(Variant.LA)
    values = values_for(demo_study, t, ConsentRequest(Variant.LA, CODE, "", "durham-house"))
    parts = [t.sheet_heading, t.sheet_title, t.sheet_intro, t.form_heading, t.form_banner]
    parts += [t.form_intro, t.copies]
    parts += [s.heading + " " + s.text for s in t.sections] + [i.text for i in t.items]
    parts += [b.heading + " " + b.note + " " + " ".join(b.fields) for b in t.signatures]
    found = {p[:40]: CHILD_WORDS.findall(fill(p, values)) for p in parts}
    assert {k: v for k, v in found.items() if v} == {}
    # and the guard would catch the parent form's wording
    assert CHILD_WORDS.search(pdf_text(pdfs[Variant.PARENT]))


def test_parent_own_form_is_for_the_parent_themself(pdfs: dict[Variant, bytes]) -> None:
    """A parent or carer taking part in their own right consents for themself: every
    statement is about their own interview, recording, quotes, data and withdrawal; none
    consents for a child; the form says so and points to the child's form."""
    text = pdf_text(pdfs[Variant.PARENT_OWN])
    form = text[text.index("Consent form for parents and carers taking part") :]
    assert "CONSENT" in form and "not consent for your child to take part" in form
    statements = form[
        form.index("Please read each statement") : form.index("Parent or carer (consent)")
    ]
    assert CHILD_WORDS.findall(statements) == []
    for words in (
        "I agree to take part in the study.",
        "I agree to be interviewed about my experience as a parent or carer.",
        "I agree to my interview being audio recorded.",
        "quotes from my interview being used in reports",
        "my interview and other information can be removed until 31 March 2027, after which",
        "withdraw at any time without giving a reason",
        "risk of serious harm",
        "kept until 2036",
        "public task",
        "I agree to take part in this study.",
    ):
        assert words in statements, words
    sheet = text[: text.index("Consent form for parents and carers taking part")]
    assert "Participant information sheet for parents and carers" in sheet
    assert "does not withdraw your child" in sheet  # each is decided separately


def test_support_and_childline(pdfs: dict[Variant, bytes]) -> None:
    for variant in (Variant.YP16, Variant.ASSENT, Variant.PARENT, Variant.PARENT_OWN, Variant.LA):
        assert "Childline: 0800 1111" in pdf_text(pdfs[variant])


@pytest.mark.parametrize("variant", list(Variant))
def test_qr_code_decodes_to_payload(
    variant: Variant, pdfs: dict[Variant, bytes], demo_study: Study, templates: TemplateSet
) -> None:
    data = pdfs[variant]
    n = page_count(data)
    found = [code for page in range(1, n + 1) for code in decode_qr(data, page)]
    version = templates.get(variant).form_version
    assert found == [f"SYLC1|{demo_study.id}|{CODE}|{variant.value}|{version}"]
    assert FormLink.parse(found[0]) == FormLink(demo_study.id, CODE, variant.value, version)


def test_blank_form(demo_study: Study, templates: TemplateSet) -> None:
    data = render_consent(demo_study, templates, ConsentRequest(Variant.YP16, include_sheet=False))
    text = pdf_text(data)
    assert "Participant information sheet" not in text
    assert "Consent form" in text and "participant ________" in text
    assert decode_qr(data, 1) == [f"SYLC1|{demo_study.id}||yp16|2"]


def test_name_only_when_passed(demo_study: Study, templates: TemplateSet) -> None:
    name = "Xanthe Name-Canary"
    without = render_consent(demo_study, templates, ConsentRequest(Variant.YP16, CODE))
    with_name = render_consent(demo_study, templates, ConsentRequest(Variant.YP16, CODE, name))
    assert name not in pdf_text(without)
    assert name in pdf_text(with_name)
    assert name.encode() not in with_name.split(b"stream")[0]  # not in the metadata


def test_batch_numbers_pages_per_form(demo_study: Study, templates: TemplateSet) -> None:
    requests = [
        ConsentRequest(Variant.YP16, f"DH-{n:03}", include_sheet=False) for n in range(1, 4)
    ]
    data = render_consent_batch(demo_study, templates, requests)
    text = pdf_text(data)
    for n in range(1, 4):
        assert f"DH-{n:03}" in text
    per_form = page_count(data) // 3
    assert text.count(f"Page 1 of {per_form}") == 3
    with pytest.raises(InvalidInput):
        render_consent_batch(demo_study, templates, [])


def test_output_is_deterministic(demo_study: Study, templates: TemplateSet) -> None:
    req = ConsentRequest(Variant.PARENT, CODE)
    assert render_consent(demo_study, templates, req) == render_consent(demo_study, templates, req)


@pytest.mark.parametrize(
    ("role", "age", "variant"),
    [
        (Role.YOUNG_PERSON, 17, Variant.YP16),
        (Role.YOUNG_PERSON, 16, Variant.YP16),
        (Role.YOUNG_PERSON, 15, Variant.ASSENT),
        (Role.YOUNG_PERSON, 11, Variant.ASSENT),
        (Role.PARENT_CARER, 40, Variant.PARENT_OWN),  # their own part, not their child's
        (Role.PARENT_CARER, None, Variant.PARENT_OWN),
        (Role.STAKEHOLDER, None, Variant.STAFF),
        (Role.STAFF, None, Variant.STAFF),
        (Role.MANAGER, None, Variant.STAFF),
        (Role.LA_INFORMANT, None, Variant.STAFF),
    ],
)
def test_choose_variant(role: Role, age: int | None, variant: Variant) -> None:
    assert choose_variant(role, age) is variant


def test_choose_variant_needs_age() -> None:
    with pytest.raises(InvalidInput, match="--variant"):
        choose_variant(Role.YOUNG_PERSON, None)
    with pytest.raises(InvalidInput, match="withdrawn"):
        choose_variant(None, 15)


def test_payload_refuses_separator() -> None:
    with pytest.raises(InvalidInput):
        FormLink("a|b", "DH-1", "yp16", "2").payload()
    with pytest.raises(InvalidInput):
        FormLink.parse("SYLC2|a|b|c|d")
