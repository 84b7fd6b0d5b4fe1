"""The date written on a paper form, kept with a paper transcription's encrypted content:
checked when saved, read back (absent on older records: None), carried in bundles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from sylcollect.domain.record import Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import InvalidInput
from sylcollect.services.drafts import DraftSave, save_draft
from sylcollect.services.records import NewRecord, add_record, check_paper_date, get_record
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.payload import MetaItem, RecordItem, decode_payload, encode_item

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
T0 = NOW.isoformat()


def test_check_paper_date() -> None:
    check_paper_date(RecordMode.PAPER, None, NOW)
    check_paper_date(RecordMode.INTERVIEWER, None, NOW)
    check_paper_date(RecordMode.PAPER, date(2026, 3, 1), NOW)
    with pytest.raises(InvalidInput, match="only for a record typed in from paper"):
        check_paper_date(RecordMode.INTERVIEWER, date(2026, 3, 1), NOW)
    with pytest.raises(InvalidInput, match="in the future"):
        check_paper_date(RecordMode.PAPER, NOW.date() + timedelta(days=2), NOW)


def test_content_has_paper_date_only_when_set() -> None:
    plain = Record("u", "gad7", "1", SubjectKind.SITE, "durham-house", mode=RecordMode.PAPER)
    assert "paper_date" not in plain.content_json()
    dated = Record("u", "gad7", "1", SubjectKind.SITE, "durham-house", mode=RecordMode.PAPER,
                   paper_date=date(2026, 2, 3))  # fmt: skip
    assert dated.content_json()["paper_date"] == "2026-02-03"


def test_saved_and_read_back(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    new = NewRecord("site_indicators", {}, site_id="durham-house", status=RecordStatus.DRAFT,
                    mode=RecordMode.PAPER, paper_date=date(2025, 11, 4))  # fmt: skip
    saved = add_record(ws, new)
    assert get_record(ws, saved.uuid).paper_date == date(2025, 11, 4)
    plain = add_record(ws, NewRecord("site_indicators", {}, site_id="durham-house",
                                     status=RecordStatus.DRAFT))  # fmt: skip
    assert get_record(ws, plain.uuid).paper_date is None
    interviewed = NewRecord("site_indicators", {}, site_id="durham-house",
                            status=RecordStatus.DRAFT, paper_date=date(2025, 11, 4))  # fmt: skip
    with pytest.raises(InvalidInput):
        add_record(ws, interviewed)
    version = ws.study.form("site_indicators").version
    draft = DraftSave("site_indicators", version, {}, site_id="durham-house",
                      mode=RecordMode.PAPER, paper_date=date(2025, 10, 1))  # fmt: skip
    done = save_draft(ws, draft)
    assert get_record(ws, done.uuid).paper_date == date(2025, 10, 1)
    again = save_draft(ws, replace(draft, uuid=done.uuid))
    assert get_record(ws, again.uuid).paper_date == date(2025, 10, 1)


def _item(content_extra: dict[str, object], mode: RecordMode = RecordMode.PAPER) -> bytes:
    record = Record("0b5e1c9a-2222-4000-8000-000000000002", "gad7", "1", SubjectKind.SITE,
                    "durham-house", mode=mode, started_at=NOW)  # fmt: skip
    content = record.content_json() | content_extra
    item = RecordItem(record.uuid, "gad7", "1", "site", "durham-house", None, "final", 1, T0, T0,
                      content)  # fmt: skip
    return encode_item(MetaItem("demo-study", 1, "dev-1", 1, T0)) + encode_item(item)


def _decode(data: bytes) -> list[object]:
    return list(decode_payload([data], max_items=10, max_line_bytes=1 << 20))


def test_bundles_carry_it() -> None:
    (_meta, item) = _decode(_item({"paper_date": "2026-01-15"}))
    assert isinstance(item, RecordItem)
    assert item.to_record().paper_date == date(2026, 1, 15)
    (_meta, older) = _decode(_item({}))
    assert isinstance(older, RecordItem) and older.to_record().paper_date is None
    for bad in ({"paper_date": "15/01/2026"}, {"paper_date": 20260115}):
        with pytest.raises(BundleRefused):
            _decode(_item(bad))
    with pytest.raises(BundleRefused):
        _decode(_item({"paper_date": "2026-01-15"}, RecordMode.INTERVIEWER))
