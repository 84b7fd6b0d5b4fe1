"""The participant summary PDF: consent status, scores across waves with bands and charts,
safeguarding alerts, and the records collected."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table  # type: ignore[import-untyped]

from sylcollect.domain.consent import Consent, ConsentScope, ConsentWho
from sylcollect.domain.record import Acknowledgement
from sylcollect.reports import style
from sylcollect.reports.charts import BandArea, line_chart
from sylcollect.reports.gather import NO_WAVE, ParticipantSummary, ScaleSeries
from sylcollect.reports.layout import Section, SectionInfo, render

SCOPE_LABELS = {
    ConsentScope.TAKING_PART: "taking part",
    ConsentScope.QUESTIONNAIRES: "questionnaires",
    ConsentScope.INTERVIEW: "interview",
    ConsentScope.AUDIO_RECORDING: "audio recording",
    ConsentScope.ANONYMISED_QUOTES: "anonymised quotes",
    ConsentScope.RECORDS_ACCESS: "records access",
    ConsentScope.FUTURE_CONTACT: "future contact",
}
WHO_LABELS = {
    ConsentWho.SELF: "Own consent",
    ConsentWho.ASSENT_PARENT: "Assent + parent/carer consent",
    ConsentWho.ASSENT_LA: "Assent + local authority consent",
}
CONFIDENTIAL = (
    "Confidential: this summary holds personal information. Keep it locked away, share it "
    "only with the research team, and shred it when it is no longer needed."
)


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def status_word(ok: bool, yes: str, no: str) -> Table:
    """A status as a coloured mark plus words (never colour alone)."""
    colour = style.SUCCESS if ok else style.ATTENTION
    cell = Paragraph(
        style.markup(f"**{yes if ok else no}**"), style.BANNER.clone("status", textColor=colour)
    )
    table = Table([[style.StatusMark(ok), cell]], colWidths=[8 * mm, style.FRAME_WIDTH - 8 * mm])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("LEFTPADDING", (1, 0), (1, 0), 4),
        ]
    )
    return table


def _consent(s: ParticipantSummary) -> list[Flowable]:
    current = [c for c in s.consents if c.withdrawn_on is None]
    latest: Consent | None = max(current, key=lambda c: c.given_on, default=None)
    yes = (
        f"Consent recorded on {latest.given_on:%d %b %Y} ({WHO_LABELS[latest.who].lower()})"
        if latest
        else ""
    )
    out: list[Flowable] = [
        style.para("Consent", style.H1),
        status_word(bool(latest), yes, "No consent recorded"),
    ]
    if s.consents:
        rows: list[list[object]] = [["Given on", "Who", "Agreed to", "Sheet", "How", "Status"]]
        for c in sorted(s.consents, key=lambda c: c.given_on):
            scopes = ", ".join(SCOPE_LABELS[x] for x in ConsentScope if x in c.scopes)
            rows.append(
                [
                    f"{c.given_on:%d %b %Y}",
                    style.para(WHO_LABELS[c.who], style.CELL),
                    style.para(scopes, style.CELL),
                    f"v{c.info_sheet_version}",
                    c.method.value.replace("_", " "),
                    style.para(
                        f"Withdrawn {c.withdrawn_on:%d %b %Y}" if c.withdrawn_on else "Current",
                        style.CELL,
                    ),
                ]
            )
        widths = [22 * mm, 36 * mm, 54 * mm, 13 * mm, 20 * mm]
        widths.append(style.FRAME_WIDTH - sum(widths))
        out += [Spacer(1, 2 * mm), style.grid(rows, widths)]
    return out


def _waves(s: ParticipantSummary) -> list[str]:
    extra = any(p.wave == NO_WAVE for x in s.series for p in x.points)
    return [*s.waves, *([NO_WAVE] if extra else [])]


def _score_table(s: ParticipantSummary) -> Table:
    waves = _waves(s)
    rows: list[list[object]] = [
        [style.header_cell("Scale"), *(style.header_cell(w) for w in waves)]
    ]
    for x in s.series:
        cells: list[object] = [
            style.para(f"**{x.label}**  ({_fmt(x.score_min)}–{_fmt(x.score_max)})", style.CELL)
        ]
        by_wave = {p.wave: p for p in x.points}
        for w in waves:
            p = by_wave.get(w)
            if p is None:
                cells.append(style.para("–", style.CELL_MUTED))
            elif p.score is None:
                cells.append(style.para("not scored", style.CELL_MUTED))
            else:
                band = f"<br/>{p.band}" if p.band else ""
                cells.append(Paragraph(f"<b>{_fmt(p.score)}</b>{band}", style.CELL))
        rows.append(cells)
    first = 60 * mm
    rest = (style.FRAME_WIDTH - first) / max(1, len(waves))
    return style.grid(rows, [first, *([rest] * len(waves))])


def _chart(x: ScaleSeries, waves: list[str], width: float) -> Flowable:
    by_wave = {p.wave: p.score for p in x.points}
    bands = [BandArea(float(b.low), float(b.high), b.label) for b in x.bands]
    return line_chart(
        waves,
        [(x.label, [by_wave.get(w) for w in waves])],
        width,
        48 * mm,
        x.score_min,
        x.score_max,
        bands,
        title=x.label,
    )


def _scores(s: ParticipantSummary) -> list[Flowable]:
    out: list[Flowable] = [style.para("Scores across waves", style.H1)]
    if not s.series:
        return [*out, style.para("No scored questionnaires yet.", style.BODY)]
    out += [
        style.para(
            "Each cell shows the score and its band. A dash means not collected.", style.SMALL
        ),
        Spacer(1, 2 * mm),
        _score_table(s),
        Spacer(1, 4 * mm),
    ]
    waves = _waves(s)
    width = (style.FRAME_WIDTH - 6 * mm) / 2
    charts = [_chart(x, waves, width) for x in s.series]
    rows = [
        charts[i : i + 2] + [""] * (2 - len(charts[i : i + 2])) for i in range(0, len(charts), 2)
    ]
    table = Table(rows, colWidths=[width + 6 * mm, width])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
    )
    out.append(table)
    return out


def _alerts(s: ParticipantSummary) -> list[Flowable]:
    """One row per alert; under it, one row per earlier acknowledgement (who, when, action)
    that no longer covers it: a safeguarding audit trail is never left out."""
    out: list[Flowable] = [style.para("Safeguarding alerts", style.H1)]
    if not s.alerts:
        return [*out, style.para("No safeguarding alerts were raised.", style.BODY)]
    rows: list[list[object]] = [["Raised", "Form", "Alert", "Acknowledged", "Action taken"]]
    spans: list[int] = []  # rows of earlier acknowledgements
    banded: list[tuple[int, int]] = []  # first and last row of every other alert
    for n, a in enumerate(s.alerts):
        first = len(rows)
        ack = (
            f"{a.acknowledged_by}, {a.acknowledged_at:%d %b %Y}"
            if a.acknowledged_by and a.acknowledged_at
            else "**! Not yet acknowledged**"
        )
        alert: list[object] = [style.para(a.message, style.CELL)]
        if not a.holds:
            alert.append(style.para(_no_longer(a.cleared_at), style.CELL))
        rows.append(
            [
                f"{a.raised_on:%d %b %Y}" if a.raised_on else "",
                style.para(a.form_title, style.CELL),
                alert,
                style.para(ack, style.CELL),
                style.para(a.action_taken or "–", style.CELL),
            ]
        )
        for i, earlier in enumerate(a.history, 1):
            again = not a.acknowledged_by and i == len(a.history)
            spans.append(len(rows))
            rows.append(["", "", style.para(_earlier(earlier, again), style.CELL), "", ""])
        if n % 2:
            banded.append((first, len(rows) - 1))
    widths = [25 * mm, 28 * mm, 55 * mm, 31 * mm]  # a date and "Acknowledged" fit
    widths.append(style.FRAME_WIDTH - sum(widths))
    table = style.grid(rows, widths, zebra=False)
    table.setStyle(
        [("SPAN", (2, r), (4, r)) for r in spans]
        + [("BACKGROUND", (0, a), (-1, b), style.PAGE_BG) for a, b in banded]
    )
    return [*out, table]


def _no_longer(cleared_at: datetime | None) -> str:
    since = f" on {cleared_at:%d %b %Y}" if cleared_at else ""
    return f"**No longer applies**: the answers changed{since}, after it was raised."


def _earlier(earlier: Acknowledgement, again: bool) -> str:
    at = f", {earlier.at:%d %b %Y}" if earlier.at else ""
    text = (
        f"Acknowledged earlier by {earlier.by}{at} ({earlier.action_taken or '–'}), "
        "before the answers changed."
    )
    return f"{text} **It needs acknowledging again.**" if again else text


def _records(s: ParticipantSummary) -> list[Flowable]:
    out: list[Flowable] = [style.para("Records collected", style.H1)]
    if not s.records:
        out.append(style.para("No final records yet.", style.BODY))
    else:
        rows: list[list[object]] = [["Form", "Wave", "Records"]]
        rows += [[style.para(f, style.CELL), w, str(n)] for f, w, n in s.records]
        out.append(style.grid(rows, [90 * mm, 55 * mm, style.FRAME_WIDTH - 145 * mm]))
    if s.drafts:
        out.append(style.para(f"{s.drafts} draft record(s) not included above.", style.SMALL))
    return out


def participant_flowables(s: ParticipantSummary) -> list[Flowable]:
    details = [
        ("Participant code", s.code),
        ("Site", s.site_name),
        ("Unit", s.unit or "–"),
        ("Role", s.role or "–"),
        ("Enrolled", f"{s.enrolled_on:%d %B %Y}" if s.enrolled_on else "–"),
        ("Printed", f"{s.printed_on:%d %B %Y} by {s.printed_by}"),
    ]
    table = Table(
        [[style.para(k, style.CELL_MUTED), style.para(v, style.CELL_BOLD)] for k, v in details],
        colWidths=[38 * mm, style.FRAME_WIDTH - 38 * mm],
    )
    table.setStyle(
        [("LINEBELOW", (0, 0), (-1, -1), 0.4, style.DIVIDER), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    )
    return [
        Section(
            SectionInfo(
                s.study_name,
                f"Participant summary · {s.code}",
                f"Participant summary · {s.code} · printed {s.printed_on:%d %b %Y} · Confidential",
            )
        ),
        style.para("Participant summary", style.TITLE),
        style.para(s.code, style.SUBTITLE),
        table,
        Spacer(1, 4 * mm),
        style.callout(CONFIDENTIAL, edge=style.WARNING),
        *_consent(s),
        *_scores(s),
        KeepTogether(_alerts(s)[:2]),
        *_alerts(s)[2:],
        *_records(s),
    ]


def render_participant_summary(summary: ParticipantSummary) -> bytes:
    """The participant summary as PDF bytes (in memory)."""
    return render(participant_flowables(summary), "Participant summary")
