"""A study's own consent templates: read from a mapping with the same checks as a folder,
stored in the workspace, and chosen over the built-in set when the study has them."""

from __future__ import annotations

import re

import pytest

from sylcollect.reports.templates import (
    TemplateError,
    Variant,
    default_folder,
    load_templates,
    load_templates_from,
    study_templates,
    template_files,
)
from sylcollect.services.consent_templates import MAX_FILE_BYTES, MAX_FILES
from sylcollect.storage.workspace import store_templates

EDITED_REF = "NREC-EDITED-2026-77"


def built_in() -> dict[str, str]:
    return template_files(default_folder())


def edited() -> dict[str, str]:
    files = built_in()
    files["study.toml"] = files["study.toml"].replace("IASR-DEMO-2025-01", EDITED_REF)
    return files


def test_a_mapping_loads_like_the_folder() -> None:
    files = built_in()
    assert set(files) == {"study.toml", *(f"{v.value}.toml" for v in Variant)}
    from_map, from_folder = load_templates_from(files), load_templates()
    assert from_map.folder is None and from_folder.folder == default_folder()
    assert from_map.templates == from_folder.templates


def test_an_edited_value_shows() -> None:
    t = load_templates_from(edited()).get(Variant.YP16)
    assert t.values["ethics_ref"] == EDITED_REF


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("yp16.toml", 'id = "why_me"', 'id = "why_us"', "yp16.toml: the information sheet"),
        (
            "parent.toml",
            "{withdraw_until}",
            "{withdraw_til}",
            "parent.toml: section withdrawal: unknown placeholder",
        ),
        ("study.toml", 'retain_until = "2036"', "", "study.toml: [values] needs retain_until"),
        ("staff.toml", "[template]", "template = 'x'\n[other]", "staff.toml: [template] must be"),
        ("assent.toml", "[template]", "[[x]]\n[template]", "assent.toml"),
        ("la.toml", 'extends = "parent"', 'extends = "../parent"', "not a template file name"),
        ("la.toml", 'extends = "parent"', "extends = 3", "'extends' must name a variant"),
        ("yp16.toml", "[template]", "[template", "yp16.toml: not valid TOML"),
    ],
)
def test_mistakes_in_a_mapping_are_named(file: str, old: str, new: str, message: str) -> None:
    files = built_in()
    assert old in files[file]
    files[file] = files[file].replace(old, new, 1)
    if message == "assent.toml":  # a stray table is allowed: only known ones are read
        load_templates_from(files)
        return
    with pytest.raises(TemplateError, match=re.escape(message)):
        load_templates_from(files)


def test_signature_fields_must_be_a_list_of_text() -> None:
    files = built_in()
    old = 'fields = ["Name", "Signature", "Date"]'
    assert old in files["staff.toml"]
    files["staff.toml"] = files["staff.toml"].replace(old, "fields = 3")
    with pytest.raises(TemplateError, match="'fields' must be a list of text"):
        load_templates_from(files)


def test_a_missing_file_is_named() -> None:
    files = built_in()
    del files["assent.toml"]
    with pytest.raises(TemplateError, match=r"assent\.toml: no such template file"):
        load_templates_from(files)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.clear(), "are empty"),
        (lambda f: f.update({"Study.TOML": "x"}), "'Study.TOML': a template file name"),
        (lambda f: f.update({"../up.toml": "x"}), "a template file name"),
        (lambda f: f.update({"big.toml": "#" * (MAX_FILE_BYTES + 1)}), "big.toml: larger than"),
        (
            lambda f: f.update({f"x{i}.toml": "" for i in range(MAX_FILES)}),
            f"at most {MAX_FILES}",
        ),
    ],
)
def test_the_shape_of_a_mapping_is_checked(change, message: str) -> None:  # type: ignore[no-untyped-def]
    files = built_in()
    change(files)
    with pytest.raises(TemplateError, match=re.escape(message)):
        load_templates_from(files)


def test_deep_nesting_is_a_template_error() -> None:
    files = built_in()
    files["study.toml"] += "\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(TemplateError):
        load_templates_from(files)


def test_workspace_uses_its_stored_templates_else_the_built_in(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    assert ws.workspace.study_template_files() is None
    assert study_templates(ws).templates == load_templates().templates
    with ws.transaction() as tx:
        store_templates(tx.session, edited())
    assert ws.workspace.study_template_files() == edited()
    assert study_templates(ws).get(Variant.STAFF).values["ethics_ref"] == EDITED_REF
    with ws.transaction() as tx:
        store_templates(tx.session, {})
    assert ws.workspace.study_template_files() is None


def test_a_stored_set_that_fails_the_checks_is_not_replaced_by_the_demo(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    files = edited()
    files["yp16.toml"] = files["yp16.toml"].replace('id = "why_me"', 'id = "why_us"')
    with ws.transaction() as tx:
        store_templates(tx.session, files)
    with pytest.raises(TemplateError, match=re.escape("the study's consent templates: yp16.toml")):
        study_templates(ws)
