"""Form filler: the next page in a 400-question form.

- next page: `FormFiller.next()` from one page to the next (the old page's widgets go, the
  new page's are built, relevance is checked, the progress is counted), median over the
  form, with the window shown offscreen. Target: under 50 ms on this machine (absolute).
  Baseline, same run: building and showing a bare QWidget page with a QLabel and four
  QRadioButtons in the same window.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.harness import Measure


def _form_source(n: int) -> str:
    rows = ["| survey |", "| | type | name | label | relevant | constraint |"]
    for i in range(n):
        if i % 4 == 3:
            rows.append(f"| | integer | q{i} | Question {i}: how many? | | . >= 0 and . < 100 |")
        elif i % 4 == 2:
            rows.append(f"| | text | q{i} | Question {i}: say more | ${{q{i - 1}}} != 'c' | |")
        else:
            rows.append(f"| | select_one abc | q{i} | Question {i}: choose one | | |")
    rows += [
        "| choices |",
        "| | list_name | name | label |",
        "| | abc | a | Often |",
        "| | abc | b | Sometimes |",
        "| | abc | c | Never |",
        "| | abc | pnts | I'd rather not say |",
        "| settings |",
        "| | form_id | version | form_title |",
        "| | bench400 | 1 | Benchmark form |",
    ]
    return "\n".join(rows) + "\n"


def next_page(quick: bool) -> list[Measure]:
    from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QVBoxLayout, QWidget

    from sylcollect.forms.compiled import compile_form
    from sylcollect.forms.xlsform import load_form_text
    from sylcollect.services.drafts import DraftSave
    from ui import theme
    from ui.filler.controller import FillSession
    from ui.filler.filler import FormFiller
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    n = 400
    compiled = compile_form(load_form_text(_form_source(n), "bench400.md"))
    answers = {f"q{i}": "a" for i in range(0, n, 4)}
    session = FillSession(compiled, DraftSave("bench400", "1", answers))
    tasks = TaskRunner()
    filler = FormFiller(None, tasks, session)  # type: ignore[arg-type]  # navigation only
    filler.resize(1000, 760)
    filler.show()
    app.processEvents()
    steps = 60 if quick else 300
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        filler.next()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        if filler.stack.currentWidget() is not filler.scroll:
            filler.show_page(0)
    value = statistics.median(times)
    worst = max(times)

    host = filler.page_host
    base_times = []
    old: QWidget | None = None
    for i in range(steps):
        start = time.perf_counter()
        page = QWidget(filler.scroll.body)
        col = QVBoxLayout(page)
        col.addWidget(QLabel(f"Question {i}: choose one", page))
        for text in ("Often", "Sometimes", "Never", "I'd rather not say"):
            col.addWidget(QRadioButton(text, page))
        host.addWidget(page)
        page.show()
        if old is not None:
            old.hide()
            old.deleteLater()
        old = page
        app.processEvents()
        base_times.append((time.perf_counter() - start) * 1000)
    baseline = statistics.median(base_times)
    filler.close()
    filler.deleteLater()
    return [
        Measure(
            "ui_filler_next_page_400",
            value,
            "ms",
            "< 50 ms (absolute, this machine)",
            value < 50,
            "bare QWidget page (label + 4 radio buttons)",
            baseline,
            {"questions": n, "steps": steps, "worst_ms": round(worst, 2)},
        )
    ]


BENCHMARKS = {"ui_filler_next_page": next_page}
