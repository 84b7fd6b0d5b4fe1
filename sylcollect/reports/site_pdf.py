"""The site summary PDF: participants by status, evidence by type and wave, indicator
trends, and theory-of-change milestones with the evidence linked to each."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table  # type: ignore[import-untyped]

from sylcollect.reports import style
from sylcollect.reports.charts import bar_chart, line_chart
from sylcollect.reports.gather import (
    EVIDENCE_LABELS,
    INDICATORS,
    NO_WAVE,
    MilestoneEvidence,
    SiteSummary,
)
from sylcollect.reports.layout import Section, SectionInfo, render

STAGES = (("early", "Early milestones"), ("medium", "Medium-term milestones"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _details(s: SiteSummary) -> list[Flowable]:
    rows = [
        ("Project", s.site.project),
        ("Partner", s.site.partner or "–"),
        ("Units", ", ".join(u.name for u in s.site.units) or "–"),
        ("Printed", f"{s.printed_on:%d %B %Y} by {s.printed_by}"),
    ]
    table = Table(
        [[style.para(k, style.CELL_MUTED), style.para(v, style.CELL_BOLD)] for k, v in rows],
        colWidths=[38 * mm, style.FRAME_WIDTH - 38 * mm],
    )
    table.setStyle(
        [("LINEBELOW", (0, 0), (-1, -1), 0.4, style.DIVIDER), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    )
    out: list[Flowable] = [table, Spacer(1, 3 * mm)]
    if s.site.description:
        out.append(style.para(s.site.description, style.BODY))
    return out


def _participants(s: SiteSummary) -> list[Flowable]:
    out: list[Flowable] = [style.para("Participants", style.H1)]
    if not s.status and not s.withdrawn:
        return [*out, style.para("No participants enrolled yet.", style.BODY)]
    rows: list[list[object]] = [["Role", "Consent recorded", "Awaiting consent", "Total"]]
    for role, yes, no in s.status:
        rows.append([role, str(yes), str(no), str(yes + no)])
    total_yes = sum(r[1] for r in s.status)
    total_no = sum(r[2] for r in s.status)
    rows.append(["All taking part", str(total_yes), str(total_no), str(total_yes + total_no)])
    w = (style.FRAME_WIDTH - 70 * mm) / 3
    table = style.grid(rows, [70 * mm, w, w, w])
    table.setStyle([("FONTNAME", (0, -1), (-1, -1), style.BOLD)])
    out.append(table)
    out.append(
        style.para(
            f"Withdrawn: {s.withdrawn}. Their data has been made unreadable and is not counted "
            "anywhere in this summary.",
            style.SMALL,
        )
    )
    return out


def _evidence(s: SiteSummary) -> list[Flowable]:
    waves = list(s.waves)
    if any(NO_WAVE in per for per in s.evidence.values()):
        waves.append(NO_WAVE)
    rows: list[list[object]] = [
        [
            style.header_cell("Evidence"),
            *(style.header_cell(w) for w in waves),
            style.header_cell("Total"),
        ]
    ]
    for key, label in EVIDENCE_LABELS.items():
        per = s.evidence.get(key, {})
        rows.append([label, *(str(per.get(w, 0)) for w in waves), str(sum(per.values()))])
    first = 42 * mm
    rest = (style.FRAME_WIDTH - first) / (len(waves) + 1)
    table = style.grid(rows, [first, *([rest] * (len(waves) + 1))])
    chart = bar_chart(
        [EVIDENCE_LABELS[k] for k in EVIDENCE_LABELS],
        [(w, [float(s.evidence.get(k, {}).get(w, 0)) for k in EVIDENCE_LABELS]) for w in waves],
        style.FRAME_WIDTH,
        62 * mm,
        title="Evidence collected, by wave",
    )
    out: list[Flowable] = [style.para("Evidence collected", style.H1), table]
    if s.unreadable:
        out.append(
            style.para(
                f"{_plural(s.unreadable, 'record')} of withdrawn participants can no longer be "
                "read and are not counted.",
                style.SMALL,
            )
        )
    if s.drafts:
        out.append(
            style.para(
                f"{_plural(s.drafts, 'draft')} not finished yet "
                f"{'is' if s.drafts == 1 else 'are'} not counted here or in the indicator "
                "trends.",
                style.SMALL,
            )
        )
    return [*out, Spacer(1, 4 * mm), chart]


def _indicators(s: SiteSummary) -> list[Flowable]:
    out: list[Flowable] = [style.para("Indicator trends", style.H1)]
    if not s.months:
        return [*out, style.para("No monthly indicator returns yet.", style.BODY)]
    labels = [f"{m:%b %Y}" for m, _ in s.months]

    def series(keys: tuple[str, ...]) -> list[tuple[str, list[float | None]]]:
        names = dict(INDICATORS)
        return [(names[k], [v.get(k) for _, v in s.months]) for k in keys]

    width = (style.FRAME_WIDTH - 6 * mm) / 2
    safety = line_chart(
        labels,
        series(("incidents", "missing_episodes", "restraints")),
        width,
        62 * mm,
        title="Incidents, missing episodes and restraints",
    )
    absence = line_chart(
        labels, series(("staff_absence_days",)), width, 62 * mm, title="Staff absence days"
    )
    turnover = bar_chart(
        labels,
        [
            (name, [v or 0.0 for v in vals])
            for name, vals in series(("staff_leavers", "staff_joiners"))
        ],
        width,
        62 * mm,
        title="Staff leavers and joiners",
    )
    charts = Table([[safety, absence], [turnover, ""]], colWidths=[width + 6 * mm, width])
    charts.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
    rows: list[list[object]] = [
        [style.header_cell("Month"), *(style.header_cell(name) for _, name in INDICATORS)]
    ]
    for (_, values), label in zip(s.months, labels, strict=True):
        rows.append([label, *(_num(values.get(k)) for k, _ in INDICATORS)])
    first = 24 * mm
    rest = (style.FRAME_WIDTH - first) / len(INDICATORS)
    table = style.grid(rows, [first, *([rest] * len(INDICATORS))])
    return [KeepTogether([*out, charts]), table]


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _milestone(m: MilestoneEvidence) -> Table:
    found = m.observations + m.interviews
    if found:
        parts = [_plural(m.observations, "observation"), _plural(m.interviews, "interview")]
        text = f"**Evidence linked:** {', '.join(parts)}"
        if m.last_on:
            text += f"; latest {m.last_on:%d %b %Y}"
        if m.activities:
            text += f". Activities: {', '.join(a.replace('_', ' ') for a in m.activities)}"
    else:
        text = "**No evidence linked yet**"
    body: list[Flowable] = [style.para(f"**{m.milestone.title}**  ({m.milestone.id})", style.BODY)]
    if m.milestone.description:
        body.append(style.para(m.milestone.description, style.CELL_MUTED))
    body.append(style.para(text, style.CELL))
    edge = style.SUCCESS if found else style.BORDER
    fill = style.WHITE if found else style.PAGE_BG
    return style.callout(body, fill=fill, edge=edge)


def _milestones(s: SiteSummary) -> list[Flowable]:
    out: list[Flowable] = [
        style.para("Theory-of-change milestones", style.H1),
        style.para(
            "Evidence is linked to a milestone by the observations and interview records that "
            "name it.",
            style.SMALL,
        ),
    ]
    if not s.milestones:
        return [*out, style.para("The study names no milestones for this site.", style.BODY)]
    for stage, title in STAGES:
        items = [m for m in s.milestones if m.milestone.stage == stage]
        if items:
            head = style.para(title, style.H2)
            blocks = [[_milestone(m), Spacer(1, 2 * mm)] for m in items]
            out.append(KeepTogether([head, *blocks[0]]))
            out += [KeepTogether(b) for b in blocks[1:]]
    return out


def site_flowables(s: SiteSummary) -> list[Flowable]:
    return [
        Section(
            SectionInfo(
                s.study_name,
                f"Site summary · {s.site.project}",
                f"Site summary · {s.site.id} · printed {s.printed_on:%d %b %Y}",
            )
        ),
        style.para("Site summary", style.TITLE),
        style.para(s.site.name, style.SUBTITLE),
        *_details(s),
        *_participants(s),
        *_evidence(s),
        *_indicators(s),
        *_milestones(s),
    ]


def render_site_summary(summary: SiteSummary) -> bytes:
    """The site summary as PDF bytes (in memory)."""
    return render(site_flowables(summary), "Site summary")
