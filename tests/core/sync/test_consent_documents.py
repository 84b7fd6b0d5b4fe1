"""A consent's signed document (e-consent PDF or scan) from the laptop to the central store.

What travels: the document inside the consent item's content, exactly as the laptop seals it
(`payload_items.CONSENT_DOCUMENT_KEY`), checked by `check_consent_document`. The central
importer seals that content as it is, so `read_document` and `signed_document` read it there
as on a laptop, and a withdrawal tombstone shreds it with the consent. A laptop from before
documents travelled (played by `older_laptop`) sent the decision only; its documents are
requeued once.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.study import Role, Study
from sylcollect.errors import InvalidInput, NotFound, StorageError
from sylcollect.services.econsent import (
    MAX_BYTES,
    ConsentDocument,
    read_document,
    record_signed_consent,
    signed_consents,
    signed_document,
)
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import outbox, outbox_items
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.outbox_items import SentList
from sylcollect.sync.payload import ConsentItem, MetaItem, decode_payload, encode_item
from sylcollect.sync.payload_items import (
    CONSENT_DOCUMENT_KEY,
    check_consent_document,
)
from sylcollect.sync.targets import FolderTarget
from sylcollect.sync.withdrawal import withdraw_participant
from tests.core.sync.test_import_support import (
    T0,
    Central,
    LaptopAndCentral,
    laptop_and_central,
    make_central,
    participant,
    tombstone,
)


def pdf_bytes(canary: bytes = b"") -> bytes:
    return b"%PDF-1.7\n" + canary + secrets.token_bytes(4000) + b"\n%%EOF\n"


def a_consent(participant_uuid: str) -> Consent:
    return Consent(
        "",
        participant_uuid,
        ConsentWho.SELF,
        frozenset({ConsentScope.TAKING_PART, ConsentScope.QUESTIONNAIRES}),
        "info-v2",
        ConsentMethod.ON_SCREEN,
        date(2026, 3, 1),
        taken_by="ann",
    )


def sign(ws: UnlockedWorkspace, code: str, data: bytes) -> Consent:
    with ws.transaction() as tx:
        uuid = tx.participants.get(code).uuid
    doc = ConsentDocument(data, "application/pdf", ConsentMethod.ON_SCREEN, "consent-form.pdf")
    return record_signed_consent(ws, a_consent(uuid), doc)


# ---------------------------------------------------------------------------- the check


def travelling(raw: bytes, **changes: Any) -> dict[str, Any]:
    doc = ConsentDocument(raw, "application/pdf", ConsentMethod.ON_SCREEN, "consent-form.pdf")
    return {**doc.to_json(T0), **changes}


def test_the_laptops_document_passes_the_check() -> None:
    check_consent_document(travelling(pdf_bytes()))
    scan = ConsentDocument(b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png", ConsentMethod.PAPER)
    check_consent_document(scan.to_json(T0))


@pytest.mark.parametrize(
    "change",
    [
        {"extra": 1},
        {"sha256": "0" * 64},
        {"size": 12},
        {"size": True},
        {"media_type": "text/html"},
        {"media_type": "image/png"},  # the bytes are a PDF
        {"method": "verbal"},
        {"filename": "../x.pdf"},
        {"added_at": "yesterday"},
        {"data": "not base64!"},
        {"data": None},
    ],
)
def test_a_bad_document_fails_the_check(change: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        check_consent_document(travelling(pdf_bytes(), **change))


def test_non_canonical_base64_and_missing_fields_fail_the_check() -> None:
    doc = travelling(b"%PDF-1")  # 6 bytes: "JVBERi0x"; a spare-bit variant decodes alike
    with pytest.raises(ValueError):
        check_consent_document({**doc, "data": doc["data"] + "\n"})
    short = dict(doc)
    del short["added_at"]
    with pytest.raises(ValueError):
        check_consent_document(short)


def test_the_largest_document_fits_a_consent_line_under_the_line_cap() -> None:
    assert 4 * ((MAX_BYTES + 2) // 3) + 64 * 1024 < 16 * 1024**2
    with pytest.raises(InvalidInput, match="10 MB"):
        ConsentDocument(
            b"%PDF-" + bytes(MAX_BYTES), "application/pdf", ConsentMethod.ON_SCREEN
        ).check()


# ---------------------------------------------------------------------------- laptop side


Setup = LaptopAndCentral


@pytest.fixture
def setup(tmp_path: Path, cheap: None, demo_study: Study) -> Iterator[Setup]:
    """A laptop set up from the study package (DH-901 enrolled) and the central store, the
    laptop approved there."""
    both = laptop_and_central(tmp_path, demo_study)
    yield both
    both.close()


def consent_items(ws: UnlockedWorkspace) -> list[ConsentItem]:
    with ws.transaction() as tx:
        meta = MetaItem("s", 1, "d", 1, T0.isoformat())
        return [i for i in outbox_items.items(tx, meta, SentList()) if isinstance(i, ConsentItem)]


def older_laptop(m: pytest.MonkeyPatch) -> None:
    """Plays a laptop from before documents travelled: a consent goes without its document,
    and nothing is sent again."""
    m.setattr(outbox_items, "_document", lambda _content: None)
    m.setattr(outbox, "requeue_sent_documents", lambda _ws: 0)


@pytest.mark.parametrize("on", [False, True])
def test_the_consent_item_carries_the_document_when_the_importer_takes_it(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, on: bool
) -> None:
    if not on:
        older_laptop(monkeypatch)
    data = pdf_bytes()
    consent = sign(setup.ws, "DH-901", data)
    [item] = consent_items(setup.ws)
    assert item.uuid == consent.uuid
    assert item.to_consent().scopes == consent.scopes
    if not on:
        assert CONSENT_DOCUMENT_KEY not in item.content
        return
    sent = item.content[CONSENT_DOCUMENT_KEY]
    check_consent_document(sent)
    assert base64.b64decode(sent["data"]) == data
    assert ConsentDocument.from_json(sent) == read_document(setup.ws, consent.uuid)


def test_a_document_that_would_be_refused_stays_behind(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document stored before the 10 MB cap (or damaged) never makes a bundle refused:
    the decision travels alone."""
    monkeypatch.setattr("sylcollect.services.econsent.MAX_BYTES", 25 * 1024 * 1024)
    sign(setup.ws, "DH-901", b"%PDF-" + bytes(10 * 1024 * 1024 + 1))
    monkeypatch.undo()
    [item] = consent_items(setup.ws)
    assert CONSENT_DOCUMENT_KEY not in item.content


