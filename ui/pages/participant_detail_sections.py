"""The cards of the participant detail page, built from frozen data. GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from sylcollect.domain.consent import ConsentScope
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Study
from ui import icons, theme
from ui.dialogs.consent import method_label, scope_label, who_label
from ui.pages.participants_data import ParticipantDetail, RecordLine
from ui.widgets.basics import card, label


def _tr(text: str) -> str:
    return QCoreApplication.translate("participant_detail", text)


def identity_rows(identity: Identity, today: date | None = None) -> list[tuple[str, str]]:
    """(text, style role) lines for revealed identifying details."""
    rows = [(_tr("Name: {name}").format(name=identity.name or _tr("not recorded")), "")]
    if identity.date_of_birth is not None:
        age = identity.age_on(today or date.today())
        rows.append(
            (
                _tr("Date of birth: {dob} (age {age})").format(
                    dob=identity.date_of_birth.isoformat(), age=age
                ),
                "",
            )
        )
    else:
        rows.append((_tr("Date of birth: not recorded"), ""))
    return rows


def consent_card(d: ParticipantDetail) -> QFrame:
    frame, col = card(_tr("Consent"))
    if not d.consents:
        col.addWidget(label(_tr("No consent recorded yet."), "muted"))
    for c in reversed(d.consents):
        state = (
            _tr("Withdrawn on {date}").format(date=c.withdrawn_on.isoformat())
            if c.withdrawn_on
            else _tr("In force")
        )
        head = label(f"{c.given_on.isoformat()} · {who_label(c.who)}")
        head.setStyleSheet("font-weight: 600;")
        col.addWidget(head)
        details = _tr("{method} · information sheet version {sheet} · taken by {by} · {state}")
        col.addWidget(
            label(
                details.format(
                    method=method_label(c.method),
                    sheet=c.info_sheet_version,
                    by=c.taken_by or "—",
                    state=state,
                ),
                "muted",
            )
        )
        scopes = ", ".join(scope_label(s) for s in ConsentScope if s in c.scopes)
        col.addWidget(label(_tr("Agreed to: {scopes}").format(scopes=scopes)))
        col.addSpacing(8)
    return frame


def _record_row(r: RecordLine) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    title = label(f"{r.form_title} · {r.when}")
    box.addWidget(title)
    if r.shredded:
        box.addWidget(label(_tr("Unreadable: the participant withdrew."), "muted"))
        return box
    if not r.scores:
        box.addWidget(label(_tr("No scores for this form."), "muted"))
        return box
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(2)
    for row, s in enumerate(r.scores):
        grid.addWidget(label(s.scale, "muted", wrap=False), row, 0)
        grid.addWidget(label(s.score, wrap=False), row, 1)
        grid.addWidget(label(s.band or "", "muted", wrap=False), row, 2)
    grid.setColumnStretch(3, 1)
    box.addLayout(grid)
    return box


def records_card(d: ParticipantDetail, study: Study) -> QFrame:
    frame, col = card(_tr("Records by wave"))
    by_wave = d.records_by_wave()
    if not by_wave:
        col.addWidget(label(_tr("No finished records yet."), "muted"))
    known = [w.id for w in study.waves]
    for wave_id in sorted(by_wave, key=lambda w: known.index(w) if w in known else len(known)):
        wave = study.wave(wave_id)
        name = wave.name if wave else (wave_id or _tr("No wave"))
        heading = label(name)
        heading.setStyleSheet("font-weight: 600;")
        col.addSpacing(4)
        col.addWidget(heading)
        for r in by_wave[wave_id]:
            col.addLayout(_record_row(r))
    return frame


def drafts_card(d: ParticipantDetail) -> QFrame:
    frame, col = card(_tr("Open drafts"))
    if not d.drafts:
        col.addWidget(label(_tr("No drafts waiting."), "muted"))
    for r in d.drafts:
        col.addWidget(label(_tr("{form} · started {date}").format(form=r.form_title, date=r.when)))
    return frame


def alerts_card(d: ParticipantDetail) -> QFrame:
    """Alerts nobody has acknowledged yet, one that no longer holds (its answers changed
    after it was raised) saying so: it still needs acknowledging."""
    frame, col = card(_tr("Safeguarding alerts"))
    alerts = d.open_alerts
    if not alerts:
        col.addWidget(label(_tr("No alerts waiting for action."), "muted"))
    tokens = theme.current()
    for record, alert in alerts:
        row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(icons.pixmap("attention", tokens.attention, 20))
        icon.setFixedSize(24, 24)
        row.addWidget(icon, 0)
        words = (
            _tr("Needs action: {message} ({form}, {date})")
            if alert.holds
            else _tr(
                "Needs action: {message} ({form}, {date}) "
                "(no longer applies after the answers changed)"
            )
        )
        text = words.format(message=alert.message, form=record.form_title, date=record.when)
        row.addWidget(label(text, "attention"), 1)
        col.addLayout(row)
    return frame
