"""Supervisor tools, Consent forms: a participant's signed consent opened from a real central
store in the app. DH-001 signed on screen (a real consent PDF), DH-002's consent came without
a document, DH-003 signed then withdrew, DH-004's paper form was scanned (PNG), DH-005 has
both (a scanned assent, later their own consent on screen). The reading is audited, the bytes
stay in memory, and a lock drops them."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

import pytest
from a11y import check_window
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from test_pdfview import assert_no_plaintext_left, pages_of, temp_snapshot
from test_supervisor import Home, connected, home, page  # noqa: F401 (fixtures)
from ui_helpers import PASSWORD

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import ConsentMethod
from sylcollect.reports import ConsentRequest, load_templates, render_consent
from sylcollect.reports.templates import Variant
from sylcollect.services.econsent import ConsentDocument
from sylcollect.sync.central import locate, open_central, unlock_central
from sylcollect.sync.payload_items import CONSENT_DOCUMENT_KEY
from tests.core.sync.test_import_support import T0, consent, participant, tombstone
from tests.core.test_canary import scan_for_canaries
from ui.pages.supervisor_data import FOUND, SignedConsent

CANARY = "CANARY-" + secrets.token_hex(8)


def signed_pdf(demo_study) -> bytes:
    """A real consent PDF (several pages), a canary comment after its end."""
    req = ConsentRequest(Variant.YP16, "DH-001", None, "durham-house")
    return render_consent(demo_study, load_templates(), req) + f"\n%{CANARY}\n".encode()


def png_bytes() -> bytes:
    image = QImage(300, 420, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data()) + CANARY.encode()  # PNG readers stop at IEND


def signed(person, data: bytes, media_type: str, method: ConsentMethod):
    c = consent(person)
    doc = ConsentDocument(data, media_type, method, "form")
    content = {**c.content, "method": method.value}
    content[CONSENT_DOCUMENT_KEY] = doc.to_json(T0)
    return replace(c, content=content)


def two_signed(person, pdf: bytes, png: bytes) -> list[object]:
    """A paper assent with a parent's consent (scanned) in January, then the participant's
    own consent signed on screen in February."""
    scan = signed(person, png, "image/png", ConsentMethod.PAPER)
    earlier = T0.replace(month=1).isoformat()
    content = {**scan.content, "who": "assent_parent", "given_on": "2026-01-05"}
    scan = replace(scan, created_at=earlier, updated_at=earlier, content=content)
    return [scan, signed(person, pdf, "application/pdf", ConsentMethod.ON_SCREEN)]


@pytest.fixture
def docs(qtbot, page, home: Home, demo_study):  # noqa: F811
    """The central store with the four participants, the page connected to it."""
    device = home.central.device()
    home.central.approve(device)
    codes = ("DH-001", "DH-002", "DH-003", "DH-004", "DH-005")
    people = {c: participant(c) for c in codes}
    pdf, png = signed_pdf(demo_study), png_bytes()
    items: list[object] = [
        *people.values(),
        signed(people["DH-001"], pdf, "application/pdf", ConsentMethod.ON_SCREEN),
        consent(people["DH-002"]),
        signed(people["DH-003"], pdf, "application/pdf", ConsentMethod.ON_SCREEN),
        signed(people["DH-004"], png, "image/png", ConsentMethod.PAPER),
        *two_signed(people["DH-005"], pdf, png),
    ]
    for batch in (items, [tombstone(people["DH-003"])]):
        path = device.bundle(home.out, batch)  # type: ignore[arg-type]
        home.central.importer.import_path(path)
    connected(qtbot, page, home)
    page.tabs.setCurrentWidget(page.consent)
    return {"pdf": pdf, "png": png}


def open_code(qtbot, page, code: str) -> None:  # noqa: F811
    panel = page.consent
    panel.code.setFocus()
    panel.code.setText(code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)  # Enter in the field opens it
    qtbot.waitUntil(lambda: not panel.busy.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)


def export_events(home: Home) -> list[dict]:  # noqa: F811
    store = unlock_central(open_central(locate(home.central.home)), PASSWORD)
    try:
        with store.transaction() as tx:
            return [
                dict(e.details or {}, entity=e.entity)
                for e in tx.audit_log.events()
                if e.action is AuditAction.EXPORT
            ]
    finally:
        store.lock()
        store.workspace.close()


def test_open_a_signed_pdf_from_the_central_store(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    docs,
    tmp_path: Path,
) -> None:
    before = temp_snapshot()
    panel = page.consent
    assert panel.codes.stringList() == ["DH-001", "DH-002", "DH-004", "DH-005"]  # not the withdrawn
    open_code(qtbot, page, "dh-001")  # case does not matter
    view = panel.view
    assert panel.notice.message() == ""
    assert view.page_count == pages_of(docs["pdf"]) >= 2
    assert len(view.page_labels) == view.page_count
    assert not view.page_labels[0].pixmap().isNull()
    assert panel.document == docs["pdf"] and panel.stack.currentWidget() is view
    assert panel.about.text() == "Consent of DH-001, given on 2026-02-01 · signed on screen"
    assert view.save_button.isEnabled() and view.print_button.isEnabled()
    qtbot.wait(100)  # the new pages laid out
    page.grab().save(str(tmp_path / "consent-pdf.png"))
    assert check_window(qtbot, page) == []
    copy = tmp_path / "saved" / "dh-001.pdf"
    copy.parent.mkdir()
    view.save_to(copy)
    qtbot.waitUntil(lambda: copy.exists(), timeout=20000)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)
    assert copy.read_bytes() == docs["pdf"]
    page.clear()  # the workspace locks
    page.central_tasks.wait()
    assert panel.document is None and view.page_count == 0 and view.page_labels == []
    assert panel.codes.stringList() == [] and panel.code.text() == ""
    assert not panel.about.isVisible()
    events = [e for e in export_events(home) if e["entity"] == "consent"]
    by_kind = {e["document"]: e for e in events}
    assert len(events) == 2 and set(by_kind) == {"application/pdf", "signed consent"}
    assert by_kind["signed consent"]["file"] == "dh-001.pdf"  # the saved copy, audited
    assert_no_plaintext_left(before)
    hits = scan_for_canaries({"document": CANARY}, [home.central.home, home.out])
    assert hits == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("XX-404", "There is no participant with code XX-404 in the central store."),
        ("DH-002", "Their consent was recorded without a signed document"),
        ("DH-003", "DH-003 withdrew from the study. Their signed consent was destroyed"),
    ],
)
def test_nothing_to_open_is_said_plainly(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    docs,
    code: str,
    words: str,
) -> None:
    panel = page.consent
    open_code(qtbot, page, code)
    assert words in panel.notice.message()
    assert panel.document is None and panel.view.page_count == 0
    assert panel.code.hasFocus() and panel.open_button.isEnabled()
    page.clear()
    page.central_tasks.wait()
    assert [e for e in export_events(home) if e["entity"] == "consent"] == []


def test_a_scanned_paper_form_is_shown_as_an_image(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    docs,
    tmp_path: Path,
) -> None:
    panel = page.consent
    open_code(qtbot, page, "DH-004")
    assert panel.stack.currentWidget() is panel.image
    assert panel.document == docs["png"]
    assert not panel.image.picture.pixmap().isNull()
    assert "scan of the signed paper form" in panel.about.text()
    assert panel.image.print_button.isEnabled() and panel.image.save_button.isEnabled()
    qtbot.wait(100)
    page.grab().save(str(tmp_path / "consent-scan.png"))
    assert check_window(qtbot, page) == []
    open_code(qtbot, page, "DH-002")  # the next participant: the scan goes
    assert panel.document is None and panel.image.picture.pixmap().isNull()
    page.clear()
    page.central_tasks.wait()
    [event] = [e for e in export_events(home) if e["entity"] == "consent"]
    assert event["document"] == "image/png"


def test_a_closed_central_store_is_said(qtbot, page) -> None:  # noqa: F811
    panel = page.consent
    panel.code.setText("DH-001")
    panel.open_consent()
    assert "The central store is not open" in panel.notice.message()
    assert not page.central_tasks.busy


def test_a_reading_that_returns_after_the_lock_is_dropped(qtbot, page) -> None:  # noqa: F811
    panel = page.consent
    late = SignedConsent("DH-001", FOUND, "u", "c", "2026-02-01", "paper", "image/png", b"x")
    generation = panel._generation
    panel.clear()
    panel._opened(late, generation)
    assert panel.document is None and not panel.about.isVisible()


def test_a_participant_with_two_signed_consents_chooses_which_to_open(
    qtbot,
    page,  # noqa: F811
    home: Home,  # noqa: F811
    docs,
    tmp_path: Path,
) -> None:
    """DH-005's paper assent with a parent's consent (scanned) came first; later they signed
    their own consent on screen. The newest opens; the list offers the other, by keyboard."""
    panel = page.consent
    assert not panel.choice_box.isVisible()
    open_code(qtbot, page, "DH-005")
    assert panel.document == docs["pdf"]
    assert panel.choice_box.isVisible() and panel.choice.count() == 2
    assert [panel.choice.itemText(i) for i in range(2)] == [
        "Given on 2026-02-01 · their own consent · signed on screen",
        "Given on 2026-01-05 · assent, with a parent's or carer's consent · "
        "scan of the signed paper form",
    ]
    panel.choice.setFocus()
    qtbot.keyClick(panel.choice, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.document == docs["png"], timeout=20000)
    qtbot.waitUntil(lambda: not page.central_tasks.busy, timeout=20000)
    assert panel.stack.currentWidget() is panel.image
    assert panel.about.text() == (
        "Consent of DH-005, given on 2026-01-05 · scan of the signed paper form"
    )
    assert panel.choice.currentIndex() == 1 and panel.choice_box.isVisible()
    assert check_window(qtbot, page) == []
    page.grab().save(str(tmp_path / "consent-choice.png"))
    open_code(qtbot, page, "DH-001")  # one signed consent: no list
    assert not panel.choice_box.isVisible()
    page.clear()
    page.central_tasks.wait()
    assert panel.choice.count() == 0
    kinds = [e["document"] for e in export_events(home) if e["entity"] == "consent"]
    assert kinds == ["application/pdf", "image/png", "application/pdf"]  # each opening
