"""The Reports page: each document rendered off the GUI thread and previewed, consent forms
blank or pre-filled (variant from age and role), the support card with a named adult, the
recovery sheet from a typed key, e-consent opened from it, the supervisor's export,
accessibility, and nothing left in the temp folder."""

from __future__ import annotations

from datetime import date

import pytest
from a11y import check_tab_order, check_window
from PySide6.QtCore import QSettings, Qt
from test_pdfview import CANARY, assert_no_plaintext_left, temp_snapshot
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from tests.core.reports.pdftools import pdf_text

SITE = "durham-house"


@pytest.fixture
def unlocked(locked_ws):
    ws = locked_ws.unlock("ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("YP-009", SITE, Role.YOUNG_PERSON, Identity(CANARY, date(2011, 4, 2)))
    yield ws
    if not ws.locked:
        ws.lock()


@pytest.fixture
def page(qtbot, unlocked, tasks, tmp_path, qapp):
    from ui import theme
    from ui.nav import Services
    from ui.pages.reports import ReportsPage
    from ui.pages.settings_prefs import Preferences

    prefs = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    services = Services(unlocked, tasks, unlocked.study, "ann", unlocked.user_role(), prefs)
    page = ReportsPage(services)
    page.resize(1280, 800)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.choices is not None, timeout=15000)
    yield page
    page.view.clear()
    theme.apply(qapp, theme.LIGHT)


def preview(qtbot, page, tasks):
    page.preview_button.click()
    assert page.busy.isVisibleTo(page) or page.rendered is not None
    wait_idle(qtbot, tasks)


def test_participant_and_site_summaries(qtbot, page, tasks) -> None:
    before = temp_snapshot()
    page.kind.buttons["participant"].setChecked(True)
    page.person.setCurrentIndex(page.person.findData("YP-001"))
    preview(qtbot, page, tasks)
    assert page.view.page_count >= 1 and not page.busy.isVisibleTo(page)
    assert page.rendered.audit.entity == "participant"
    page.kind.buttons["site"].setChecked(True)
    preview(qtbot, page, tasks)
    assert page.rendered.file_name == f"site-summary-{SITE}.pdf"
    assert page.rendered.audit.entity == "site"
    assert_no_plaintext_left(before)


def test_consent_forms_blank_and_prefilled(qtbot, page, tasks, unlocked, tmp_path) -> None:
    page.kind.buttons["consent"].setChecked(True)
    page.consent_person.setCurrentIndex(0)  # blank
    assert not page.sign_button.isVisibleTo(page)
    page.variant.setCurrentIndex(page.variant.findData("assent"))
    preview(qtbot, page, tasks)
    assert page.rendered.audit is None and page.view.page_count > 1
    # no date of birth and no form chosen: said in words
    page.consent_person.setCurrentIndex(page.consent_person.findData("YP-001"))
    page.variant.setCurrentIndex(0)
    preview(qtbot, page, tasks)
    assert "date of birth" in page.notice.message()
    # from age (under 16 -> assent), with the name printed: saved copy audited
    page.consent_person.setCurrentIndex(page.consent_person.findData("YP-009"))
    page.with_name.setChecked(True)
    preview(qtbot, page, tasks)
    assert page.rendered.audit.details == {
        "document": "consent form (assent)",
        "name_printed": True,
    }
    with qtbot.waitSignal(page.view.saved, timeout=10000):
        page.view.save_to(tmp_path / "consent.pdf")
    with unlocked.transaction() as tx:
        uuid = tx.participants.get("YP-009").uuid
        actions = [e.action for e in tx.audit_log.events(uuid)]
    assert actions[0] is AuditAction.EXPORT and AuditAction.VIEW_IDENTITY in actions


def test_questionnaire_any_form_and_version(qtbot, page, tasks) -> None:
    page.kind.buttons["form"].setChecked(True)
    page.form.setCurrentIndex(page.form.findData("gad7"))
    assert page.version.count() >= 1
    preview(qtbot, page, tasks)
    assert page.rendered.file_name.startswith("gad7-v") and page.rendered.audit is None
    assert page.view.page_count >= 1


def test_recovery_sheet_needs_the_key_typed(qtbot, page, tasks, demo_folder) -> None:
    page.kind.buttons["recovery"].setChecked(True)
    page.preview_button.click()
    assert "recovery key" in page.notice.message()
    qtbot.keyClicks(page.recovery_key, "not a key")
    preview(qtbot, page, tasks)
    assert "36 letters" in page.notice.message()
    qtbot.keyClicks(page.recovery_key, demo_folder.recovery_key)
    preview(qtbot, page, tasks)
    assert page.recovery_key.text() == ""  # never kept
    assert page.view.page_count == 1 and not page.view.save_button.isVisibleTo(page)


