"""The PDF preview: N pages shown from bytes in memory, navigation and zoom, printing through
a QPrinter (a PDF file inside tmp_path, never the system temp), the print dialog, an audited
save, and no plaintext left in the system temp folder."""

from __future__ import annotations

import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from a11y import check_window
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.audit import AuditAction
from sylcollect.reports import ConsentRequest, load_templates, render_consent
from sylcollect.reports.templates import Variant

CANARY = "Zebedee Quartermaine-Oyelaran"


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    yield ws
    if not ws.locked:
        ws.lock()


@pytest.fixture(scope="module")
def consent_pdf() -> bytes:
    from sylcollect.services.study_files import load_demo_study

    req = ConsentRequest(Variant.YP16, "YP-001", CANARY, "durham-house")
    return render_consent(load_demo_study(), load_templates(), req)


def pages_of(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def temp_snapshot() -> set[Path]:
    """Files in the system temp folder, less pytest's own tmp_path folders (where the tests
    themselves choose to write)."""
    root = Path(tempfile.gettempdir())
    if not root.exists():
        return set()
    return {
        p
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).parts[0].startswith("pytest-of-")
    }


def assert_no_plaintext_left(before: set[Path]) -> None:
    for path in temp_snapshot() - before:
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        assert not raw.startswith(b"%PDF"), f"a PDF was left in the temp folder: {path}"
        assert CANARY.encode() not in raw, f"the participant's name is in {path}"


def make_view(qtbot, ws, tasks):
    from ui.pdfview import PdfView

    view = PdfView(ws, tasks.run)
    view.resize(900, 700)
    show(qtbot, view)
    return view


def test_preview_shows_every_page_and_navigates(qtbot, unlocked, tasks, consent_pdf) -> None:
    before = temp_snapshot()
    view = make_view(qtbot, unlocked, tasks)
    assert not view.print_button.isVisible()
    view.set_pdf(consent_pdf, "consent-YP-001.pdf")
    n = pages_of(consent_pdf)
    assert n > 1
    assert view.page_count == n and len(view.page_labels) == n
    assert all(not lab.pixmap().isNull() for lab in view.page_labels)
    assert view.page_total.text() == f"of {n}"
    assert view.prev_button.toolTip() == "This is page 1"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 2
    view.go_to(n)
    assert view.current_page() == n
    view.next_button.click()
    assert view.current_page() == n
    width = view.page_labels[0].pixmap().width()
    view.zoom.setCurrentIndex(view.zoom.findText("200%"))
    assert view.page_labels[0].pixmap().width() > width
    assert_no_plaintext_left(before)
    view.clear()
    assert view.page_count == 0 and view.data is None and not view.page_labels


def test_print_to_a_pdf_printer_prints_every_page(qtbot, tmp_path, consent_pdf) -> None:
    from ui.printing import PdfPages, print_pages

    before = temp_snapshot()
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)
    pages = PdfPages(consent_pdf)
    assert print_pages(pages, printer) == pages.count
    pages.close()
    assert pages_of(out.read_bytes()) == pages_of(consent_pdf)
    assert_no_plaintext_left(before)


def test_print_dialog_opens_and_printing_is_audited(qtbot, unlocked, tasks, consent_pdf) -> None:
    from ui.printing import PdfAudit

    with unlocked.transaction() as tx:
        uuid = tx.participants.get("YP-001").uuid
    view = make_view(qtbot, unlocked, tasks)
    view.set_pdf(consent_pdf, "c.pdf", PdfAudit("participant", uuid, {"document": "consent"}))
    view.print_button.click()
    qtbot.waitUntil(lambda: view.print_dialog is not None and view.print_dialog.isVisible())
    assert isinstance(view.print_dialog, QPrintDialog)
    assert view.print_dialog.maxPage() == view.page_count
    view.print_dialog.reject()
    assert not view.print_dialog.isVisible()
    with qtbot.waitSignal(view.printed):
        view._printed(3)  # what the dialog's accept does after printing
    wait_idle(qtbot, tasks)
    with unlocked.transaction() as tx:
        events = tx.audit_log.events(uuid)
    assert events[0].action is AuditAction.EXPORT
    assert events[0].details == {"document": "consent", "printed_pages": 3}


def test_save_writes_only_the_chosen_file_and_is_audited(
    qtbot, unlocked, tasks, consent_pdf, tmp_path, monkeypatch
) -> None:
    from ui.printing import PdfAudit

    before = temp_snapshot()
    with unlocked.transaction() as tx:
        uuid = tx.participants.get("YP-001").uuid
    view = make_view(qtbot, unlocked, tasks)
    audit = PdfAudit("participant", uuid, {"document": "consent form (yp16)"})
    view.set_pdf(consent_pdf, "consent.pdf", audit)
    folder = tmp_path / "chosen"
    folder.mkdir()
    monkeypatch.setattr(
        "ui.pdfview.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(folder / "consent-YP-001"), "PDF documents (*.pdf)"),
    )
    with qtbot.waitSignal(view.saved, timeout=10000) as blocker:
        view.save_button.click()
    assert blocker.args[0] == folder / "consent-YP-001.pdf"
    assert [p.name for p in folder.iterdir()] == ["consent-YP-001.pdf"]
    assert (folder / "consent-YP-001.pdf").read_bytes() == consent_pdf
    assert (folder / "consent-YP-001.pdf").stat().st_mode & 0o077 == 0
    with unlocked.transaction() as tx:
        event = tx.audit_log.events(uuid)[0]
    assert event.action is AuditAction.EXPORT
    assert event.details == {"document": "consent form (yp16)", "file": "consent-YP-001.pdf"}
    assert "personal data" in view.notice.message()
    assert_no_plaintext_left(before)


def test_blank_document_save_is_not_audited(qtbot, unlocked, tasks, tmp_path) -> None:
    from sylcollect.reports import render_recovery_sheet

    data = render_recovery_sheet("A" * 6 + "-B", "Study", "ws", date(2025, 1, 1))
    view = make_view(qtbot, unlocked, tasks)
    view.set_pdf(data, "recovery.pdf")
    with unlocked.transaction() as tx:
        seq = tx.audit_log.events(limit=1)[0].seq
    with qtbot.waitSignal(view.saved, timeout=10000):
        view.save_to(tmp_path / "r.pdf")
    with unlocked.transaction() as tx:
        assert tx.audit_log.events(limit=1)[0].seq == seq
    assert (tmp_path / "r.pdf").read_bytes() == data


def test_accessible(qtbot, unlocked, tasks, consent_pdf) -> None:
    view = make_view(qtbot, unlocked, tasks)
    view.set_pdf(consent_pdf, "c.pdf")
    assert check_window(qtbot, view) == []
