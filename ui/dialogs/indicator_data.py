"""What the monthly return screens read and save (no widgets).

`load_indicators` and `save_return` run on the TaskRunner's worker thread and return frozen
values; `answer_error` and `month_choices` are pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sylcollect.errors import InvalidInput
from sylcollect.services.records import NewRecord, add_record, form_for
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.models.indicators import (
    DEFAULT_LABELS,
    FORM_ID,
    INDICATORS,
    IndicatorReturn,
    first_of_month,
    next_month,
    previous_month,
    return_from_record,
    returns_by_site,
)

MONTHS_BACK = 36
_ANSWER = re.compile(r"^answer '([A-Za-z_][\w.-]*)(?:\[\d+\])*': (.*)$", re.DOTALL)


@dataclass(frozen=True)
class IndicatorsData:
    """Sites, every site's returns (oldest first), and the form's labels and hints."""

    sites: tuple[tuple[str, str], ...]
    returns: Mapping[str, tuple[IndicatorReturn, ...]] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    hints: Mapping[str, str] = field(default_factory=dict)

    def site_name(self, site_id: str) -> str:
        return dict(self.sites).get(site_id, site_id)

    def for_site(self, site_id: str) -> tuple[IndicatorReturn, ...]:
        return self.returns.get(site_id, ())

    def find(self, site_id: str, month: date) -> IndicatorReturn | None:
        return next((r for r in self.for_site(site_id) if r.month == month), None)


def load_indicators(ws: UnlockedWorkspace) -> IndicatorsData:
    """Worker thread: the form's wording and every return, decrypted here."""
    form = form_for(ws, FORM_ID)
    labels, hints = dict(DEFAULT_LABELS), {}
    for q in form.questions():
        if q.name in (*INDICATORS, "notes", "month"):
            labels[q.name] = q.label() or labels.get(q.name, q.name)
            hint = q.hints.get("default") or next(iter(q.hints.values()), "")
            if hint:
                hints[q.name] = hint
    with ws.transaction() as tx:
        records = tx.records.list(form_id=FORM_ID)
    study = ws.study
    return IndicatorsData(
        sites=tuple((s.id, s.name) for s in study.sites if "indicators" in (s.evidence or ()))
        or tuple((s.id, s.name) for s in study.sites),
        returns=returns_by_site(records),
        labels=labels,
        hints=hints,
    )


def save_return(ws: UnlockedWorkspace, site_id: str, answers: dict[str, Any]) -> IndicatorReturn:
    """Worker thread: checks the answers against the form (add_record) and saves them."""
    record = add_record(ws, NewRecord(form_id=FORM_ID, answers=answers, site_id=site_id))
    saved = return_from_record(record)
    if saved is None:
        raise InvalidInput("the return was saved but could not be read back")
    return saved


def answer_error(message: str) -> tuple[str, str] | None:
    """'answer 'incidents': This answer is required.' -> ('incidents', 'This answer ...')."""
    found = _ANSWER.match(message.strip())
    return (found.group(1), found.group(2).strip()) if found else None


def month_choices(today: date, back: int = MONTHS_BACK) -> list[date]:
    """The months a return can be for, newest first: this month and `back` before it."""
    months = [first_of_month(today)]
    for _ in range(back):
        months.append(previous_month(months[-1]))
    return months


def default_month(returns: tuple[IndicatorReturn, ...], today: date) -> date:
    """The month after the site's newest return (never after this month); else last month."""
    this_month = first_of_month(today)
    if not returns:
        return previous_month(this_month)
    newest = max(r.month for r in returns)
    return min(next_month(newest), this_month)
