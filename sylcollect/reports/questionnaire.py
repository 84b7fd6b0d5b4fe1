"""A printable paper version of any form: numbered questions, tick boxes, skip instructions.

Calculated and metadata fields are left out (the app fills them when the paper answers are
typed in); notes print as text; repeats print once with an instruction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from sylcollect.forms.model import Form, Group, Question, text_in
from sylcollect.reports import style
from sylcollect.reports.layout import Section, SectionInfo, render
from sylcollect.reports.skip_logic import Describer, Route

NOT_ON_PAPER = {
    "geopoint",
    "geotrace",
    "geoshape",
    "image",
    "audio",
    "video",
    "file",
    "barcode",
    "signature",
    "background-audio",
}


class CharBoxes(Flowable):  # type: ignore[misc]
    """Small boxes to write digits in, in groups with a separator: DD / MM / YYYY."""

    def __init__(self, groups: tuple[int, ...], sep: str, captions: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.groups, self.sep, self.captions = groups, sep, captions
        self.cell = 6.5 * mm
        self.gap = 5 * mm
        self.width = sum(groups) * self.cell + (len(groups) - 1) * self.gap
        self.height = self.cell + (9 if captions else 0)

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(style.TEXT)
        c.setLineWidth(0.7)
        x = 0.0
        base = 9 if self.captions else 0
        for i, n in enumerate(self.groups):
            if self.captions:
                c.setFont(style.FONT, 6.5)
                c.setFillColor(style.MUTED)
                c.drawString(x, 0, self.captions[i])
            for _ in range(n):
                c.rect(x, base, self.cell, self.cell)
                x += self.cell
            if i < len(self.groups) - 1:
                c.setFont(style.FONT, 11)
                c.setFillColor(style.MUTED)
                c.drawCentredString(x + self.gap / 2, base + 2, self.sep)
                x += self.gap


@dataclass
class _Plan:
    """Question numbers and the routing notes attached to choices."""

    numbers: dict[str, int] = field(default_factory=dict)
    order: list[Question] = field(default_factory=list)
    go_to: dict[tuple[str, str], str] = field(default_factory=dict)  # (question, choice) -> note
    unless: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)  # many routed


def _conditions(form: Form, q: Question) -> list[str]:
    """The relevant expressions that apply to `q`: its groups' and its own."""
    out = [g.relevant for g in form.groups() if g.relevant and q.path.startswith(g.path + "/")]
    return [*out, q.relevant] if q.relevant else out


def _plan(form: Form, describer: Describer) -> _Plan:
    plan = _Plan()
    notes: list[tuple[int, Question]] = []  # (index of the question before it, the note)
    for q in form.questions():
        if q.takes_answer and q.type not in NOT_ON_PAPER:
            plan.order.append(q)
            plan.numbers[q.name] = len(plan.order)
        elif q.type == "note":
            notes.append((len(plan.order) - 1, q))
    describer.numbers = plan.numbers
    routes: list[list[Route]] = [
        [r for text in _conditions(form, q) if (r := describer.route(text))] for q in plan.order
    ]
    note_routes = [
        (after, [r for text in _conditions(form, n) if (r := describer.route(text))])
        for after, n in notes
    ]
    for i, q in enumerate(plan.order):
        if q.type != "select_one":
            continue
        follow = i + 1
        shown: frozenset[str] | None = None
        while follow < len(plan.order):
            on_q = [r for r in routes[follow] if r.name == q.name]
            if not on_q or (shown is not None and on_q[0].values != shown):
                break
            shown = on_q[0].values
            follow += 1
        if shown is None:
            continue
        target = f"go to question {follow + 1}" if follow < len(plan.order) else "go to the end"
        routed = [c.name for c in form.choices(q) if c.name not in shown]
        if len(routed) > 2 and len(routed) > len(shown):  # say it the short way round
            plan.unless[q.name] = (shown, target)
            continue
        for name in routed:
            # a note in the part skipped that is meant for this answer must not be skipped
            for_it = any(
                i <= after < follow and any(r.name == q.name and name in r.values for r in rs)
                for after, rs in note_routes
            )
            plan.go_to[(q.name, name)] = f"read the note below, then {target}" if for_it else target
    return plan


