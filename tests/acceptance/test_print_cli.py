"""`sylcollect print` end to end: the PDFs, their audit, errors, and nothing else on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.storage.workspace import Workspace
from tests.conftest import PASSWORD, run_cli
from tests.core.reports.pdftools import decode_qr, pdf_text

NAME = "Quillon Print-Canary"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print") / "data"
    steps = [
        ("init", "--demo", "--user", "ann"),
        (
            "participant",
            "add",
            "--site",
            "durham-house",
            "--code",
            "DH-001",
            "--name",
            NAME,
            "--dob",
            "2012-04-01",
        ),
        ("participant", "add", "--site", "durham-house", "--code", "DH-002", "--dob", "2007-01-09"),
        ("participant", "add", "--site", "durham-house", "--code", "DH-S1", "--role", "staff"),
        ("participant", "add", "--site", "safe-steps", "--code", "SS-001"),
    ]
    for step in steps:
        res = run_cli(folder, *step)
        assert res.code == 0, res.err
    return folder


def _one_error(res) -> str:  # type: ignore[no-untyped-def]
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.err
    return str(lines[0])


def _snapshot(*folders: Path) -> dict[Path, float]:
    out = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                out[path] = path.stat().st_mtime
    return out


def test_consent_variant_from_age_and_role(ws: Path, tmp_path: Path) -> None:
    cases = {"DH-001": "ASSENT", "DH-002": "CONSENT", "DH-S1": "CONSENT"}
    for code, kind in cases.items():
        out = tmp_path / f"{code}.pdf"
        res = run_cli(ws, "print", "consent", "--participant", code, "--out", str(out), "--json")
        assert res.code == 0, res.err
        assert json.loads(res.out)["out"] == str(out)
        text = pdf_text(out.read_bytes())
        assert f"This is an {kind} form" in text or f"This is a {kind} form" in text
        assert code in text
        assert NAME not in text  # the name only when asked for
    staff = pdf_text((tmp_path / "DH-S1.pdf").read_bytes())
    assert "Consent form for staff and professionals" in staff


def test_consent_with_name_and_qr(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "named.pdf"
    res = run_cli(
        ws,
        "print",
        "consent",
        "--participant",
        "DH-002",
        "--out",
        str(out),
        "--with-name",
        "--no-sheet",
        "--variant",
        "yp16",
    )
    assert res.code == 0, res.err
    data = out.read_bytes()
    assert "Participant information sheet" not in pdf_text(data)
    assert decode_qr(data, 1) == ["SYLC1|syl-csc-innovation-demo|DH-002|yp16|2"]


def test_blank_and_site_batch(ws: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    res = run_cli(ws, "print", "consent", "--blank", "--variant", "la", "--out", str(blank))
    assert res.code == 0, res.err
    assert "local authorit" in pdf_text(blank.read_bytes()).lower()
    batch = tmp_path / "batch.pdf"
    res = run_cli(
        ws, "print", "consent", "--site", "durham-house", "--no-sheet", "--out", str(batch)
    )
    assert res.code == 0, res.err
    assert "3 consent forms" in res.out
    text = pdf_text(batch.read_bytes())
    assert all(code in text for code in ("DH-001", "DH-002", "DH-S1"))


def test_summaries_and_form(ws: Path, tmp_path: Path) -> None:
    for args, expected in (
        (("summary", "--participant", "DH-001"), "Participant summary"),
        (("summary", "--site", "durham-house"), "Theory-of-change milestones"),
        (("form", "yp_checkin"), "go to question"),
        (("form", "phq9"), "Form phq9 · version 1"),
    ):
        out = tmp_path / f"{args[-1]}.pdf"
        res = run_cli(ws, "print", *args, "--out", str(out))
        assert res.code == 0, res.err
        assert expected in pdf_text(out.read_bytes())
    res = run_cli(ws, "audit", "verify")
    assert res.code == 0, res.err


def test_only_the_asked_file_is_written(ws: Path, tmp_path: Path) -> None:
    private_tmp = tmp_path / "tmp"
    out_dir = tmp_path / "out"
    private_tmp.mkdir()
    out_dir.mkdir()
    before = _snapshot(ws, private_tmp, out_dir)
    out = out_dir / "consent.pdf"
    res = run_cli(
        ws,
        "print",
        "consent",
        "--participant",
        "DH-001",
        "--with-name",
        "--out",
        str(out),
        TMPDIR=str(private_tmp),
        TEMP=str(private_tmp),
    )
    assert res.code == 0, res.err
    after = _snapshot(ws, private_tmp, out_dir)
    assert list(private_tmp.iterdir()) == []
    assert sorted(out_dir.iterdir()) == [out]
    assert NAME in pdf_text(out.read_bytes())
    new = set(after) - set(before) - {out}
    assert {p.name for p in new} <= {"workspace.db-wal", "workspace.db-shm"}, new
    for path in after:
        if path != out:
            assert NAME.encode() not in path.read_bytes(), path
    assert oct(out.stat().st_mode & 0o777) == "0o600" or os.name != "posix"


def test_errors_exit_1_and_write_nothing(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    cases = [
        (("consent", "--participant", "NOPE-1", "--out", str(out)), "no participant"),
        (("consent", "--participant", "SS-001", "--out", str(out)), "--variant"),
        (("consent", "--blank", "--out", str(out)), "needs --variant"),
        (("consent", "--participant", "DH-001", "--out", str(tmp_path / "x.txt")), ".pdf"),
        (
            ("consent", "--participant", "DH-001", "--out", str(tmp_path / "no" / "x.pdf")),
            "does not exist",
        ),
        (("summary", "--site", "nowhere", "--out", str(out)), "unknown site"),
        (("form", "nope", "--out", str(out)), "no form"),
        (
            ("consent", "--participant", "DH-001", "--templates", str(tmp_path), "--out", str(out)),
            "no such template file",
        ),
    ]
    for args, message in cases:
        line = _one_error(run_cli(ws, "print", *args))
        assert message in line, line
    assert not out.exists()
    res = run_cli(ws, "print", "summary", "--out", str(out))
    assert res.code == 2


def test_withdrawn_participant(ws: Path, tmp_path: Path) -> None:
    res = run_cli(ws, "participant", "add", "--site", "safe-steps", "--code", "SS-009")
    assert res.code == 0, res.err
    assert run_cli(ws, "participant", "withdraw", "SS-009", "--yes").code == 0
    out = tmp_path / "w.pdf"
    line = _one_error(run_cli(ws, "print", "summary", "--participant", "SS-009", "--out", str(out)))
    assert "withdrawn" in line
    line = _one_error(
        run_cli(
            ws,
            "print",
            "consent",
            "--participant",
            "SS-009",
            "--variant",
            "yp16",
            "--out",
            str(out),
        )
    )
    assert "withdrawn" in line
    assert not out.exists()


def test_support_card(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    args = ("print", "card", "--site", "durham-house", "--adult", "Sam Okonkwo", "--out")
    res = run_cli(ws, *args, str(out), "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["out"] == str(out)
    text = pdf_text(out.read_bytes())
    assert text.count("Childline 0800 1111") == 8 and text.count("Talk to Sam Okonkwo") == 8
    for word in ("Durham", "exploitation", "research", "study", "DH-001", NAME):
        assert word.lower() not in text.lower(), word
    assert oct(out.stat().st_mode & 0o777) == "0o600" or os.name != "posix"
    blank = tmp_path / "blank-card.pdf"
    res = run_cli(ws, "print", "card", "--out", str(blank))
    assert res.code == 0 and "Saved the support cards" in res.out, res.err
    assert "Talk to Childline 0800 1111" in pdf_text(blank.read_bytes())  # a line to write on
    unlocked = Workspace.open(ws).unlock("ann", PASSWORD)
    try:
        with unlocked.transaction() as tx:
            found = [
                e.details
                for e in tx.audit_log.events(limit=5)
                if e.action is AuditAction.EXPORT and e.entity == "site"
            ]
    finally:
        unlocked.lock()
    assert found[:2] == [
        {"document": "support card", "site": None, "adult_named": False, "file": blank.name},
        {"document": "support card", "site": "durham-house", "adult_named": True, "file": out.name},
    ]
    assert run_cli(ws, "audit", "verify").code == 0


def test_support_card_errors_write_nothing(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    line = _one_error(run_cli(ws, "print", "card", "--site", "nowhere", "--out", str(out)))
    assert "unknown site 'nowhere'" in line
    line = _one_error(run_cli(ws, "print", "card", "--adult", "A" * 41, "--out", str(out)))
    assert "too long" in line
    assert not out.exists() and list(tmp_path.iterdir()) == []
