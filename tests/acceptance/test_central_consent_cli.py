"""`sylcollect central consent-pdf CODE --out FILE`: the supervisor's way to a signed consent.

A laptop's bundles enrol DH-001 (a consent signed on screen), DH-002 (a consent without a
document) and DH-003 (signed, then withdrawn). The signed documents reach the central store
in their consent items.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import ConsentMethod
from sylcollect.domain.study import Study
from sylcollect.services.econsent import ConsentDocument
from sylcollect.sync.central import locate, open_central, unlock_central
from sylcollect.sync.payload_items import CONSENT_DOCUMENT_KEY
from sylcollect.sync.study_home import StudyHome
from tests.acceptance.test_central_export_cli import _central, _floor_home
from tests.conftest import PASSWORD
from tests.core.sync.test_consent_documents import pdf_bytes
from tests.core.sync.test_import_support import T0, Device, consent, participant, tombstone

CANARY = b"CANARY-" + secrets.token_hex(8).encode()
SIGNED = {"DH-001": pdf_bytes(CANARY), "DH-003": pdf_bytes(b"three")}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, demo_study: Study) -> tuple[Path, Device]:
    root = tmp_path_factory.mktemp("central-consent")
    home = _floor_home(root / "home", demo_study)
    assert _central(home, "init").code == 0
    package = StudyHome.open(home).current_package()
    dev = Device(package.study_id, package.hpke_public_key)
    people = {c: participant(c) for c in ("DH-001", "DH-002", "DH-003")}
    items: list[object] = list(people.values())
    items.append(consent(people["DH-002"]))
    for code, data in SIGNED.items():
        c = consent(people[code])
        doc = ConsentDocument(data, "application/pdf", ConsentMethod.ON_SCREEN, "c.pdf")
        content = {**c.content, "method": "on_screen_signature"}
        content[CONSENT_DOCUMENT_KEY] = doc.to_json(T0)
        items.append(replace(c, content=content))
    dev.bundle(root / "bundles", items)  # type: ignore[arg-type]
    assert _central(home, "import", str(root / "bundles")).code == 0
    res = _central(home, "approve", dev.device_id)
    assert res.code == 0, res.err
    return home, dev


def _export_events(home: Path) -> list[str | None]:
    store = open_central(locate(home))
    try:
        unlocked = unlock_central(store, PASSWORD)
        with unlocked.transaction() as tx:
            found = [e.entity for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
        unlocked.lock()
    finally:
        store.close()
    return found


def test_the_signed_pdf_is_written_and_audited(setup: tuple[Path, Device], tmp_path: Path) -> None:
    home, _ = setup
    out = tmp_path / "dh-001.pdf"
    res = _central(home, "consent-pdf", "DH-001", "--out", str(out))
    assert res.code == 0, res.err
    assert out.read_bytes() == SIGNED["DH-001"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "DH-001" in res.out and "application/pdf" in res.out
    assert CANARY.decode() not in res.out + res.err
    res = _central(home, "consent-pdf", "DH-001", "--out", str(out), "--json")
    info = json.loads(res.out)
    assert info["sha256"] == hashlib.sha256(SIGNED["DH-001"]).hexdigest()
    assert info["media_type"] == "application/pdf" and info["bytes"] == len(SIGNED["DH-001"])
    again = tmp_path / "by-uuid.pdf"
    res = _central(home, "consent-pdf", "DH-001", "--consent", info["consent_uuid"],
                   "--out", str(again))  # fmt: skip
    assert res.code == 0 and again.read_bytes() == SIGNED["DH-001"]
    assert _export_events(home).count("consent") >= 3


def test_list_names_each_signed_consent_and_writes_nothing(
    setup: tuple[Path, Device], tmp_path: Path
) -> None:
    home, _ = setup
    before = _export_events(home).count("consent")
    res = _central(home, "consent-pdf", "DH-001", "--list", "--json")
    assert res.code == 0, res.err
    [row] = json.loads(res.out)["consents"]
    assert row["given_on"] == "2026-02-01" and row["who"] == "self"
    assert row["method"] == "on_screen_signature" and row["bytes"] == len(SIGNED["DH-001"])
    res = _central(home, "consent-pdf", "DH-001", "--list")
    assert res.out.startswith(row["consent_uuid"] + "  given on 2026-02-01  self  e-consent")
    res = _central(home, "consent-pdf", "DH-002", "--list")
    assert res.code == 0 and res.out.strip() == "DH-002 has no signed consent document here"
    assert _export_events(home).count("consent") == before  # listing opens nothing
    assert list(tmp_path.iterdir()) == []
    res = _central(home, "consent-pdf", "DH-001", "--list", "--out", str(tmp_path / "x.pdf"))
    assert res.code == 2 and "not allowed with argument" in res.err


@pytest.mark.parametrize(
    ("code", "message"),
    [("DH-002", "no signed consent document"), ("XX-404", "no participant")],
)
def test_missing_documents_are_one_error_line(
    setup: tuple[Path, Device], tmp_path: Path, code: str, message: str
) -> None:
    home, _ = setup
    out = tmp_path / "x.pdf"
    res = _central(home, "consent-pdf", code, "--out", str(out))
    assert res.code == 1 and res.err.startswith("error: ") and message in res.err
    assert len(res.err.strip().splitlines()) == 1 and not out.exists()


def test_a_withdrawn_participants_document_is_gone(
    setup: tuple[Path, Device], tmp_path: Path
) -> None:
    home, dev = setup
    out = tmp_path / "dh-003.pdf"
    assert _central(home, "consent-pdf", "DH-003", "--out", str(out)).code == 0
    with_code = participant("DH-003")
    store = open_central(locate(home))
    try:
        unlocked = unlock_central(store, PASSWORD)
        with unlocked.transaction() as tx:
            uuid = tx.participants.get("DH-003").uuid
        unlocked.lock()
    finally:
        store.close()
    dev.bundle(tmp_path / "gone", [tombstone(replace(with_code, uuid=uuid))])
    assert _central(home, "import", str(tmp_path / "gone")).code == 0
    res = _central(home, "consent-pdf", "DH-003", "--out", str(tmp_path / "after.pdf"))
    assert res.code == 1 and "withdrawn" in res.err
    assert not (tmp_path / "after.pdf").exists()
