"""The sync table models, without a window: outbox bundles, laptops, import report, conflicts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sylcollect.sync.central import DeviceInfo
from ui.models.conflicts import ConflictRow, ConflictsModel
from ui.models.devices import ROW_ROLE, BundlesModel, DevicesModel
from ui.models.imports import ImportOutcome, ImportsModel, Tally
from ui.pages.sync_data import BundleRow

D = "0123456789abcdef-device"


def text(model, row, col):
    return model.index(row, col).data(Qt.ItemDataRole.DisplayRole)


def test_bundles_model(qapp) -> None:
    m = BundlesModel()
    rows = [
        BundleRow(2, "2026-03-01T14:02:11+00:00", None, "staged", 3, 9, None),
        BundleRow(1, "2026-02-28T09:00:00+00:00", "2026-02-28T09:00:05+00:00", "sent", 1, 4, "/x"),
    ]
    m.set_rows(rows)
    assert (m.rowCount(), m.columnCount()) == (2, 5)
    assert text(m, 0, m.SEQUENCE) == "#2" and text(m, 0, m.CREATED) == "2026-03-01 14:02"
    assert text(m, 0, m.STATE) == "Waiting for the target" and text(m, 1, m.STATE) == "Delivered"
    assert text(m, 0, m.SENT) == "" and text(m, 1, m.SENT) == "2026-02-28 09:00"
    assert m.index(1, 0).data(ROW_ROLE) is rows[1]
    assert m.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Bundle"


def test_devices_model(qapp) -> None:
    m = DevicesModel()
    d = DeviceInfo(
        D, "pending", "ann", "ab", "2026-03-01T09:00", "2026-03-02T10:30", 5, 3, (2, 4), 1
    )
    m.set_devices([d])
    assert text(m, 0, m.DEVICE) == "01234567"
    assert m.index(0, m.DEVICE).data(Qt.ItemDataRole.ToolTipRole) == D
    assert text(m, 0, m.STATUS) == "Waiting for approval"
    assert text(m, 0, m.BUNDLES) == "3 (up to #5)"
    assert text(m, 0, m.GAPS) == "#2, #4" and text(m, 0, m.HELD) == "1"
    assert m.device(0) is d and m.device(3) is None


def test_imports_model_and_tally(qapp) -> None:
    m = ImportsModel()
    m.add(
        [
            ImportOutcome("a.sylb", "imported", D, 1, {"new": 3, "updated": 1, "conflicts": 0}),
            ImportOutcome("b.sylb", "imported", D, 3, {"new": 1, "conflicts": 1}, gaps=(2,)),
            ImportOutcome("c.sylb", "duplicate", D, 1),
            ImportOutcome("d.sylb", "quarantined", D, 1, warnings=("held",)),
            ImportOutcome(
                "e.sylb", "refused", code="bad_signature", reason="the signature is wrong"
            ),
        ]
    )
    t = m.tally()
    assert t == Tally(2, 4, 1, 1, 1, 1, 1, 3)
    assert t.summary() == "2 imported · 1 already imported · 3 need attention"
    assert t.details() == "4 new, 1 updated, 1 conflicts, 1 held, 1 refused"
    assert m.first_attention() == 1
    assert text(m, 4, m.STATUS) == "Refused (bad_signature)"
    assert text(m, 4, m.NOTES) == "the signature is wrong"
    assert text(m, 1, m.NOTES) == "bundles missing: #2"
    assert text(m, 3, m.NOTES) == "approve the laptop under Held bundles to import it"
    assert text(m, 0, m.NEW) == "3" and text(m, 2, m.NEW) == ""
    assert Tally.of([ImportOutcome("x", "imported")]).summary() == "1 imported"


def test_a_bundle_waiting_for_an_earlier_one_says_so(qapp) -> None:
    m = ImportsModel()
    why = "the bundle is held until device d's earlier bundle 1 is imported"
    m.add([ImportOutcome("b.sylb", "waiting", D, 2, warnings=(why,))])
    assert text(m, 0, m.STATUS) == "Held: waits for an earlier bundle"
    assert text(m, 0, m.NOTES) == why, "not 'approve the laptop': it is approved already"
    assert m.tally().quarantined == 1 and m.first_attention() == 0


def test_conflicts_model(qapp) -> None:
    row = ConflictRow.from_json(
        {
            "record_uuid": "fedcba98-7654",
            "kept": {"device_id": D, "revision": 2},
            "others": [{"device_id": "99999999-x", "revision": 1, "updated_at": "t"}],
        }
    )
    m = ConflictsModel()
    m.set_rows([row])
    assert text(m, 0, m.RECORD) == "fedcba98"
    assert text(m, 0, m.KEPT) == "laptop 01234567, revision 2"
    assert text(m, 0, m.OTHERS) == "laptop 99999999, revision 1"
