"""The supervisor's study home: sealed keys, packages published and revoked, laptops set up."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from sylcollect.crypto import hpke, signing
from sylcollect.domain.study import Study
from sylcollect.errors import Conflict, IntegrityFailure, InvalidInput, WrongPassword
from sylcollect.sync import device
from sylcollect.sync.bundle_errors import PackageRefused
from sylcollect.sync.study_home import KEYS_FILE, PACKAGE_FILE, StudyHome, StudyKeys
from tests.conftest import PASSWORD

POSIX = os.name == "posix"
Home = tuple[StudyHome, StudyKeys, str]


@pytest.fixture
def home(tmp_path: Path, cheap: None, demo_study: Study) -> Home:
    return StudyHome.create(tmp_path / "home", demo_study, PASSWORD)


def test_create_writes_sealed_keys_and_a_package(
    home: Home, tmp_path: Path, demo_study: Study
) -> None:
    made, keys, _recovery = home
    folder = tmp_path / "home"
    assert (folder / KEYS_FILE).is_file() and (folder / PACKAGE_FILE).is_file()
    if POSIX:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / KEYS_FILE).stat().st_mode) == 0o600
    text = (folder / KEYS_FILE).read_text()
    assert keys.hpke_private_key.hex() not in text
    assert keys.signing_private_key.hex() not in text
    assert hpke.public_key(keys.hpke_private_key) == keys.hpke_public_key
    assert signing.public_key(keys.signing_private_key) == keys.signing_public_key
    package = made.current_package()
    assert package.study_id == demo_study.id
    assert package.version == max(1, demo_study.version)
    assert package.hpke_public_key == keys.hpke_public_key
    assert package.revoked == ()
    assert "hpke_private_key" not in repr(keys)


def test_open_and_unlock_with_password_or_recovery(home: Home, tmp_path: Path) -> None:
    _made, keys, recovery = home
    again = StudyHome.open(tmp_path / "home")
    assert again.unlock(PASSWORD) == keys
    assert again.unlock_with_recovery(recovery) == keys
    with pytest.raises(WrongPassword):
        again.unlock("not the password at all")


def test_change_password_keeps_the_keys(home: Home, tmp_path: Path) -> None:
    made, keys, _ = home
    changed = made.change_password(PASSWORD, "a brand new pass phrase")
    assert changed.unlock("a brand new pass phrase") == keys
    with pytest.raises(WrongPassword):
        StudyHome.open(tmp_path / "home").unlock(PASSWORD)


def test_a_swapped_public_key_in_the_key_file_is_caught(home: Home, tmp_path: Path) -> None:
    path = tmp_path / "home" / KEYS_FILE
    data = json.loads(path.read_text())
    data["signing_public_key"] = signing.public_key(signing.generate_private_key()).hex()
    path.write_text(json.dumps(data))
    with pytest.raises(IntegrityFailure):
        StudyHome.open(tmp_path / "home").unlock(PASSWORD)


def test_create_refuses_an_existing_home_and_weak_passwords(
    home: Home, tmp_path: Path, demo_study: Study
) -> None:
    with pytest.raises(Conflict):
        StudyHome.create(tmp_path / "home", demo_study, PASSWORD)
    with pytest.raises(InvalidInput):
        StudyHome.create(tmp_path / "other", demo_study, "short")


def test_publish_bumps_the_version_and_keeps_the_key(home: Home, demo_study: Study) -> None:
    made, keys, _ = home
    first = made.current_package()
    second = made.publish(keys)
    assert second.version == first.version + 1
    assert second.study.version == second.version
    jump = made.publish(keys, replace(demo_study, version=second.version + 10))
    assert jump.version == second.version + 10
    assert jump.signing_public_key == first.signing_public_key
    with pytest.raises(InvalidInput):
        made.publish(keys, replace(demo_study, id="another-study"))


def test_revoke_lists_the_device_and_republishes(home: Home) -> None:
    made, keys, _ = home
    before = made.current_package().version
    package = made.revoke(keys, "laptop-7")
    assert package.is_revoked("laptop-7") and package.version == before + 1
    with pytest.raises(Conflict):
        made.revoke(keys, "laptop-7")
    with pytest.raises(InvalidInput):
        made.revoke(keys, "../bad id")


def test_keys_of_another_home_are_refused(home: Home, tmp_path: Path, demo_study: Study) -> None:
    made, _keys, _ = home
    _other, other_keys, _ = StudyHome.create(tmp_path / "other", demo_study, PASSWORD)
    with pytest.raises(InvalidInput):
        made.publish(other_keys)


# --- laptops set up from the package ------------------------------------------------------


def test_laptop_set_up_from_a_package_trusts_its_key(home: Home, tmp_path: Path) -> None:
    made, keys, _ = home
    ws, _recovery, package = device.setup_from_package(
        tmp_path / "laptop", made.package_path, "ben", PASSWORD
    )
    try:
        assert package.first_use
        installed = device.installed_package(ws)
        assert installed is not None
        assert installed.signing_public_key == keys.signing_public_key
        assert installed.hpke_public_key == keys.hpke_public_key
        assert installed.version == package.version
        ident = device.device_identity(ws)
        assert len(ident.public_key) == 32
        with ws.transaction() as tx:
            assert signing.public_key(device.device_signing_key(tx)) == ident.public_key
    finally:
        ws.lock()


def test_update_installs_newer_refuses_older_equal_and_foreign(
    home: Home, tmp_path: Path, demo_study: Study
) -> None:
    made, keys, _ = home
    old_copy = tmp_path / "v1.sylpkg"
    old_copy.write_bytes(made.package_path.read_bytes())
    ws, _, _ = device.setup_from_package(tmp_path / "laptop", made.package_path, "ben", PASSWORD)
    try:
        with pytest.raises(PackageRefused) as same:
            device.update_from_package(ws, old_copy)
        assert same.value.code == "older"

        form = demo_study.forms[0]
        newer_form = replace(form, version=form.version + "-b", title=form.title + " (new)")
        changed = replace(demo_study, forms=(newer_form, *demo_study.forms[1:]))
        made.publish(keys, changed)
        made.revoke(keys, "laptop-9")
        package = device.update_from_package(ws, made.package_path)
        assert package.version == 3
        assert ws.study.version == 3
        assert {v.version for v in ws.form_versions(form.id)} == {form.version, newer_form.version}
        installed = device.installed_package(ws)
        assert installed is not None and installed.is_revoked("laptop-9")

        with pytest.raises(PackageRefused) as older:
            device.update_from_package(ws, old_copy)
        assert older.value.code in ("older",)

        _other, _k, _ = StudyHome.create(tmp_path / "impostor", demo_study, PASSWORD)
        with pytest.raises(PackageRefused) as foreign:
            device.update_from_package(ws, tmp_path / "impostor" / PACKAGE_FILE)
        assert foreign.value.code == "untrusted_key"
    finally:
        ws.lock()


def test_demo_setup_makes_a_home_and_an_export_folder(tmp_path: Path, cheap: None) -> None:
    made = device.setup_demo(tmp_path / "data", "ann", PASSWORD)
    try:
        assert made.study_home == (tmp_path / "data-study-home").resolve()
        assert made.export_dir.is_dir()
        keys = StudyHome.open(made.study_home).unlock(PASSWORD)
        installed = device.installed_package(made.workspace)
        assert installed is not None and installed.hpke_public_key == keys.hpke_public_key
        with made.workspace.transaction() as tx:
            assert device.remembered_target(tx) == str(made.export_dir)
    finally:
        made.workspace.lock()
    with pytest.raises(Conflict):
        device.setup_demo(tmp_path / "data", "ann", PASSWORD)