def test_support_card_by_keyboard(qtbot, page, tasks, unlocked, tmp_path) -> None:
    before = temp_snapshot()
    page.kind.buttons["form"].setChecked(True)
    page.kind.buttons["form"].setFocus()
    qtbot.keyClick(page.kind.buttons["form"], Qt.Key.Key_Down)  # arrow keys inside the group
    assert page.kind.value() == "card" and page.card_adult.isVisibleTo(page)
    assert not page.recovery_key.isVisibleTo(page)
    order = [page.kind.buttons["card"], page.card_site, page.card_adult, page.preview_button]
    assert check_tab_order(qtbot, order) == []
    assert page.card_site.currentData() is None  # any site: the card names none
    page.card_site.setCurrentIndex(page.card_site.findData(SITE))
    page.card_adult.setFocus()
    qtbot.keyClicks(page.card_adult, "Sam Okonkwo")
    qtbot.keyClick(page.card_adult, Qt.Key.Key_Return)  # Enter previews
    wait_idle(qtbot, tasks)
    assert page.view.page_count == 1 and page.view.save_button.isVisibleTo(page)
    text = pdf_text(page.view.data)
    assert text.count("Talk to Sam Okonkwo") == 8 and text.count("Childline 0800 1111") == 8
    for word in (unlocked.study.name, "Durham", "exploitation", "research", "study", "YP-"):
        assert word.lower() not in text.lower(), word
    assert page.rendered.file_name == f"support-cards-{SITE}.pdf"
    details = {"document": "support card", "site": SITE, "adult_named": True}
    assert page.rendered.audit.entity == "site" and page.rendered.audit.details == details
    with qtbot.waitSignal(page.view.saved, timeout=10000):
        page.view.save_to(tmp_path / "cards.pdf")
    with unlocked.transaction() as tx:
        event = tx.audit_log.events(limit=1)[0]
    assert event.action is AuditAction.EXPORT and event.details == {**details, "file": "cards.pdf"}
    assert_no_plaintext_left(before)
    page.clear()
    assert page.card_adult.text() == "" and page.card_site.count() == 0


def test_support_card_too_long_a_name_is_said(qtbot, page, tasks) -> None:
    page.kind.buttons["card"].setChecked(True)
    assert page.card_adult.maxLength() == 40
    page.card_adult.setText("W" * 40)  # fits the field, not the card
    preview(qtbot, page, tasks)
    assert "too long" in page.notice.message() and page.rendered is None


def test_sign_on_screen_opens_the_econsent(qtbot, page, tasks) -> None:
    from ui.dialogs.econsent import EConsentDialog

    page.kind.buttons["consent"].setChecked(True)
    page.consent_person.setCurrentIndex(page.consent_person.findData("YP-009"))
    page.with_name.setChecked(False)
    assert page.sign_button.isVisibleTo(page)
    page.sign_button.click()
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: isinstance(page.dialog, EConsentDialog))
    assert len(page.dialog.blocks) == 3  # assent: young person, adult where needed, researcher
    page.dialog.reject()


def test_supervisor_export_and_lock_clears(qtbot, page, tasks) -> None:
    from ui.dialogs.export import ExportDialog

    assert page.export_button is not None  # ann set the workspace up: a supervisor
    page.export_button.click()
    assert isinstance(page.dialog, ExportDialog)
    page.dialog.reject()
    page.kind.buttons["participant"].setChecked(True)
    preview(qtbot, page, tasks)
    page.clear()
    assert page.view.data is None and page.person.count() == 0 and page.choices is None


def test_page_accessible(qtbot, page, tasks) -> None:
    preview(qtbot, page, tasks)
    for kind in ("participant", "consent", "card", "recovery"):
        page.kind.buttons[kind].setChecked(True)
        assert check_window(qtbot, page) == []


def test_consent_forms_use_the_studys_own_templates(qtbot, unlocked, tasks) -> None:
    """Templates from the study package (stored in the workspace) are what the Reports page
    and its on-screen e-consent print, not the built-in demo set."""
    from sylcollect.reports.templates import Variant, default_folder, template_files
    from sylcollect.storage.workspace import store_templates
    from ui.pages.reports_data import load_choices, render_consent_form

    files = template_files(default_folder())
    files["study.toml"] = files["study.toml"].replace("IASR-DEMO-2025-01", "NREC-OURS-2026-5")
    with unlocked.transaction() as tx:
        store_templates(tx.session, files)
    choices = load_choices(unlocked)
    assert choices.templates.get(Variant.STAFF).values["ethics_ref"] == "NREC-OURS-2026-5"
    rendered = render_consent_form(unlocked, choices.templates, None, Variant.STAFF, False, True)
    assert "NREC-OURS-2026-5" in pdf_text(rendered.data)