def _choices(form: Form, q: Question, plan: _Plan, lang: str | None) -> list[Flowable]:
    multi = q.type == "select_multiple"
    rows: list[list[object]] = []
    texts: list[str] = []
    notes: dict[str, list[str]] = {}
    for choice in form.choices(q):
        label = text_in(choice.labels, lang) or choice.name
        route = plan.go_to.get((q.name, choice.name))
        text = f"{label}   **» {route.capitalize()}**" if route else label
        rows.append([style.Box(4.2 * mm, round_=not multi), style.para(text, style.BODY)])
        texts.append(text)
        if route:
            notes.setdefault(route, []).append(label)
    if q.or_other:
        rows.append(
            [
                style.Box(4.2 * mm, round_=not multi),
                style.para("Other (please say): ____________________", style.BODY),
            ]
        )
    out: list[Flowable] = []
    if rows:
        cols = 2 if len(rows) > 6 and all(len(t) < 40 for t in texts) else 1
        per = -(-len(rows) // cols)
        width = (style.FRAME_WIDTH - 10 * mm) / cols
        grid_rows = []
        for r in range(per):
            line: list[object] = []
            for c in range(cols):
                k = c * per + r
                line += rows[k] if k < len(rows) else ["", ""]
            grid_rows.append(line)
        table = Table(grid_rows, colWidths=[7 * mm, width - 7 * mm] * cols)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        out.append(table)
    if q.name in plan.unless:
        shown, target = plan.unless[q.name]
        labels = [text_in(c.labels, lang) or c.name for c in form.choices(q) if c.name in shown]
        joined = " or ".join(f"“{x}”" for x in labels)
        out.append(style.para(f"Unless you ticked {joined}, {target}.", style.CELL_BOLD))
    for route, labels in notes.items():
        joined = " or ".join(f"“{x}”" for x in labels)
        out.append(style.para(f"If {joined}, {route}.", style.CELL_BOLD))
    return out


def _answer_area(form: Form, q: Question, plan: _Plan, lang: str | None) -> list[Flowable]:
    width = style.FRAME_WIDTH - 10 * mm
    if q.is_select:
        return _choices(form, q, plan, lang)
    if q.type in ("integer", "decimal"):
        return [_number_box()]
    if q.type == "date":
        if "month-year" in q.appearance:
            return [CharBoxes((2, 4), "/", ("month", "year"))]
        if "year" in q.appearance.split():
            return [CharBoxes((4,), "", ("year",))]
        return [CharBoxes((2, 2, 4), "/", ("day", "month", "year"))]
    if q.type == "time":
        return [CharBoxes((2, 2), ":", ("hours", "minutes"))]
    if q.type == "datetime":
        return [CharBoxes((2, 2, 4, 2, 2), "/", ("day", "month", "year", "hours", "minutes"))]
    lines = 4 if "multiline" in q.appearance else 1
    return [style.WriteLine(width, 8 * mm) for _ in range(lines)]


def _number_box() -> Table:
    table = Table([[""]], colWidths=[32 * mm], rowHeights=[8 * mm])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, style.TEXT)]))
    return table


def _instruction(q: Question) -> str:
    if q.type == "select_one":
        return "Tick one."
    if q.type == "select_multiple":
        return "Tick all that apply."
    return ""


