"""The observations and indicators table models and the plausibility rule, without a window."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from sylcollect.domain.observation import Observation
from sylcollect.domain.record import Record, SubjectKind
from ui.models.indicators import (
    INDICATORS,
    JUMP_ROLE,
    IndicatorReturn,
    IndicatorsModel,
    Jump,
    implausible_changes,
    jump_text,
    next_month,
    previous_month,
    returns_by_site,
)
from ui.models.observations import (
    OBSERVATION_ROLE,
    ObservationFilter,
    ObservationsModel,
    duration_text,
)


def obs(site, activity, when, minutes=60, tags=(), milestones=()):
    return Observation("", site, activity, when, minutes, (), "", tags, milestones, "ann")


@pytest.fixture
def observations():
    return [
        obs("a", "Group work", datetime(2025, 3, 3, 10), 90, ("Engagement",), ("m1",)),
        obs("a", "Education", datetime(2025, 4, 8, 10), 45, ("Challenge",), ("m1", "m2")),
        obs("b", "Leisure", datetime(2025, 5, 1, 10), 120, ("engagement",), ()),
    ]


def test_observations_model_rows_and_columns(qapp, observations) -> None:
    model = ObservationsModel()
    model.set_observations(observations, {"a": "Site A", "b": "Site B"})
    assert (model.rowCount(), model.columnCount()) == (3, 6)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Date", "Site", "Activity", "Duration", "Milestones", "Tags"]
    first = [model.index(0, c).data() for c in range(6)]
    assert first == ["01 May 2025 10:00", "Site B", "Leisure", "2 h", "0", "engagement"]
    assert model.index(1, ObservationsModel.MILESTONES).data() == "2"
    assert (
        model.index(1, ObservationsModel.MILESTONES).data(Qt.ItemDataRole.AccessibleTextRole)
        == "2 milestones"
    )
    assert model.index(2, 0).data(OBSERVATION_ROLE) is observations[0]


def test_observations_model_sorts(qapp, observations) -> None:
    model = ObservationsModel()
    model.set_observations(observations, {})
    model.sort(ObservationsModel.DURATION, Qt.SortOrder.AscendingOrder)
    assert [o.duration_minutes for o in model.observations()] == [45, 90, 120]
    model.sort(ObservationsModel.ACTIVITY, Qt.SortOrder.AscendingOrder)
    assert [o.activity_type for o in model.observations()] == ["Education", "Group work", "Leisure"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (ObservationFilter(), {"Group work", "Education", "Leisure"}),
        (ObservationFilter(site_id="a"), {"Group work", "Education"}),
        (ObservationFilter(tag="ENGAGEMENT"), {"Group work", "Leisure"}),
        (ObservationFilter(milestone_id="m2"), {"Education"}),
        (ObservationFilter(date_from=date(2025, 4, 8)), {"Education", "Leisure"}),
        (ObservationFilter(date_to=date(2025, 4, 8)), {"Group work", "Education"}),
        (ObservationFilter(site_id="a", tag="Engagement", milestone_id="m1"), {"Group work"}),
        (ObservationFilter(site_id="b", milestone_id="m1"), set()),
    ],
)
def test_observation_filters(qapp, observations, flt, expected) -> None:
    model = ObservationsModel()
    model.set_observations(observations, {})
    model.set_filter(flt)
    assert {o.activity_type for o in model.observations()} == expected
    assert model.total == 3
    assert flt.active == (flt != ObservationFilter())


def test_observations_model_add_and_clear(qapp, observations) -> None:
    model = ObservationsModel()
    model.set_filter(ObservationFilter(site_id="a"))
    model.set_observations(observations[:1], {})
    model.add(observations[2])  # filtered out
    assert (model.rowCount(), model.total) == (1, 2)
    model.clear()
    assert (model.rowCount(), model.total) == (0, 0)


def test_duration_text() -> None:
    assert [duration_text(m) for m in (5, 60, 90, 150)] == [
        "5 min",
        "1 h",
        "1 h 30 min",
        "2 h 30 min",
    ]


# --- indicators -----------------------------------------------------------------------------
def values(**kw):
    return {name: kw.get(name, 2) for name in INDICATORS}


@pytest.mark.parametrize(
    ("now", "before", "kind"),
    [
        (13, 4, "rise"),  # more than 3x and +9
        (12, 4, None),  # exactly 3x is not "more than"
        (4, 1, None),  # 4x but only +3
        (5, 0, "rise"),  # from nothing, by 5
        (4, 0, None),
        (4, 40, "fall"),  # a dropped digit
        (2, 6, None),  # a third, but only -4
        (46, 40, None),
        (None, 4, None),  # not entered yet
        (7, None, None),  # no figure last month
    ],
)
def test_jump_rule_for_counts(now, before, kind) -> None:
    current = values(incidents=now)
    previous = values(incidents=before)
    jumps = [j for j in implausible_changes(current, previous) if j.indicator == "incidents"]
    assert [j.kind for j in jumps] == ([kind] if kind else [])


def test_jump_rule_without_a_previous_month() -> None:
    assert implausible_changes(values(incidents=50), None) == ()


@pytest.mark.parametrize(("leavers", "flagged"), [(8, False), (9, True)])
def test_staff_movements_rule(leavers, flagged) -> None:
    jumps = implausible_changes(values(staff_leavers=leavers), values(staff_leavers=7))
    assert (Jump("staff_leavers", leavers, 7, "staff") in jumps) == flagged
    joiners = implausible_changes(values(staff_joiners=leavers), None)
    assert bool(joiners) == flagged


def test_jump_words() -> None:
    assert jump_text(Jump("incidents", 13, 4, "rise")) == (
        "Check this: 13 is more than 3 times last month (4)."
    )
    assert "less than a third" in jump_text(Jump("incidents", 4, 40, "fall"))
    assert "staff in one month" in jump_text(Jump("staff_leavers", 9, None, "staff"))


def test_months() -> None:
    assert previous_month(date(2025, 1, 1)) == date(2024, 12, 1)
    assert next_month(date(2024, 12, 1)) == date(2025, 1, 1)


def record(site, month, created, **answers):
    return Record(
        uuid=f"{site}-{month}-{created}",
        form_id="site_indicators",
        form_version="1",
        subject=SubjectKind.SITE,
        site_id=site,
        answers={"month": month, **values(**answers)},
        created_at=datetime(2025, 6, 1, created),
    )


def test_returns_by_site_keeps_the_newest_per_month() -> None:
    records = [
        record("a", "2025-02-01", 1, incidents=3),
        record("a", "2025-01-01", 2, incidents=1),
        record("a", "2025-02-01", 3, incidents=4),  # a correction
        record("b", "2025-02-01", 4, incidents=9),
    ]
    found = returns_by_site(records)
    assert [(r.month, r.value("incidents")) for r in found["a"]] == [
        (date(2025, 1, 1), 1),
        (date(2025, 2, 1), 4),
    ]
    assert [r.value("incidents") for r in found["b"]] == [9]


def ret(month, **kw):
    return IndicatorReturn("a", month, values(**kw))


def test_indicators_model(qapp) -> None:
    model = IndicatorsModel()
    model.set_labels({"incidents": "Number of incidents"})
    model.set_returns(
        [
            ret(date(2025, 1, 1), incidents=3),
            ret(date(2025, 3, 1), incidents=20),  # no February: nothing to compare with
            ret(date(2025, 2, 1), incidents=4),
        ]
    )
    assert (model.rowCount(), model.columnCount()) == (3, 1 + len(INDICATORS))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Month"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Number of incidents"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Missing episodes"
    assert [model.index(r, 0).data() for r in range(3)] == [
        "March 2025",
        "February 2025",
        "January 2025",
    ]
    march = model.index(0, 1)
    assert march.data() == "20"
    assert march.data(JUMP_ROLE) == Jump("incidents", 20, 4, "rise")
    assert march.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "more than 3 times" in march.data(Qt.ItemDataRole.ToolTipRole)
    assert "big change" in march.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.index(1, 1).data(JUMP_ROLE) is None
    assert model.index(1, 1).data(Qt.ItemDataRole.DecorationRole) is None
    model.clear()
    assert model.rowCount() == 0


def test_indicators_model_gap_means_no_comparison(qapp) -> None:
    model = IndicatorsModel()
    model.set_returns([ret(date(2025, 1, 1), incidents=1), ret(date(2025, 3, 1), incidents=30)])
    assert model.jump(0, 1) is None
