"""A study folder's own consent templates, end to end through the CLI: `study create` checks
and carries them, a laptop set up from the package prints with them (`--templates DIR` still
overrides); a broken template stops `study create` and `study publish` with the file named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sylcollect.resources import DEMO_STUDY, resource
from sylcollect.services.consent_templates import default_folder
from tests.conftest import CliResult, run_cli
from tests.core.reports.pdftools import pdf_text

NO_DATA = Path("/nonexistent-data-dir-for-study-commands")
EDITED_REF = "NREC-EDITED-2026-77"
EDITED_CONTACT = "Dr Priya Edited, study lead"


def _ok(res: CliResult) -> CliResult:
    assert res.code == 0, (res.out, res.err)
    return res


def _error(res: CliResult) -> str:
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.err
    return lines[0]


def study_folder(root: Path) -> Path:
    """The demo study copied, with edited consent templates in templates/consent/."""
    demo = resource(*DEMO_STUDY).parent
    folder = root / "study"
    shutil.copytree(demo, folder)
    shutil.copytree(demo.parent / "forms", root / "forms")
    consent = folder / "templates" / "consent"
    shutil.copytree(default_folder(), consent)
    text = (consent / "study.toml").read_text(encoding="utf-8")
    text = text.replace("IASR-DEMO-2025-01", EDITED_REF)
    text = text.replace("Dr A. Researcher, study lead (demo)", EDITED_CONTACT)
    (consent / "study.toml").write_text(text, encoding="utf-8")
    return folder


def break_template(folder: Path) -> None:
    path = folder / "templates" / "consent" / "yp16.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "why_me"', 'id = "why_us"'))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("study-templates")
    folder = study_folder(root)
    home = root / "home"
    res = _ok(
        run_cli(NO_DATA, "study", "create", "--from", str(folder), "--home", str(home), "--json")
    )
    info = json.loads(res.out)
    assert info["templates"] == sorted(p.name for p in default_folder().glob("*.toml"))
    laptop = root / "laptop"
    _ok(run_cli(laptop, "init", "--package", info["package"], "--user", "ben"))
    return {"root": root, "folder": folder, "home": home, "laptop": laptop}


def test_create_says_which_templates(made: dict[str, Path], tmp_path: Path) -> None:
    res = _ok(run_cli(NO_DATA, "study", "create", "--from", "demo", "--home", str(tmp_path / "h")))
    assert "Consent templates: the study's own (7 files)." in res.out


def test_a_broken_template_stops_create_and_publish(made: dict[str, Path], tmp_path: Path) -> None:
    folder = study_folder(tmp_path)
    break_template(folder)
    home = tmp_path / "home"
    line = _error(run_cli(NO_DATA, "study", "create", "--from", str(folder), "--home", str(home)))
    assert "templates/consent" in line and "yp16.toml" in line and "why_me" in line
    assert not home.exists()
    before = (made["home"] / "study.sylpkg").read_bytes()
    line = _error(
        run_cli(NO_DATA, "study", "publish", "--home", str(made["home"]), "--from", str(folder))
    )
    assert "yp16.toml" in line and "why_me" in line
    assert (made["home"] / "study.sylpkg").read_bytes() == before


def test_a_laptop_set_up_from_the_package_prints_with_them(
    made: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "consent.pdf"
    args = ("print", "consent", "--blank", "--variant", "staff", "--out", str(out))
    _ok(run_cli(made["laptop"], *args))
    text = pdf_text(out.read_bytes())
    assert EDITED_REF in text and EDITED_CONTACT in text
    assert "IASR-DEMO-2025-01" not in text and "Dr A. Researcher" not in text
    # --templates DIR still overrides the study's own
    demo = tmp_path / "demo.pdf"
    args = ("print", "consent", "--blank", "--variant", "yp16", "--out", str(demo))
    _ok(run_cli(made["laptop"], *args, "--templates", str(default_folder())))
    assert "IASR-DEMO-2025-01" in pdf_text(demo.read_bytes())
