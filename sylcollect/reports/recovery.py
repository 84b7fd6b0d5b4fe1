"""The recovery sheet: the workspace's recovery key on paper, with what to do with it."""

from __future__ import annotations

from datetime import date

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sylcollect.reports import style
from sylcollect.reports.layout import Section, SectionInfo, render

KEY_STYLE = ParagraphStyle(
    "recovery_key",
    fontName=style.MONO,
    fontSize=22,
    leading=30,
    textColor=style.TEXT,
    alignment=1,
)
STEPS = (
    "Use this key only if every password for this laptop's workspace is forgotten.",
    "On the unlock window choose to unlock with the **recovery key**, type the six groups as "
    "printed (capitals or not, with or without the dashes), then set a new password.",
    "Each use is recorded in the audit log.",
)
KEEP = (
    "Keep this sheet in a locked cabinet at the research office, **never with the laptop**.",
    "Don't photograph, scan, email or copy it. Anyone with this key and the laptop can read "
    "everything in the workspace.",
    "If the sheet is lost or may have been seen, tell your supervisor: they can replace the "
    "key. Shred the old sheet.",
)


def _key_lines(key: str) -> list[str]:
    groups = key.split("-")
    if len(groups) == 6:
        return ["-".join(groups[:3]), "-".join(groups[3:])]
    return [key]


def recovery_flowables(
    key: str, study_name: str, workspace: str, created: date, user: str = ""
) -> list[Flowable]:
    details = [("Study", study_name), ("Workspace", workspace), ("Created", f"{created:%d %B %Y}")]
    if user:
        details.append(("Set up by", user))
    table = Table(
        [[style.para(k, style.CELL_MUTED), style.para(v, style.CELL_BOLD)] for k, v in details],
        colWidths=[35 * mm, style.FRAME_WIDTH - 35 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.DIVIDER),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    key_box = Table(
        [[[Paragraph(line, KEY_STYLE) for line in _key_lines(key)]]],
        colWidths=[style.FRAME_WIDTH],
    )
    key_box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, style.PRIMARY),
                ("BACKGROUND", (0, 0), (-1, -1), style.SELECTED_BG),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
            ]
        )
    )
    return [
        Section(
            SectionInfo(
                study_name, "Recovery sheet", f"Recovery sheet · {workspace} · keep it locked away"
            )
        ),
        style.para("Recovery sheet", style.TITLE),
        style.para(
            "The key that opens this workspace when every password is forgotten", style.SUBTITLE
        ),
        table,
        Spacer(1, 8 * mm),
        style.para("Recovery key", style.H2),
        key_box,
        Spacer(1, 3 * mm),
        style.para(
            "Six groups of six letters and digits. The last characters check for typing mistakes.",
            style.SMALL,
        ),
        style.para("How to use it", style.H1),
        *(
            Paragraph(style.markup(s), style.BULLET, bulletText=f"{n}.")
            for n, s in enumerate(STEPS, 1)
        ),
        style.para("Where to keep it", style.H1),
        *(Paragraph(style.markup(s), style.BULLET, bulletText="•") for s in KEEP),
        Spacer(1, 6 * mm),
        style.callout(
            "This sheet is as powerful as every password together. Lock it away.",
            edge=style.WARNING,
        ),
    ]


def render_recovery_sheet(
    key: str, study_name: str, workspace: str, created: date, user: str = ""
) -> bytes:
    """The recovery sheet as PDF bytes (in memory: print it; don't save it)."""
    return render(recovery_flowables(key, study_name, workspace, created, user), "Recovery sheet")
