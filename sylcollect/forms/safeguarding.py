"""Safeguarding alerts: a form's `safeguarding` rules evaluated against a filled-in state,
acknowledgement (who, when, what was done), and the rule that a record with an
unacknowledged alert can't be final.

A rule that fails to evaluate raises its alert anyway: a missed alert costs more than an
unneeded one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sylcollect.domain.record import Alert, Record, RecordStatus
from sylcollect.errors import InvalidInput
from sylcollect.forms.expr import ExpressionError
from sylcollect.forms.state import FormState


def evaluate_alerts(state: FormState) -> tuple[Alert, ...]:
    """An Alert for every rule of the state's form that holds, in sheet order."""
    alerts = []
    for compiled in state.compiled.rules:
        try:
            holds = compiled.expr.evaluate_boolean(state.context())
        except ExpressionError:
            holds = True
        if holds:
            alerts.append(Alert(compiled.rule.id, compiled.rule.message))
    return tuple(alerts)


def carry_over(new: Iterable[Alert], old: Iterable[Alert]) -> tuple[Alert, ...]:
    """`new` alerts keeping the acknowledgement of an earlier alert with the same id."""
    done = {a.id: a for a in old if a.acknowledged}
    return tuple(done.get(a.id, a) for a in new)


def unacknowledged(alerts: Iterable[Alert]) -> list[Alert]:
    return [a for a in alerts if not a.acknowledged]


def acknowledge(
    alerts: Sequence[Alert],
    who: str,
    action_taken: str,
    when: datetime,
    ids: Iterable[str] | None = None,
) -> tuple[Alert, ...]:
    """The alerts with those `ids` (default: all unacknowledged) acknowledged by `who`."""
    action = action_taken.strip()
    if not action:
        raise InvalidInput("say what was done about the safeguarding alert (action taken)")
    if not who.strip():
        raise InvalidInput("an acknowledgement needs the name of who acknowledges it")
    wanted = None if ids is None else set(ids)
    if wanted is not None:
        unknown = wanted - {a.id for a in alerts}
        if unknown:
            raise InvalidInput(f"no alert {', '.join(sorted(unknown))} on this record")
    return tuple(
        replace(a, acknowledged_by=who, acknowledged_at=when, action_taken=action)
        if not a.acknowledged and (wanted is None or a.id in wanted)
        else a
        for a in alerts
    )


def check_can_finalise(alerts: Iterable[Alert]) -> None:
    """InvalidInput naming every unacknowledged alert, if there is one."""
    waiting = unacknowledged(alerts)
    if waiting:
        names = ", ".join(a.id for a in waiting)
        raise InvalidInput(
            f"can't finalise: {len(waiting)} safeguarding alert"
            f"{'s' if len(waiting) != 1 else ''} not acknowledged ({names}); "
            "acknowledge with the action taken first"
        )


def finalise(record: Record) -> Record:
    """The record as FINAL; InvalidInput while an alert is unacknowledged."""
    check_can_finalise(record.alerts)
    return replace(record, status=RecordStatus.FINAL)
