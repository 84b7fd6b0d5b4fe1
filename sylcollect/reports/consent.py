"""Information sheets and consent (or assent) forms from the study's templates, as PDF bytes.

A form is blank or pre-filled with a participant code (and a name only when the caller
passes one); the QR code in its corner carries study id, code, variant and form version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sylcollect.domain.study import Role, Study
from sylcollect.errors import InvalidInput
from sylcollect.reports import style
from sylcollect.reports.layout import Section, SectionInfo, render
from sylcollect.reports.qr import FormLink, QrFlowable
from sylcollect.reports.templates import (
    ConsentTemplate,
    TemplateSet,
    Variant,
    fill,
    long_date,
)

ADULT_AGE = 16
BLANK = "________________"


class FormFill(Protocol):
    """What goes in a form's boxes and lines instead of blanks (on-screen e-consent)."""

    def item(self, item_id: str) -> Flowable | None:
        """The content of a statement's initials box, or None for an empty box."""

    def field(self, block_id: str, field: str) -> Flowable | None:
        """The content of a signature block's field, or None for a line to write on."""


@dataclass(frozen=True)
class ConsentRequest:
    """One form to print: which variant, for whom (blank when no code), with the sheet?"""

    variant: Variant
    participant_code: str = ""
    participant_name: str = ""  # printed only when the caller explicitly passes it
    site_id: str | None = None
    include_sheet: bool = True
    fill: FormFill | None = None  # e-consent: ticks/initials and signatures drawn in


def choose_variant(role: Role | None, age: int | None) -> Variant:
    """The form a participant signs, from their role and age (InvalidInput if unknown).

    A parent or carer taking part is consenting for themself (`parent_own`); the `parent`
    and `la` forms, consent for a young person under 16, are always chosen by hand."""
    if role in (Role.STAFF, Role.MANAGER, Role.LA_INFORMANT, Role.STAKEHOLDER):
        return Variant.STAFF
    if role is Role.PARENT_CARER:
        return Variant.PARENT_OWN
    if role is Role.YOUNG_PERSON:
        if age is None:
            raise InvalidInput(
                "no date of birth is recorded, so the form can't be chosen by age: "
                "say which with --variant yp16 or --variant assent"
            )
        return Variant.YP16 if age >= ADULT_AGE else Variant.ASSENT
    raise InvalidInput("this participant has withdrawn: there is no form to print")


def values_for(study: Study, template: ConsentTemplate, request: ConsentRequest) -> dict[str, str]:
    """Every placeholder's value for one printed form."""
    site = study.site(request.site_id) if request.site_id else None
    return {
        **template.values,
        "study_title": study.name,
        "study_id": study.id,
        "site_name": site.name if site else "the project",
        "project": site.project if site else "the project",
        "partner": site.partner if site and site.partner else "the project's partners",
        "participant_code": request.participant_code or BLANK,
        "form_version": template.form_version,
        "form_date": long_date(template.form_date),
        "sheet_version": template.sheet_version,
        "sheet_date": long_date(template.sheet_date),
        "audience": template.audience,
    }


def sheet_flowables(study: Study, t: ConsentTemplate, values: dict[str, str]) -> list[Flowable]:
    """The information sheet, starting a new document section."""
    out: list[Flowable] = [
        Section(
            SectionInfo(
                study.name,
                f"{t.sheet_heading}",
                f"{t.sheet_heading} · version {t.sheet_version} ({long_date(t.sheet_date)})"
                " · Please keep this sheet",
            )
        ),
        style.para(t.sheet_heading, style.TITLE),
        style.para(fill(t.sheet_title, values), style.SUBTITLE),
        style.para(
            f"For: {t.audience} · Version {t.sheet_version}, {long_date(t.sheet_date)}",
            style.SMALL,
        ),
        Spacer(1, 4 * mm),
    ]
    if t.sheet_intro:
        out += [style.callout(style.prose(fill(t.sheet_intro, values), t.plain)), Spacer(1, 2 * mm)]
    heading = style.H2_LARGE if t.plain else style.H2
    for section in t.sections:
        body = style.prose(fill(section.text, values), t.plain)
        title = style.para(fill(section.heading, values), heading)
        if section.id == "support":
            out.append(KeepTogether([Spacer(1, 2 * mm), style.callout([title, *body])]))
        else:
            out.append(KeepTogether([title, *body[:1]]))
            out.extend(body[1:])
    return out


def _details(study: Study, t: ConsentTemplate, req: ConsentRequest, v: dict[str, str]) -> Table:
    rows = [
        ("Study", study.name),
        ("Project", v["site_name"]),
        ("Participant code", req.participant_code or ""),
    ]
    if req.participant_name:
        rows.append(("Name", req.participant_name))
    rows += [
        ("Form", f"{t.form_heading}, version {t.form_version} ({long_date(t.form_date)})"),
        ("Information sheet", f"version {t.sheet_version}, {long_date(t.sheet_date)}"),
    ]
    cells = [[style.para(k, style.CELL_MUTED), style.para(val, style.CELL_BOLD)] for k, val in rows]
    width = style.FRAME_WIDTH - 40 * mm
    table = Table(cells, colWidths=[34 * mm, width - 34 * mm])
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.DIVIDER),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
    if not req.participant_code:  # a box to write the code in
        cmds.append(("BOX", (1, 2), (1, 2), 0.8, style.BORDER))
        cmds.append(("LEFTPADDING", (1, 2), (1, 2), 4))
    table.setStyle(TableStyle(cmds))
    return table


