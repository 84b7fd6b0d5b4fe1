"""Consent templates in the study package: carried signed, checked on reading, kept by the
study home, installed on a laptop and in the central store; older packages without them
still install (the built-in set is used)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput
from sylcollect.reports.templates import (
    TemplateError,
    Variant,
    default_folder,
    load_templates,
    load_templates_from,
    study_templates,
    template_files,
)
from sylcollect.services.study_files import (
    demo_study_templates,
    load_study,
    load_study_templates,
)
from sylcollect.sync import device
from sylcollect.sync.bundle_errors import PackageRefused
from sylcollect.sync.central import create_central, locate, refresh_study
from sylcollect.sync.study_home import StudyHome
from tests.conftest import PASSWORD
from tests.core.sync.test_package import (
    HPKE_PUBLIC,
    STUDY,
    STUDY_SIGNING,
    code,
    good_body,
    make,
    read,
    signed_file,
)

EDITED_REF = "NREC-EDITED-2026-77"
EDITED_CONTACT = "Dr Priya Edited, study lead"


def edited() -> dict[str, str]:
    files = template_files(default_folder())
    files["study.toml"] = (
        files["study.toml"]
        .replace("IASR-DEMO-2025-01", EDITED_REF)
        .replace("Dr A. Researcher, study lead (demo)", EDITED_CONTACT)
    )
    return files


def broken() -> dict[str, str]:
    files = edited()
    files["yp16.toml"] = files["yp16.toml"].replace('id = "why_me"', 'id = "why_us"')
    return files


def write(path: Path, templates: dict[str, str] | None, study: Study = STUDY) -> Path:
    from sylcollect.sync.package import write_package

    write_package(path, study, 5, HPKE_PUBLIC, STUDY_SIGNING, [], templates=templates)
    return path


# --- the package format -------------------------------------------------------------------


def test_templates_round_trip_signed(tmp_path: Path) -> None:
    package = read(write(tmp_path / "p.sylpkg", edited()))
    assert package.templates == edited()
    assert load_templates_from(package.templates).get(Variant.LA).values["ethics_ref"] == EDITED_REF


def test_a_package_without_templates_is_the_old_format(tmp_path: Path) -> None:
    path = make(tmp_path / "old.sylpkg")
    assert b'"templates"' not in path.read_bytes()
    assert read(path).templates == {}
    old = tmp_path / "signed-old.sylpkg"
    old.write_bytes(signed_file(good_body()))  # exactly the body older versions wrote
    assert read(old).templates == {}
    assert b'"templates"' not in write(tmp_path / "empty.sylpkg", {}).read_bytes()


def test_a_broken_template_is_not_written(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"consent templates: yp16\.toml: .*why_me"):
        write(tmp_path / "p.sylpkg", broken())
    assert not (tmp_path / "p.sylpkg").exists()


def test_a_signed_package_with_a_broken_template_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sylpkg"
    path.write_bytes(signed_file(good_body(templates=broken())))
    with pytest.raises(PackageRefused) as info:
        read(path)
    assert info.value.code == "bad_content"
    assert "consent templates are not valid: yp16.toml" in info.value.message
    assert "why_me" in info.value.message


@pytest.mark.parametrize(
    "templates",
    [{}, None, [], "study.toml", {"study.toml": 3}, {"../x.toml": "a"}, {"study.toml": "x"}],
)
def test_malformed_template_members_are_refused(tmp_path: Path, templates: Any) -> None:
    path = tmp_path / "p.sylpkg"
    path.write_bytes(signed_file(good_body(templates=templates)))
    assert code(path) == "bad_content"


def test_forged_template_text_fails_the_signature(tmp_path: Path) -> None:
    data = write(tmp_path / "p.sylpkg", edited()).read_bytes()
    at = data.index(EDITED_REF.encode())
    for first_use in (True, False):
        forged = tmp_path / "forged.sylpkg"
        forged.write_bytes(data[:at] + b"X" + data[at + 1 :])  # one byte of the ethics ref
        trusted = None if first_use else read(tmp_path / "p.sylpkg").signing_public_key
        assert code(forged, trusted) == "bad_signature"


# --- the study folder ---------------------------------------------------------------------


@pytest.fixture
def study_dir(tmp_path: Path) -> Path:
    """A copy of the demo study folder with edited templates in templates/consent/."""
    from sylcollect.resources import DEMO_STUDY, resource

    demo = resource(*DEMO_STUDY).parent
    folder = tmp_path / "study"
    shutil.copytree(demo, folder)
    shutil.copytree(demo.parent / "forms", tmp_path / "forms")  # study.toml names ../forms/
    consent = folder / "templates" / "consent"
    consent.mkdir(parents=True)
    for name, text in edited().items():
        (consent / name).write_text(text, encoding="utf-8")
    return folder


def test_a_study_folder_holds_its_templates(study_dir: Path) -> None:
    assert load_study_templates(study_dir) == edited()
    assert load_study_templates(study_dir / "study.toml") == edited()
    shutil.rmtree(study_dir / "templates")
    assert load_study_templates(study_dir) is None
    assert demo_study_templates() == template_files(default_folder())


def test_a_broken_template_in_a_study_folder_is_named(study_dir: Path) -> None:
    path = study_dir / "templates" / "consent" / "la.toml"
    path.write_text(path.read_text().replace('extends = "parent"', 'extends = "la"'))
    with pytest.raises(TemplateError) as info:
        load_study_templates(study_dir)
    message = str(info.value)
    assert str(study_dir / "templates" / "consent") in message and "la.toml" in message
    assert "circle" in message
    (study_dir / "templates" / "consent" / "Notes.TOML.toml").write_text("")
    with pytest.raises(TemplateError, match=r"Notes\.TOML\.toml: a template file name"):
        load_study_templates(study_dir)


# --- study home, laptop, central store ----------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, cheap: None, study_dir: Path) -> tuple[StudyHome, Any]:
    made, keys, _ = StudyHome.create(
        tmp_path / "home",
        load_study(study_dir),
        PASSWORD,
        templates=load_study_templates(study_dir),
    )
    return made, keys


def test_study_home_carries_them_through_publish_and_revoke(
    home: tuple[StudyHome, Any], demo_study: Study
) -> None:
    made, keys = home
    assert made.current_package().templates == edited()
    assert made.publish(keys).templates == edited()  # kept
    assert made.revoke(keys, "laptop-1").templates == edited()  # kept
    other = {**edited(), "study.toml": edited()["study.toml"].replace(EDITED_REF, "NREC-2")}
    assert made.publish(keys, demo_study, templates=other).templates == other
    with pytest.raises(InvalidInput, match=r"yp16\.toml"):
        made.publish(keys, templates=broken())
    assert made.current_package().templates == other  # the refused publish changed nothing
    assert made.publish(keys, templates={}).templates == {}  # none: laptops use the built-in


def test_a_broken_template_refuses_create(tmp_path: Path, cheap: None, demo_study: Study) -> None:
    with pytest.raises(TemplateError, match=r"yp16\.toml"):
        StudyHome.create(tmp_path / "home", demo_study, PASSWORD, templates=broken())
    assert not (tmp_path / "home").exists()


def test_a_laptop_installs_and_updates_them(home: tuple[StudyHome, Any], tmp_path: Path) -> None:
    made, keys = home
    ws, _, package = device.setup_from_package(
        tmp_path / "laptop", made.package_path, "ben", PASSWORD
    )
    try:
        assert package.templates == edited()
        assert ws.workspace.study_template_files() == edited()
        t = study_templates(ws).get(Variant.YP16)
        assert t.values["ethics_ref"] == EDITED_REF
        assert t.values["contact_name"] == EDITED_CONTACT
        made.publish(keys, templates={})  # a newer package with none: the built-in set
        device.update_from_package(ws, made.package_path)
        assert ws.workspace.study_template_files() is None
        assert study_templates(ws).templates == load_templates().templates
        made.publish(keys, templates=edited())
        device.update_from_package(ws, made.package_path)
        assert study_templates(ws).get(Variant.STAFF).values["ethics_ref"] == EDITED_REF
    finally:
        ws.lock()


def test_an_older_package_without_templates_installs(
    tmp_path: Path, cheap: None, demo_study: Study
) -> None:
    made, _, _ = StudyHome.create(tmp_path / "home", demo_study, PASSWORD)
    assert made.current_package().templates == {}
    ws, _, _ = device.setup_from_package(tmp_path / "laptop", made.package_path, "ben", PASSWORD)
    try:
        assert ws.workspace.study_template_files() is None
        assert study_templates(ws).templates == load_templates().templates
    finally:
        ws.lock()


def test_the_demo_carries_the_built_in_templates(tmp_path: Path, cheap: None) -> None:
    made = device.setup_demo(tmp_path / "data", "ann", PASSWORD)
    try:
        assert made.package.templates == template_files(default_folder())
        assert study_templates(made.workspace).templates == load_templates().templates
    finally:
        made.workspace.lock()


def test_the_central_store_keeps_them(home: tuple[StudyHome, Any]) -> None:
    made, keys = home
    package = made.current_package()
    location = locate(made.home)
    store, _ = create_central(location, package.study, PASSWORD, package.version)
    try:
        assert store.workspace.study_template_files() is None
        # a store made without them takes them from the same package on its next session
        assert not refresh_study(store, package.study, package.version, package.templates)
        assert study_templates(store).get(Variant.YP16).values["ethics_ref"] == EDITED_REF
        newer = made.publish(keys, templates={})
        assert refresh_study(store, newer.study, newer.version, newer.templates)
        assert store.workspace.study_template_files() is None
        # an older package never overwrites what a newer one brought
        assert not refresh_study(store, package.study, package.version, package.templates)
        assert store.workspace.study_template_files() is None
        assert not refresh_study(store, newer.study, newer.version)  # None: left as it is
    finally:
        store.lock()
        store.workspace.close()
    store2, _ = create_central(
        locate(made.home, f"sqlite:///{made.home / 'other.db'}"),
        package.study,
        PASSWORD,
        package.version,
        templates=package.templates,
    )
    try:
        assert store2.workspace.study_template_files() == edited()
    finally:
        store2.lock()
        store2.workspace.close()


def test_a_central_session_gives_the_store_the_packages_templates(
    home: tuple[StudyHome, Any],
) -> None:
    """`central init` stores them, and every central session (import, export, the supervisor
    page) refreshes them from the study home's current package."""
    from sylcollect.sync.central_session import central_session

    made, _ = home
    package = made.current_package()
    store, _ = create_central(locate(made.home), package.study, PASSWORD, package.version)
    store.lock()
    store.workspace.close()
    with central_session(made.home, None, PASSWORD) as session:
        assert study_templates(session.store).get(Variant.YP16).values["ethics_ref"] == EDITED_REF
