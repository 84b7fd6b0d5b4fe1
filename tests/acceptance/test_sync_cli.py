"""The sync commands end to end: study home, laptops set up from its package, bundles
written and delivered, updates, revocation; every refusal is one `error: ` line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sylcollect.sync.bundle import verify_bundle
from tests.conftest import CliResult, run_cli

NO_DATA = Path("/nonexistent-data-dir-for-study-commands")


def _ok(res: CliResult) -> CliResult:
    assert res.code == 0, (res.out, res.err)
    return res


def _error(res: CliResult) -> str:
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.err
    return lines[0]


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A study home made from the demo study and one laptop set up from its package."""
    root = tmp_path_factory.mktemp("sync")
    home = root / "home"
    made = json.loads(
        _ok(
            run_cli(NO_DATA, "study", "create", "--from", "demo", "--home", str(home), "--json")
        ).out
    )
    assert Path(made["package"]).is_file() and made["version"] >= 1
    laptop = root / "laptop"
    info = json.loads(
        _ok(run_cli(laptop, "init", "--package", made["package"], "--user", "ben", "--json")).out
    )
    assert info["signing_fingerprint"] == made["signing_fingerprint"]
    export = root / "export"
    export.mkdir()
    return {"home": home, "laptop": laptop, "export": export, "root": root}


def test_sync_writes_one_bundle_then_nothing(study: dict[str, Path]) -> None:
    laptop, export = study["laptop"], study["export"]
    _ok(run_cli(laptop, "participant", "add", "--site", "durham-house", "--code", "DH-101"))
    res = _ok(run_cli(laptop, "sync", "--to", str(export)))
    [path] = res.out.strip().splitlines()
    assert path.endswith(".sylb") and Path(path).parent == export
    header = verify_bundle(path, max_bytes=1 << 30).header
    assert header.fieldworker == "ben" and header.sequence == 1
    again = _ok(run_cli(laptop, "sync", "--to", str(export)))
    assert "Nothing to sync" in again.out
    status = json.loads(_ok(run_cli(laptop, "sync", "status", "--json")).out)
    assert status["waiting"]["changes"] == 0 and status["last_sequence"] == 1
    assert status["device_id"] == header.device_id
    assert status["target"] == str(export)


def test_missing_target_is_a_clear_error_and_the_outbox_stays(study: dict[str, Path]) -> None:
    laptop = study["laptop"]
    _ok(run_cli(laptop, "participant", "add", "--site", "durham-house", "--code", "DH-102"))
    missing = study["root"] / "usb-stick"
    line = _error(run_cli(laptop, "sync", "--to", str(missing)))
    assert "not there" in line
    status = json.loads(_ok(run_cli(laptop, "sync", "status", "--json")).out)
    assert status["waiting"]["changes"] >= 1 and "not there" in status["last_failure"]
    text = _ok(run_cli(laptop, "sync", "status")).out
    assert "Changes waiting" in text and "Last failure" in text
    # Without --to it goes to the last target that worked.
    res = _ok(run_cli(laptop, "sync"))
    assert Path(res.out.strip()).parent == study["export"]


@pytest.mark.slow
def test_publish_update_and_older_packages(study: dict[str, Path]) -> None:
    home, laptop = study["home"], study["laptop"]
    old = study["root"] / "old.sylpkg"
    old.write_bytes((home / "study.sylpkg").read_bytes())
    published = json.loads(
        _ok(run_cli(NO_DATA, "study", "publish", "--home", str(home), "--json")).out
    )
    res = _ok(run_cli(laptop, "study", "update", "--package", str(home / "study.sylpkg")))
    assert f"version {published['version']}" in res.out
    shown = json.loads(_ok(run_cli(laptop, "study", "show", "--json")).out)
    assert shown["version"] == published["version"]
    assert "already installed" in _error(
        run_cli(laptop, "study", "update", "--package", str(home / "study.sylpkg"))
    )
    assert "older" in _error(run_cli(laptop, "study", "update", "--package", str(old)))


@pytest.mark.slow
def test_wrong_study_password_and_bad_home(study: dict[str, Path]) -> None:
    _error(run_cli(NO_DATA, "study", "publish", "--home", str(study["home"]), password="nope"))
    _error(run_cli(NO_DATA, "study", "publish", "--home", str(study["root"] / "none")))
    assert "already" in _error(
        run_cli(NO_DATA, "study", "create", "--from", "demo", "--home", str(study["home"]))
    )


@pytest.mark.slow
def test_revoked_laptop_cannot_sync(tmp_path: Path, study: dict[str, Path]) -> None:
    home = study["home"]
    other = tmp_path / "other-laptop"
    _ok(run_cli(other, "init", "--package", str(home / "study.sylpkg"), "--user", "cy"))
    device_id = json.loads(_ok(run_cli(other, "sync", "status", "--json")).out)["device_id"]
    _ok(run_cli(NO_DATA, "study", "revoke", device_id, "--home", str(home)))
    _ok(run_cli(other, "study", "update", "--package", str(home / "study.sylpkg")))
    _ok(run_cli(other, "participant", "add", "--site", "durham-house", "--code", "DH-201"))
    assert "revoked" in _error(run_cli(other, "sync", "--to", str(study["export"])))


@pytest.mark.slow
def test_demo_laptop_syncs_to_its_own_export_folder(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    info = json.loads(_ok(run_cli(data, "init", "--demo", "--user", "ann", "--json")).out)
    assert Path(info["study_home"]) == (tmp_path / "demo-study-home").resolve()
    assert (Path(info["study_home"]) / "study.sylpkg").is_file()
    _ok(run_cli(data, "participant", "add", "--site", "durham-house", "--code", "DH-001"))
    res = _ok(run_cli(data, "sync"))
    assert Path(res.out.strip()).parent == Path(info["export_dir"])


@pytest.mark.slow
def test_a_package_less_workspace_cannot_sync(tmp_path: Path) -> None:
    from tests.conftest import REPO

    data = tmp_path / "plain"
    study_toml = REPO / "resources" / "demo" / "study.toml"
    if not study_toml.is_file():
        pytest.skip("demo study definition not at resources/demo/study.toml")
    _ok(run_cli(data, "init", "--study", str(study_toml), "--user", "ann"))
    assert "package" in _error(run_cli(data, "sync", "--to", str(tmp_path)))
