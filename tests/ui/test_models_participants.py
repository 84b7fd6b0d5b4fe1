"""The participants table model, without a window: columns, roles, filtering (wave due too),
sorting, 50k."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from sylcollect.domain.participant import Participant
from sylcollect.domain.study import Role
from sylcollect.domain.waves import NextWave
from ui.models.participants import (
    ANY_WAVE_DUE,
    CODE,
    COLUMNS,
    CONSENT,
    ENROLLED,
    NEXT_WAVE,
    ROLE,
    SITE,
    STATUS,
    CodeRole,
    ConsentState,
    EntryRole,
    ParticipantEntry,
    ParticipantFilter,
    ParticipantRole,
    ParticipantsModel,
    SortRole,
)

SITES = {"s1": "Durham House", "s2": "Safe Steps"}
START = datetime(2025, 1, 1, tzinfo=UTC)


TODAY = date(2026, 3, 1)
BASELINE_DUE = NextWave("baseline", "Baseline", date(2026, 3, 1), 0)
EARLY_OVERDUE = NextWave("early", "Early milestone", date(2026, 2, 1), 28)
EARLY_LATER = NextWave("early", "Early milestone", date(2026, 9, 1), -184)


def entry(
    n: int,
    *,
    site="s1",
    role=Role.YOUNG_PERSON,
    consent=ConsentState.GIVEN,
    gone=False,
    wave: NextWave | None = None,
):
    p = Participant(
        uuid=f"u{n}",
        code=f"YP-{n:05d}",
        site_id=site,
        role=None if gone else role,
        created_at=START + timedelta(days=n % 400),
        withdrawn_at=START if gone else None,
    )
    return ParticipantEntry(p, ConsentState.UNKNOWN if gone else consent, wave)


def synthetic(n: int) -> list[ParticipantEntry]:
    roles = list(Role)
    states = [ConsentState.GIVEN, ConsentState.NONE, ConsentState.WITHDRAWN]
    waves = [BASELINE_DUE, EARLY_OVERDUE, EARLY_LATER, None]
    return [
        entry(
            i,
            site="s1" if i % 3 else "s2",
            role=roles[i % len(roles)],
            consent=states[i % 3],
            gone=i % 50 == 0,
            wave=None if i % 50 == 0 else waves[i % 4],
        )
        for i in range(n)
    ]


@pytest.fixture
def model(qapp):
    m = ParticipantsModel()
    m.set_entries(
        [
            entry(3, site="s2", role=Role.STAFF, consent=ConsentState.NONE, wave=EARLY_LATER),
            entry(1, wave=BASELINE_DUE),
            entry(2, gone=True),
        ],
        SITES,
    )
    return m


def test_columns_and_headers(model) -> None:
    assert model.columnCount() == len(COLUMNS) == 7
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in COLUMNS]
    assert headers == ["Code", "Site", "Role", "Status", "Consent", "Next wave", "Enrolled"]
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree


def test_display_values_sorted_by_code(model) -> None:
    rows = [[model.index(r, c).data() for c in COLUMNS] for r in range(3)]
    assert rows[0] == [
        "YP-00001",
        "Durham House",
        "Young person",
        "Active",
        "Consent given",
        "Baseline · due today",
        "2025-01-02",
    ]
    assert rows[1][STATUS] == "Withdrawn" and rows[1][ROLE] == "—"
    assert rows[1][CONSENT] == "Not readable" and rows[1][NEXT_WAVE] == "—"
    assert rows[2][SITE] == "Safe Steps" and rows[2][CONSENT] == "No consent recorded"
    assert rows[2][NEXT_WAVE] == "Early milestone · due 2026-09-01"


def test_next_wave_column_says_when_it_is_due(qapp) -> None:
    m = ParticipantsModel()
    m.set_entries([entry(1, wave=EARLY_OVERDUE), entry(2)], SITES)
    cell = m.index(0, NEXT_WAVE)
    assert cell.data() == "Early milestone · overdue since 2026-02-01"
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == cell.data()
    tip = "Early milestone · overdue since 2026-02-01\nCounted from the day they were enrolled."
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == tip
    assert m.index(1, NEXT_WAVE).data() == "—"  # every wave done
    assert m.index(1, NEXT_WAVE).data(Qt.ItemDataRole.ToolTipRole) is None


def test_roles(model) -> None:
    index = model.index(0, SITE)
    p = index.data(ParticipantRole)
    assert isinstance(p, Participant) and p.code == "YP-00001"
    assert index.data(CodeRole) == "YP-00001"
    assert index.data(EntryRole).consent is ConsentState.GIVEN
    assert index.data(SortRole) == "durham house"
    assert model.index(1, CONSENT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.data(QModelIndex()) is None
    assert model.flags(index) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable


def codes(model) -> list[str]:
    return [model.index(r, CODE).data() for r in range(model.rowCount())]


def test_filters(model, qtbot) -> None:
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(ParticipantFilter(text="0002"))
    assert codes(model) == ["YP-00002"]
    model.set_filter(ParticipantFilter(text="yp-"))  # case-insensitive
    assert len(codes(model)) == 3
    model.set_filter(ParticipantFilter(site_id="s2"))
    assert codes(model) == ["YP-00003"]
    model.set_filter(ParticipantFilter(role=Role.STAFF.value))
    assert codes(model) == ["YP-00003"]
    model.set_filter(ParticipantFilter(consent=ConsentState.GIVEN.value))
    assert codes(model) == ["YP-00001"]
    model.set_filter(ParticipantFilter(withdrawn=True))
    assert codes(model) == ["YP-00002"]
    model.set_filter(ParticipantFilter(withdrawn=False, text="YP"))
    assert codes(model) == ["YP-00001", "YP-00003"]
    model.set_filter(ParticipantFilter(text="nobody"))
    assert model.rowCount() == 0 and model.total == 3
    model.set_filter(ParticipantFilter())
    assert model.rowCount() == 3
    assert model.row_of("YP-00003") == 2 and model.row_of("nope") == -1


@pytest.fixture
def waves_model(qapp):
    """Five people: baseline due, early milestone overdue, early later, all done, withdrawn."""
    m = ParticipantsModel()
    m.set_entries(
        [
            entry(1, wave=BASELINE_DUE),
            entry(2, site="s2", wave=EARLY_OVERDUE),
            entry(3, wave=EARLY_LATER),
            entry(4, role=Role.STAFF, consent=ConsentState.NONE),  # every wave done
            entry(5, gone=True),
        ],
        SITES,
    )
    return m


def test_filter_by_wave_due(waves_model) -> None:
    m = waves_model
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE))  # due today or overdue
    assert codes(m) == ["YP-00001", "YP-00002"]
    m.set_filter(ParticipantFilter(wave_due="baseline"))
    assert codes(m) == ["YP-00001"]
    m.set_filter(ParticipantFilter(wave_due="early"))  # YP-00003's is not due yet
    assert codes(m) == ["YP-00002"]
    m.set_filter(ParticipantFilter(wave_due="medium"))
    assert codes(m) == []
    m.set_filter(ParticipantFilter())
    assert m.rowCount() == 5


def test_wave_due_combines_with_the_other_filters(waves_model) -> None:
    m = waves_model
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, site_id="s1"))
    assert codes(m) == ["YP-00001"]
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, text="2"))
    assert codes(m) == ["YP-00002"]
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, text="25"))  # narrows the search
    assert codes(m) == []
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, withdrawn=True))
    assert codes(m) == []  # the withdrawn take no more waves
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, role=Role.YOUNG_PERSON.value))
    assert codes(m) == ["YP-00001", "YP-00002"]
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE, consent=ConsentState.NONE.value))
    assert codes(m) == []


def test_changing_the_wave_filter_is_not_a_narrowing_search() -> None:
    due = ParticipantFilter(text="YP-1", wave_due=ANY_WAVE_DUE)
    assert due.narrows(ParticipantFilter(text="YP", wave_due=ANY_WAVE_DUE))
    assert not due.narrows(ParticipantFilter(text="YP"))
    assert not ParticipantFilter(text="YP-1").narrows(ParticipantFilter(wave_due="early"))


def test_sort_by_next_wave_puts_the_soonest_due_first(waves_model) -> None:
    m = waves_model
    m.sort(NEXT_WAVE, Qt.SortOrder.AscendingOrder)
    assert codes(m) == ["YP-00002", "YP-00001", "YP-00003", "YP-00004", "YP-00005"]
    assert m.index(0, NEXT_WAVE).data(SortRole) == date(2026, 2, 1)
    m.set_filter(ParticipantFilter(wave_due=ANY_WAVE_DUE))
    assert codes(m) == ["YP-00002", "YP-00001"]


def test_narrowing_and_widening_give_the_same_rows_as_a_fresh_filter(qapp) -> None:
    m = ParticipantsModel()
    m.set_entries(synthetic(2000), SITES)
    for text in ("1", "12", "123", "12", "", "9"):
        m.set_filter(ParticipantFilter(text=text, site_id="s1"))
        fresh = ParticipantsModel()
        fresh.set_entries(m.entries(), SITES)
        fresh.set_filter(ParticipantFilter(text=text, site_id="s1"))
        assert codes(m) == codes(fresh)


def test_sorting_keeps_the_filter(model) -> None:
    model.set_filter(ParticipantFilter(withdrawn=False))
    model.sort(CODE, Qt.SortOrder.DescendingOrder)
    assert codes(model) == ["YP-00003", "YP-00001"]
    model.sort(SITE, Qt.SortOrder.AscendingOrder)
    assert codes(model) == ["YP-00001", "YP-00003"]
    model.sort(ENROLLED, Qt.SortOrder.DescendingOrder)
    assert codes(model) == ["YP-00003", "YP-00001"]
    model.set_filter(ParticipantFilter())
    assert codes(model) == ["YP-00003", "YP-00002", "YP-00001"]


def test_clear_forgets_everyone(model) -> None:
    model.clear()
    assert model.rowCount() == 0 and model.total == 0 and model.entries() == []


def test_50k_rows_filter_quickly(qapp) -> None:
    m = ParticipantsModel()
    rows = synthetic(50_000)
    start = time.perf_counter()
    m.set_entries(rows, SITES)
    load = time.perf_counter() - start
    assert m.rowCount() == 50_000
    timings = []
    for text in ("Y", "YP", "YP-1", "YP-12", "YP-123", "YP-12", "4"):
        start = time.perf_counter()
        m.set_filter(ParticipantFilter(text=text, withdrawn=False))
        timings.append(time.perf_counter() - start)
    assert m.rowCount() == sum(1 for r in rows if "4" in r.code and not r.participant.withdrawn)
    for wave in (ANY_WAVE_DUE, "early", "baseline", ""):  # the wave-due filter, changed
        start = time.perf_counter()
        m.set_filter(ParticipantFilter(text="4", withdrawn=False, wave_due=wave))
        timings.append(time.perf_counter() - start)
    due = [r for r in rows if "4" in r.code and r.next_wave is not None and r.next_wave.due]
    m.set_filter(ParticipantFilter(text="4", wave_due=ANY_WAVE_DUE))
    assert m.rowCount() == len(due) > 0
    assert max(timings) < 0.1, timings  # generous for slow CI; typical is a few ms
    assert load < 2.0