# ---------------------------------------------------------------------------- central side


def _seed(store: UnlockedWorkspace, code: str, data: bytes) -> tuple[str, Consent]:
    """Stores a participant and a signed consent in the central store the way an import of
    a document-carrying consent item leaves them (content sealed as the laptop sealed it)."""
    with store.transaction() as tx:
        uuid = tx.participants.add(code, "durham-house", Role.YOUNG_PERSON).uuid
    return uuid, sign(store, code, data)


def test_signed_document_reads_the_newest_audits_and_names_what_is_missing(
    central_only: Central,
) -> None:
    store = central_only.store
    first, second = pdf_bytes(b"first"), pdf_bytes(b"second")
    _, older = _seed(store, "DH-001", first)
    with store.transaction() as tx:
        uuid = tx.participants.get("DH-001").uuid
    newer = sign(store, "DH-001", second)
    with store.transaction() as tx:  # no document: skipped
        tx.consents.add(replace(a_consent(uuid), method=ConsentMethod.VERBAL))
        tx.participants.add("DH-002", "durham-house", Role.YOUNG_PERSON)
    got, doc = signed_document(store, "DH-001")
    assert (got.uuid, doc.data) == (newer.uuid, second)
    got, doc = signed_document(store, "DH-001", older.uuid)
    assert (got.uuid, doc.data) == (older.uuid, first)
    with store.transaction() as tx:
        exports = [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
    assert sorted(str(e.entity_uuid) for e in exports) == sorted([newer.uuid, older.uuid])
    assert all(e.entity == "consent" and e.details["bytes"] > 4000 for e in exports)
    with pytest.raises(NotFound, match="DH-002"):
        signed_document(store, "DH-002")
    with pytest.raises(NotFound, match="no consent"):
        signed_document(store, "DH-001", "0b5e1c9a-2222-4000-8000-000000000002")
    with pytest.raises(NotFound, match="no consent"):  # another participant's consent
        signed_document(store, "DH-002", older.uuid)
    with pytest.raises(NotFound):
        signed_document(store, "NOBODY")


def test_signed_consents_lists_every_signed_one_newest_first_unaudited(
    central_only: Central,
) -> None:
    store = central_only.store
    _, older = _seed(store, "DH-001", pdf_bytes(b"first"))
    newer = sign(store, "DH-001", pdf_bytes(b"second"))
    with store.transaction() as tx:  # a verbal consent holds no document: not listed
        uuid = tx.participants.get("DH-001").uuid
        tx.consents.add(replace(a_consent(uuid), method=ConsentMethod.VERBAL))
        tx.participants.add("DH-002", "durham-house", Role.YOUNG_PERSON)
    listed = signed_consents(store, "DH-001")
    assert [c.uuid for c, _ in listed] == [newer.uuid, older.uuid]
    assert listed[0][1].data.startswith(b"%PDF-1.7\nsecond")
    assert listed[1][1].data.startswith(b"%PDF-1.7\nfirst")
    assert signed_consents(store, "DH-002") == []
    with store.transaction() as tx:  # listing is not opening: no export event
        assert not [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
    with pytest.raises(NotFound):
        signed_consents(store, "NOBODY")


def test_a_failed_delivery_leaves_no_export_event(central_only: Central) -> None:
    store = central_only.store
    _seed(store, "DH-001", pdf_bytes())

    def fail(_: ConsentDocument) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(StorageError, match="No space"):
        signed_document(store, "DH-001", deliver=fail)
    with store.transaction() as tx:
        assert not [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]


def test_a_tombstone_shreds_the_central_document(central_only: Central, tmp_path: Path) -> None:
    canary = b"CANARY-" + secrets.token_hex(8).encode()
    store = central_only.store
    uuid, consent = _seed(store, "DH-001", pdf_bytes(canary))
    assert read_document(store, consent.uuid) is not None
    dev = central_only.device()
    central_only.approve(dev)
    gone = dev.bundle(tmp_path / "b", [tombstone(participant("DH-001", uuid=uuid))])
    assert central_only.importer.import_path(gone).status == "imported"
    with pytest.raises(InvalidInput, match="withdrawn"):
        signed_document(store, "DH-001")
    with pytest.raises(NotFound):
        read_document(store, consent.uuid)
    store.workspace.engine.dispose()
    for path in central_only.home.rglob("*"):
        if path.is_file():
            assert canary not in path.read_bytes(), path.name


@pytest.fixture
def central_only(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


# ---------------------------------------------------------------------------- round trip


def _import_all(setup: Setup) -> None:
    for path in sorted(setup.export.glob("*.sylb")):
        result = setup.central.import_copy(path)
        assert result.status == "imported", result
        path.unlink()


def test_the_signed_pdf_travels_and_is_shredded_by_a_withdrawal(setup: Setup) -> None:
    canary = b"CANARY-" + secrets.token_hex(8).encode()
    data = pdf_bytes(canary)
    consent = sign(setup.ws, "DH-901", data)
    outbox.sync(setup.ws, FolderTarget(setup.export))
    for bundle in setup.export.glob("*.sylb"):
        assert canary not in bundle.read_bytes()
    _import_all(setup)
    store = setup.central.store
    got = read_document(store, consent.uuid)
    assert got is not None and got.data == data and got.method is ConsentMethod.ON_SCREEN
    assert signed_document(store, "DH-901")[1].data == data

    # withdrawing one consent (a new revision) keeps the document with it
    with setup.ws.transaction() as tx:
        tx.consents.withdraw_consent(consent.uuid, date(2026, 4, 1))
    outbox.sync(setup.ws, FolderTarget(setup.export))
    _import_all(setup)
    again, doc = signed_document(store, "DH-901")
    assert again.withdrawn_on == date(2026, 4, 1) and doc.data == data

    # the participant withdraws: shredded on the laptop, then centrally
    withdraw_participant(setup.ws, "DH-901")
    outbox.sync(setup.ws, FolderTarget(setup.export))
    _import_all(setup)
    with pytest.raises(InvalidInput, match="withdrawn"):
        signed_document(store, "DH-901")
    with pytest.raises(NotFound):
        read_document(store, consent.uuid)
    store.workspace.engine.dispose()
    for path in [*setup.central.home.rglob("*"), *setup.ws.workspace.data_dir.rglob("*")]:
        if path.is_file():
            assert canary not in path.read_bytes(), path.name


def test_documents_sent_without_them_before_travel_once(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdf_bytes()
    with monkeypatch.context() as m:  # an older version: the decision only
        older_laptop(m)
        consent = sign(setup.ws, "DH-901", data)
        outbox.sync(setup.ws, FolderTarget(setup.export))
    _import_all(setup)
    assert read_document(setup.central.store, consent.uuid) is None
    assert outbox.status(setup.ws).waiting.changes == 0
    result = outbox.sync(setup.ws, FolderTarget(setup.export))
    assert result.new_bundle
    _import_all(setup)
    got = read_document(setup.central.store, consent.uuid)
    assert got is not None and got.data == data
    assert not outbox.sync(setup.ws, FolderTarget(setup.export)).new_bundle


def test_the_decoder_takes_a_good_document_and_refuses_a_bad_one() -> None:
    data = pdf_bytes()
    content = {**a_consent("p").to_json(), CONSENT_DOCUMENT_KEY: travelling(data)}
    item = ConsentItem(
        "0b5e1c9a-2222-4000-8000-000000000003",
        "0b5e1c9a-2222-4000-8000-000000000004",
        1,
        T0.isoformat(),
        T0.isoformat(),
        content,
    )
    meta = MetaItem("s", 1, "d", 1, T0.isoformat())
    caps = {"max_items": 10, "max_line_bytes": 16 * 1024**2}
    [_, got] = decode_payload([encode_item(meta) + encode_item(item)], **caps)
    assert got == item
    bad = replace(item, content={**content, CONSENT_DOCUMENT_KEY: travelling(data, size=3)})
    with pytest.raises(BundleRefused) as refused:
        list(decode_payload([encode_item(meta) + encode_item(bad)], **caps))
    assert refused.value.code == "bad_payload"
