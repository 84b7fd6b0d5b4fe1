"""Home = today's work: waves due (pure function), drafts, alerts, sync state; the page with a
real workspace, Resume to the Collect page, clearing on lock, accessibility; the sync card
following the session's SyncWatch."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from a11y import check_window
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures
from test_sync_support import laptop  # noqa: F401 - fixture
from ui_helpers import show, wait_idle

from sylcollect.domain.participant import Participant
from sylcollect.domain.record import Alert, Record, RecordStatus, SubjectKind
from sylcollect.domain.study import Role, Wave
from ui.pages.home_data import (
    DraftLine,
    SyncLine,
    TodaysWork,
    WaveDue,
    add_months,
    today_from,
    waves_due,
)

WAVES = (Wave("w12", "Month 12", 12), Wave("base", "Baseline", 0), Wave("w6", "Month 6", 6))


def person(code: str, enrolled: date, withdrawn: bool = False) -> Participant:
    at = datetime(enrolled.year, enrolled.month, enrolled.day, 10, tzinfo=UTC)
    return Participant(
        uuid=f"uuid-{code}",
        code=code,
        site_id="s1",
        role=None if withdrawn else Role.YOUNG_PERSON,
        created_at=at,
        withdrawn_at=at if withdrawn else None,
    )


def record(code: str, wave: str | None, status: RecordStatus = RecordStatus.FINAL, **kw) -> Record:
    return Record(
        f"r-{code}-{wave}-{status.value}",
        "phq9",
        "1",
        SubjectKind.PARTICIPANT,
        "s1",
        participant_uuid=f"uuid-{code}",
        wave_id=wave,
        status=status,
        **kw,
    )


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 15), 6) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 1), 0) == date(2026, 3, 1)


def test_waves_due() -> None:
    today = date(2026, 9, 1)
    people = [
        person("A", date(2026, 9, 1)),  # baseline due today
        person("B", date(2026, 1, 10)),  # baseline done, month 6 due 10 Jul
        person("C", date(2026, 6, 1)),  # baseline done, month 6 not due until December
        person("D", date(2025, 6, 1)),  # every wave done
        person("E", date(2025, 1, 1), withdrawn=True),  # withdrawn: never due
        person("F", date(2026, 8, 30)),  # baseline: a draft only
    ]
    records = [
        record("B", "base"),
        record("C", "base"),
        *(record("D", w.id) for w in WAVES),
        record("F", "base", RecordStatus.DRAFT),
        record("A", None),  # a record without a wave counts for none
    ]
    due = waves_due(people, WAVES, records, today)
    assert [(d.participant_code, d.wave_id, d.days_overdue, d.draft_started) for d in due] == [
        ("B", "w6", 53, False),
        ("F", "base", 2, True),
        ("A", "base", 0, False),
    ]
    assert due[0].due_on == date(2026, 7, 10) and due[0].wave_name == "Month 6"


def test_today_from_lists_drafts_and_alerts(demo_study) -> None:
    people = [person("A", date(2026, 9, 1))]
    ok = Alert("r1", "Already dealt with", "ann", datetime(2026, 9, 1, tzinfo=UTC), "called")
    draft = record(
        "A",
        "baseline",
        RecordStatus.DRAFT,
        answers={"a": 1, "b": ""},
        alerts=(Alert("r2", "Talk to the lead"), ok),
    )
    draft = Record(**{**draft.__dict__, "form_version": demo_study.forms[2].version})
    work = today_from(demo_study, people, [draft], date(2026, 9, 1))
    assert [d.alerts_waiting for d in work.drafts] == [1]
    assert work.drafts[0].answered == 1 and work.drafts[0].participant_code == "A"
    assert [a.message for a in work.alerts] == ["Talk to the lead"]
    assert work.waves_due[0].draft_started
    gone = Alert("r3", "Answers changed", holds=False, cleared_at=datetime(2026, 9, 1, tzinfo=UTC))
    later = Record(**{**draft.__dict__, "alerts": (gone,)})
    [line] = today_from(demo_study, people, [later], date(2026, 9, 1)).alerts
    assert line.message == "Answers changed" and line.holds is False  # still to be seen


def sample_work(sync: SyncLine | None) -> TodaysWork:
    due = WaveDue("YP-009", "u9", "s1", "early", "Early milestone", date(2026, 7, 1), 62, False)
    drafts = (
        DraftLine("d1", "PHQ-9", "YP-009", "Baseline", datetime(2026, 9, 1, 14, 2), 4, 1),
        DraftLine("d2", "Staff survey", None, None, None, 0, 0),
    )
    return TodaysWork((due,), 1, drafts, 2, (), sync)


class FakeCollect(QMainWindow):
    """A main window with a Collect page that records which draft it was asked to resume."""

    def __init__(self, home) -> None:
        super().__init__()
        self.specs = [type("Spec", (), {"key": "collect"})()]
        self.resumed: list[str] = []
        self.shown: list[str] = []
        self.setCentralWidget(home)

    def page(self, key: str):
        return self if key == "collect" else None

    def show_page(self, key: str) -> None:
        self.shown.append(key)

    def resume(self, uuid: str) -> None:
        self.resumed.append(uuid)


def summary_with(work: TodaysWork):
    from ui.pages.home import HomeSummary

    return HomeSummary("demo", "Demo study", 1, (), (), (), 1, 0, 0, today=work)


def test_resume_opens_the_draft_on_the_collect_page(qtbot) -> None:
    from ui.pages.home import HomePage

    home = HomePage()
    window = FakeCollect(home)
    window.resize(1200, 1100)
    show(qtbot, window)
    home.show_summary(summary_with(sample_work(None)))
    buttons = home.today.resume_buttons
    assert [b.accessibleName() for b in buttons] == [
        "Resume PHQ-9 · YP-009 · Baseline",
        "Resume Staff survey · no participant",
    ]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    buttons[1].setFocus()
    qtbot.keyClick(buttons[1], Qt.Key.Key_Space)
    assert window.resumed == ["d1", "d2"] and window.shown == ["collect", "collect"]
    text = home.text_content()
    assert "YP-009" in text and "due 2026-07-01 · 62 days ago" in text
    assert "This laptop can't sync" in text
    assert check_window(qtbot, window) == []


def test_without_a_collect_page_drafts_are_only_listed(qtbot) -> None:
    from ui.pages.home import HomePage

    home = HomePage()
    show(qtbot, home)
    sync = SyncLine(3, "2026-09-01T12:00:00+00:00", "/no/such/folder", False, None)
    home.show_summary(summary_with(sample_work(sync)))
    assert home.today.resume_buttons == []
    text = home.text_content()
    assert "PHQ-9 · YP-009 · Baseline" in text
    assert "3 changes waiting to sync" in text and "Last sync: " in text
    assert "Offline · the export folder isn't reachable" in text
    home.clear()
    assert home.today is None and home.text_content() == ""


def test_home_in_the_main_window_shows_todays_work(qtbot, unlocked, tasks, tmp_path) -> None:
    from ui.windows.main_window import MainWindow

    site = unlocked.study.sites[0].id
    phq = next(f for f in unlocked.study.forms if f.id == "phq9")
    with unlocked.transaction() as tx:
        yp1 = tx.participants.get("YP-001")
        tx.records.add(
            Record(
                "",
                "phq9",
                phq.version,
                SubjectKind.PARTICIPANT,
                site,
                participant_uuid=yp1.uuid,
                wave_id="baseline",
                status=RecordStatus.DRAFT,
                answers={"phq9_1": "1"},
                alerts=(Alert("risk", "Speak to the safeguarding lead today"),),
            )
        )
    window = MainWindow(unlocked, tasks, 60_000)
    show(qtbot, window)
    qtbot.waitUntil(
        lambda: window.home is not None and window.home.summary is not None, timeout=15000
    )
    home = window.home
    text = home.text_content()
    assert "2 participants have a wave due" in text  # both enrolled today: baseline due
    assert "draft started" in text  # YP-001's baseline has a draft
    assert "Speak to the safeguarding lead today" in text
    assert "This laptop can't sync" in text  # made without a study package: no bundles
    assert home.summary.records == 1
    window.lock()
    wait_idle(qtbot, tasks)
    assert "YP-001" not in home.text_content() and home.today is None


# --- the sync card follows the session's SyncWatch ------------------------------------


class FakeWatch(QObject):
    """Stands in for ui.sync_watch.SyncWatch: its state_changed signal, and refresh()."""

    state_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def watch_state(waiting: int, last: str | None, target: str, online: bool | None, **kw):
    from sylcollect.sync.outbox import SyncStatus, Waiting
    from ui.sync_watch import SyncState

    status = SyncStatus("dev", Waiting(waiting, 0, 0, 0, 0, 0, 0), 0, 0, last, None, None, None, 1)
    return SyncState(target=target, online=online, status=status, **kw)


def test_the_sync_card_changes_with_the_watch_without_reloading(qtbot, tmp_path) -> None:
    from ui.pages.home import HomePage

    home = HomePage()
    show(qtbot, home)
    watch = FakeWatch()
    home.follow_sync(watch)
    folder = str(tmp_path)
    home.show_summary(summary_with(sample_work(SyncLine(8, None, folder, True, None))))
    assert watch.refreshed == 1  # shown: the watch reads the outbox again
    today = home.today
    text = home.text_content()
    assert "8 changes waiting to sync" in text and "Never synced yet" in text
    watch.state_changed.emit(watch_state(8, None, folder, True, syncing=True))
    assert "Syncing now…" in home.text_content()
    watch.state_changed.emit(watch_state(0, "2026-09-01T23:28:00+00:00", folder, True))
    text = home.text_content()
    assert home.today is today and watch.refreshed == 1  # the same page, not reloaded
    assert "Nothing waiting to sync" in text and "Last sync: 1 Sep 2026" in text
    assert "Never synced yet" not in text and "8 changes" not in text
    assert "Export folder reachable" in text and "Syncing" not in text
    watch.state_changed.emit(watch_state(2, None, "https://example.org/s", False, error="Nope"))
    text = home.text_content()
    assert "2 changes waiting to sync" in text and "Last attempt failed: Nope" in text
    assert "Offline · the web target can't be reached" in text
    before = home.text_content()
    watch.state_changed.emit(replace(watch_state(0, None, folder, True), status=None))
    assert home.text_content() == before  # the watch hasn't read the outbox yet: no change
    assert check_window(qtbot, home) == []
    home.clear()
    watch.state_changed.emit(watch_state(0, None, folder, True))
    assert home.text_content() == ""


def test_home_follows_an_automatic_sync(qtbot, laptop, tasks, tmp_path) -> None:
    """The status bar said "All synced" while Home still said "8 changes waiting"."""
    import shutil

    from test_sync_support import enrol, settings

    from ui.pages.settings_prefs import Preferences
    from ui.windows.main_window import MainWindow

    enrol(laptop.ws, "DH-001", "DH-002")
    shutil.rmtree(laptop.export)  # unplugged: nothing can sync yet
    window = MainWindow(laptop.ws, tasks, 60_000, Preferences(settings(tmp_path, "p.ini")))
    show(qtbot, window)
    qtbot.waitUntil(
        lambda: window.home is not None and window.home.today is not None, timeout=15000
    )
    home = window.home
    qtbot.waitUntil(lambda: "changes waiting to sync" in home.text_content(), timeout=15000)
    assert "Never synced yet" in home.text_content()
    watch = window.sync_watch
    qtbot.waitUntil(lambda: watch.state.online is False and not watch._probing, timeout=15000)
    laptop.export.mkdir()  # plugged in again: the watch syncs by itself
    watch.check_now()
    status = window.status
    qtbot.waitUntil(lambda: status.text().startswith("Online · All synced · "), timeout=15000)
    qtbot.waitUntil(lambda: "Nothing waiting to sync" in home.text_content(), timeout=15000)
    text = home.text_content()
    assert "Last sync: " in text and "Never synced yet" not in text
    assert "Export folder reachable" in text
    window.lock()
    wait_idle(qtbot, tasks)


# --- an alert whose answers changed after it was raised -------------------------------


def test_an_alert_that_no_longer_holds_says_so_on_home(qtbot) -> None:
    from ui.pages.home import HomePage
    from ui.pages.home_data import AlertLine

    alerts = (
        AlertLine("r1", "PHQ-9", "YP-009", "Follow up today", holds=False),
        AlertLine("r2", "Check-in", None, "Talk to the lead"),
    )
    home = HomePage()
    show(qtbot, home)
    home.show_summary(summary_with(replace(sample_work(None), alerts=alerts)))
    lines = home.text_content().splitlines()
    assert "YP-009 · PHQ-9: Follow up today (no longer applies after the answers changed)" in lines
    assert "no participant · Check-in: Talk to the lead" in lines  # still holds: as before
