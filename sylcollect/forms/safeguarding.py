"""Safeguarding alerts: a form's `safeguarding` rules evaluated against a filled-in state,
acknowledgement (who, when, what was done), and the rule that a record with an
unacknowledged alert can't be final.

A rule that fails to evaluate raises its alert anyway: a missed alert costs more than an
unneeded one. For the same reason an alert never leaves its record: when a later save no
longer meets the rule it stays, marked as no longer holding (`carry_over`), and still needs
acknowledging if nobody has; an acknowledgement stops covering an alert whose message or
trigger changed, or that holds again after clearing, and is kept in the alert's history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sylcollect.domain.record import Acknowledgement, Alert, Record, RecordStatus
from sylcollect.errors import InvalidInput
from sylcollect.forms.expr import ExpressionError
from sylcollect.forms.safeguarding_rules import SafeguardingRule
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
            rule = compiled.rule
            alerts.append(Alert(rule.id, rule.message, trigger=trigger_of(state, rule)))
    return tuple(alerts)


def trigger_of(state: FormState, rule: SafeguardingRule) -> str:
    """What the rule reads, e.g. `phq9_9='3'` (a repeat's question: a list of its values);
    an answer that is not relevant reads as empty, as the rule sees it."""
    parts = []
    for name in rule.references:
        values = []
        for node in state.nodes(name):
            cell = state.cell(*state.key(node))
            values.append(cell.value if cell.relevant else "")
        shown = repr(values[0]) if len(values) == 1 else repr(values)
        parts.append(f"{name}={shown}")
    return "; ".join(parts)


def carry_over(
    new: Iterable[Alert], old: Iterable[Alert], when: datetime | None = None
) -> tuple[Alert, ...]:
    """A re-saved record's alerts: every `old` one (none is ever dropped) brought up to date
    with `new` (those that hold now), then the newly raised ones.

    An old alert that no longer holds is kept, `holds` False and `cleared_at` `when` (now
    by default), with its acknowledgement or still waiting for one. An acknowledged alert
    keeps its acknowledgement while it holds with the same message and trigger; otherwise
    (message or trigger changed, or holding again after clearing) the acknowledgement
    moves to its `history` and it must be acknowledged again.
    """
    at = when if when is not None else datetime.now(UTC)
    fresh = {a.id: a for a in new}
    merged = [_update(before, fresh.pop(before.id, None), at) for before in old]
    return (*merged, *fresh.values())


def _update(before: Alert, now: Alert | None, when: datetime) -> Alert:
    if now is None:
        return replace(before, holds=False, cleared_at=when) if before.holds else before
    trigger = before.trigger if before.trigger is not None else now.trigger
    changed = not before.holds or before.message != now.message or trigger != now.trigger
    if not before.acknowledged:
        return replace(now, history=before.history)
    if not changed:
        return replace(before, trigger=trigger)
    earlier = Acknowledgement(
        by=before.acknowledged_by or "",
        at=before.acknowledged_at,
        action_taken=before.action_taken,
        message=before.message,
        trigger=before.trigger,
    )
    return replace(now, history=(*before.history, earlier))


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
        names = ", ".join(a.id if a.holds else f"{a.id}: no longer holds" for a in waiting)
        raise InvalidInput(
            f"can't finalise: {len(waiting)} safeguarding alert"
            f"{'s' if len(waiting) != 1 else ''} not acknowledged ({names}); "
            "acknowledge with the action taken first"
        )


def finalise(record: Record) -> Record:
    """The record as FINAL; InvalidInput while an alert is unacknowledged."""
    check_can_finalise(record.alerts)
    return replace(record, status=RecordStatus.FINAL)
