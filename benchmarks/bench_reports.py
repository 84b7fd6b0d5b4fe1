"""Report benchmarks: a participant summary PDF, a batch of 200 pre-filled consent forms,
and, as the baseline measured in the same run, a bare one-page reportlab PDF."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from benchmarks.harness import Measure, median_ms, seconds
from sylcollect.crypto.testing import cheap_kdf
from sylcollect.reports import (
    ConsentRequest,
    Variant,
    load_templates,
    participant_summary,
    render_consent_batch,
    render_participant_summary,
)
from sylcollect.services.study_files import load_demo_study
from sylcollect.storage.workspace import Workspace
from tests.core.reports.sample import CODE, fill

PASSWORD = "benchmark pass phrase here"


def _bare_page() -> bytes:
    buffer = BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 770, "Baseline: one page, one line of text")
    c.showPage()
    c.save()
    return buffer.getvalue()


def participant_summary_pdf(quick: bool) -> list[Measure]:
    repeats = 10 if quick else 30
    baseline = median_ms(_bare_page, repeats * 3)
    with tempfile.TemporaryDirectory() as tmp, cheap_kdf():
        ws, _ = Workspace.create(Path(tmp) / "ws", load_demo_study(), "bench", PASSWORD)
        fill(ws)
        read = median_ms(lambda: participant_summary(ws, CODE), repeats)
        summary = participant_summary(ws, CODE)
        ws.lock()
        ws.workspace.close()
    render = median_ms(lambda: render_participant_summary(summary), repeats)
    total_s = (read + render) / 1000
    return [
        Measure(
            "participant_summary_pdf",
            total_s,
            "s",
            "< 0.5 s (absolute: read + decrypt + render)",
            total_s < 0.5,
            baseline="bare one-page reportlab PDF",
            baseline_value=baseline / 1000,
            extra={"read_ms": round(read, 1), "render_ms": round(render, 1)},
        )
    ]


def consent_batch(quick: bool) -> list[Measure]:
    n = 50 if quick else 200
    study = load_demo_study()
    templates = load_templates()
    variants = (Variant.YP16, Variant.ASSENT, Variant.PARENT, Variant.STAFF)
    requests = [
        ConsentRequest(variants[i % 4], f"DH-{i:04}", site_id="durham-house", include_sheet=False)
        for i in range(n)
    ]
    size = 0

    def run() -> None:
        nonlocal size
        size = len(render_consent_batch(study, templates, requests))

    value = seconds(run)
    baseline = median_ms(_bare_page, 30) / 1000 * n
    return [
        Measure(
            f"consent_forms_batch_{n}",
            value,
            "s",
            f"report only ({n} pre-filled forms with QR codes in one PDF)",
            True,
            baseline=f"{n} bare one-page reportlab PDFs",
            baseline_value=baseline,
            extra={"per_form_ms": round(value / n * 1000, 2), "pdf_kib": round(size / 1024)},
        )
    ]


BENCHMARKS = {
    "reports.participant_summary": participant_summary_pdf,
    "reports.consent_batch": consent_batch,
}