def _header(study: Study, t: ConsentTemplate, req: ConsentRequest, v: dict[str, str]) -> Table:
    link = FormLink(study.id, req.participant_code, t.variant.value, t.form_version)
    kind = t.kind.upper()
    left: list[Flowable] = [
        style.para(t.form_heading, style.TITLE),
        style.para(f"{kind} · {t.audience}", style.SUBTITLE),
        _details(study, t, req, v),
    ]
    right: list[Flowable] = [
        QrFlowable(link.payload()),
        Paragraph("Links this form<br/>to its record", style.SMALL_CENTRE),
    ]
    table = Table([[left, right]], colWidths=[style.FRAME_WIDTH - 34 * mm, 34 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
    )
    return table


def _items(t: ConsentTemplate, v: dict[str, str], filled: FormFill | None = None) -> Table:
    body = style.BODY_LARGE if t.plain else style.CELL
    box = 9 * mm if t.plain else 8 * mm
    head = "Initials" if t.kind == "consent" else "Initials or tick"
    rows: list[list[object]] = [
        [
            style.header_cell(""),
            style.header_cell("Please read each statement"),
            style.header_cell(head),
        ]
    ]
    for n, item in enumerate(t.items, start=1):
        cell = filled.item(item.id) if filled is not None else None
        text = style.para(fill(item.text, v), body)
        rows.append([style.para(f"{n}.", body), text, cell or style.Box(box)])
    num = 12 * mm if t.plain else 9 * mm
    widths = [num, style.FRAME_WIDTH - num - 24 * mm, 24 * mm]
    table = style.grid(rows, widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (2, -1), "CENTER"),
                ("TOPPADDING", (0, 1), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
            ]
        )
    )
    return table


def _signature(
    heading: str,
    note: str,
    fields: Sequence[str],
    name: str,
    filled: tuple[FormFill, str] | None = None,
) -> KeepTogether:
    label_w = 62 * mm
    line_w = style.FRAME_WIDTH - label_w - 6 * mm
    rows: list[list[object]] = []
    for field in fields:
        value: object = style.WriteLine(line_w)
        if name and field == "Name":
            value = style.para(name, style.CELL_BOLD)
        drawn = filled[0].field(filled[1], field) if filled is not None else None
        if drawn is not None:
            value = drawn
        rows.append([style.para(field, style.CELL_MUTED), value])
    table = Table(rows, colWidths=[label_w, line_w + 6 * mm], rowHeights=9 * mm)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    head: list[Flowable] = [style.para(heading, style.H2)]
    if note:
        head.append(style.para(note, style.SMALL))
    return KeepTogether([*head, table, Spacer(1, 3 * mm)])


def form_flowables(
    study: Study, t: ConsentTemplate, req: ConsentRequest, values: dict[str, str]
) -> list[Flowable]:
    """The consent or assent form, starting a new document section."""
    code = req.participant_code or "________"
    out: list[Flowable] = [
        Section(
            SectionInfo(
                study.name,
                f"{t.kind.capitalize()} form · participant {code}",
                f"{t.kind.capitalize()} form · {t.variant.value} · version {t.form_version} "
                f"({long_date(t.form_date)}) · participant {code}",
            )
        ),
        _header(study, t, req, values),
        Spacer(1, 4 * mm),
        style.callout(fill(t.form_banner, values)),
        Spacer(1, 3 * mm),
    ]
    if t.form_intro:
        out.append(
            style.para(fill(t.form_intro, values), style.BODY_LARGE if t.plain else style.BODY)
        )
    out += [_items(t, values, req.fill), Spacer(1, 5 * mm)]
    for block in t.signatures:
        name = req.participant_name if block.id == "participant" else ""
        filled = (req.fill, block.id) if req.fill is not None else None
        out.append(
            _signature(
                fill(block.heading, values), fill(block.note, values), block.fields, name, filled
            )
        )
    if t.copies:
        out.append(style.para(fill(t.copies, values), style.SMALL))
    return out


def consent_flowables(study: Study, templates: TemplateSet, req: ConsentRequest) -> list[Flowable]:
    """Information sheet (when asked) then the form, for one participant or a blank."""
    template = templates.get(req.variant)
    values = values_for(study, template, req)
    out: list[Flowable] = []
    if req.include_sheet:
        out += [*sheet_flowables(study, template, values), PageBreak()]
    return out + form_flowables(study, template, req, values)


def render_consent(study: Study, templates: TemplateSet, req: ConsentRequest) -> bytes:
    """One participant's (or a blank) information sheet and consent form as PDF bytes."""
    return render_consent_batch(study, templates, [req])


def render_consent_batch(
    study: Study, templates: TemplateSet, requests: Sequence[ConsentRequest]
) -> bytes:
    """Many forms in one PDF (each with its own page numbers), rendered in memory."""
    if not requests:
        raise InvalidInput("nothing to print: no forms were asked for")
    flow: list[Flowable] = []
    for n, req in enumerate(requests):
        if n:
            flow.append(PageBreak())
        flow += consent_flowables(study, templates, req)
    return render(flow, "Consent forms")