def _question(form: Form, q: Question, plan: _Plan, d: Describer, lang: str | None) -> Flowable:
    n = plan.numbers[q.name]
    label = d.label(q.label(lang)) or q.name
    head: list[Flowable] = [style.para(f"**{label}**", style.BODY)]
    hint = text_in(q.hints, lang)
    extra = " ".join(x for x in (d.label(hint), _instruction(q)) if x)
    if extra:
        head.append(style.para(extra, style.CELL_MUTED))
    if q.relevant:
        head.append(style.para(d.condition(q.relevant), style.CELL_BOLD))
    body = [*head, Spacer(1, 1.5 * mm), *_answer_area(form, q, plan, lang)]
    table = Table(
        [[style.para(f"**{n}**", style.H2), body]], colWidths=[10 * mm, style.FRAME_WIDTH - 10 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.DIVIDER),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return KeepTogether([table, Spacer(1, 2 * mm)])


def _group_head(group: Group, d: Describer, lang: str | None) -> list[Flowable]:
    out: list[Flowable] = []
    label = d.label(group.label(lang))
    if label:
        out.append(style.para(label, style.H1 if not group.repeat else style.H2))
    if group.repeat:
        what = label.lower() if label else "each one"
        out.append(
            style.callout(
                f"Repeat: answer these questions once for each of {what}. "
                "Use a separate sheet for more."
            )
        )
    if group.relevant:
        words = d.condition(group.relevant).replace("Answer only if", "Answer this part only if")
        out.append(style.para(words, style.CELL_BOLD))
    return out


def _walk(
    form: Form, group: Group, plan: _Plan, d: Describer, lang: str | None, out: list[Flowable]
) -> None:
    for child in group.children:
        if isinstance(child, Group):
            head = _group_head(child, d, lang)
            mark = len(out)
            _walk(form, child, plan, d, lang, out)
            if head and len(out) > mark:  # keep a heading with its first question
                first = out[mark]
                inner = first._content if isinstance(first, KeepTogether) else [first]
                out[mark] = KeepTogether([*head, *inner])
        elif child.name in plan.numbers:
            out.append(_question(form, child, plan, d, lang))
        elif child.type == "note":
            text = d.label(child.label(lang))
            if text:
                note: list[Flowable] = [style.para(text, style.BODY)]
                if child.relevant:
                    note.append(style.para(d.condition(child.relevant), style.CELL_MUTED))
                out.append(style.callout(note, fill=style.PAGE_BG, edge=style.BORDER))
                out.append(Spacer(1, 2 * mm))


def _fields(subject: str) -> Table:
    names = (
        ["Participant code", "Date", "Wave"]
        if subject == "participant"
        else ["Site", "Date", "Completed by"]
    )
    width = style.FRAME_WIDTH / 3
    table = Table(
        [[style.para(n, style.SMALL) for n in names], ["", "", ""]],
        colWidths=[width] * 3,
        rowHeights=[None, 9 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 1), (0, 1), 0.8, style.BORDER),
                ("BOX", (1, 1), (1, 1), 0.8, style.BORDER),
                ("BOX", (2, 1), (2, 1), 0.8, style.BORDER),
                ("LEFTPADDING", (0, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def questionnaire_flowables(
    form: Form, study_name: str, subject: str = "participant", lang: str | None = None
) -> list[Flowable]:
    """The form on paper, starting a new document section."""
    d = Describer(form, {}, lang)
    plan = _plan(form, d)
    out: list[Flowable] = [
        Section(
            SectionInfo(
                study_name,
                f"Paper form · {form.id}",
                f"Form {form.id} · version {form.version} · {form.title}",
            )
        ),
        style.para(form.title, style.TITLE),
        style.para(
            f"Paper version · form {form.id}, version {form.version} · {len(plan.order)} questions",
            style.SUBTITLE,
        ),
        _fields(subject),
        Spacer(1, 3 * mm),
        style.callout(
            "Tick one circle for each question, or every square that applies where it says "
            "“tick all that apply”. You can leave out any question. Follow the “go to” "
            "instructions in bold."
        ),
        Spacer(1, 3 * mm),
    ]
    _walk(form, form.root, plan, d, lang, out)
    out.append(style.para("End of the form. Thank you.", style.H2))
    return out


def render_questionnaire(
    form: Form, study_name: str, subject: str = "participant", lang: str | None = None
) -> bytes:
    """The printable paper form as PDF bytes (in memory)."""
    return render(questionnaire_flowables(form, study_name, subject, lang), form.title)
