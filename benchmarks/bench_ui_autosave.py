"""Form filler: autosave while answering a 400-question form, as the user feels it.

Issue 4 asks that autosave is "never visible to the user". The real FormFiller, on a real
encrypted workspace, resumes a saved draft of the form of `bench_ui_filler` (400 questions,
every one answered: the largest draft to save) as the app does (`resume_session`), and is
driven with key presses: text typed into text questions, numbers into integer questions,
digits picking options. Each key press is one answer change, and each change asks for an
encrypted save of the whole draft on the TaskRunner's one worker thread (no debounce: one
save runs, one more waits holding the newest answers, see `FillController.autosave`). Keys
come every `SPACING_MS` ms, about five times a fast typist, so a save is nearly always
running when the next key arrives. Moving to another page is left out of the window
(`bench_ui_filler` measures it).

A 1 ms QTimer ticks on the GUI thread the whole time; the longest gap between two ticks is
the longest the GUI thread could not answer (paint, echo a key): the frame stall. It covers
the key handling, the answer's effects, the hand-off of the save, the worker holding the GIL
while it saves, and the save's result coming back, until the last save is done.

- stall: the longest tick gap while the changes are made and their saves complete. Target:
  under 50 ms on this machine (absolute): one frame at 20 fps, the issue's own budget for a
  page change, and under the ~100 ms at which a key's echo starts to feel late; a save is
  "not visible" if it never holds the screen for longer than a page change may. Baseline,
  same run: the longest tick gap while the GUI thread only idles for as long. Also reported:
  the same key presses with autosave switched off (what autosave adds to the worst stall),
  and the cyclic-GC passes meanwhile: the app runs them on the GUI thread from a 500 ms
  timer (`ui.gc_guard`), so the saves' cyclic garbage is collected there, in one go.
- hand-off: GUI-thread time spent in the autosave path per change (asking for the save:
  collecting the answers, queueing the job, "Saving…"; and taking the result back: "Draft
  saved", the next queued save), total over the run / number of changes. Target: under 5 ms
  per change (absolute): a tenth of the 50 ms budget, the rest being the answer handling
  and painting. Baseline, same run: one key press into a bare QLineEdit.

Both check that saving happened: the draft read back from the workspace file, through a
second connection unlocked afresh, holds the answers the filler holds after the last key
(the benchmark fails if not), and the number of saves that ran is reported.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_ui_filler import _form_source
from benchmarks.harness import Measure

PASSWORD = "benchmark pass phrase here"
N_QUESTIONS = 400
SPACING_MS = 20
STALL_TARGET_MS = 50.0
HANDOFF_TARGET_MS = 5.0
TYPED = " then it got better"


def _answers(n: int) -> dict[str, Any]:
    """Every question answered (the end of a long form: the largest draft to save)."""
    out: dict[str, Any] = {}
    for i in range(n):
        if i % 4 == 3:
            out[f"q{i}"] = str(i % 90)
        elif i % 4 == 2:
            out[f"q{i}"] = f"Notes for question {i}: slept badly, tired at school"
        else:
            out[f"q{i}"] = "a"
    return out


def _script(first: int, changes: int) -> list[tuple[str, Any]]:
    """Pages from question `first` on, and on each the keys a user would press there, to
    at least `changes` changes; it ends with text typed (the last answer is easy to see)."""
    actions: list[tuple[str, Any]] = []
    count, q = 0, first
    while count < changes or (q - 1) % 4 != 2:
        actions.append(("page", f"q{q}"))
        if q % 4 == 2:  # text: typed at the end, one change per character
            actions += [("type", ch) for ch in TYPED]
            count += len(TYPED)
        elif q % 4 == 3:  # integer: replaced by a new number
            actions += [("select_all", None), ("type", "5"), ("type", "7")]
            count += 2
        else:  # select_one: digits pick b, "rather not say", a (never c, which hides q+1)
            actions += [("digit", d) for d in (2, 4, 1)]
            count += 3
        q += 1
    return actions


class _Ticker:
    """A 1 ms timer on the GUI thread; `worst` is the longest gap between ticks (ms)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last: float | None = None
        self.gaps: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.gaps.append((now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.last, self.gaps = None, []
        self.timer.start()

    def pause(self) -> None:
        """The next gap starts afresh (what happens until then is not counted)."""
        self.last = None

    def stop(self) -> None:
        self.timer.stop()

    @property
    def worst(self) -> float:
        return max(self.gaps) if self.gaps else 0.0


class _GcWatch:
    """The cyclic collections run meanwhile (the app runs them on the GUI thread, from a
    timer, `ui.gc_guard`; a save's garbage is collected there too): the longest, in ms."""

    def __init__(self) -> None:
        self.passes: list[tuple[float, int]] = []
        self._start = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.passes.append(((time.perf_counter() - self._start) * 1000, info["generation"]))

    def __enter__(self) -> _GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    @property
    def worst(self) -> tuple[float, int]:
        return max(self.passes, default=(0.0, -1))


def _run_loop(app: Any, until: Callable[[Callable[[], None]], None], timeout_ms: int) -> bool:
    """Runs the event loop until `until(quit)` calls quit; False on timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    done = {"ok": False}

    def quit_ok() -> None:
        done["ok"] = True
        loop.quit()

    QTimer.singleShot(timeout_ms, loop.quit)
    QTimer.singleShot(0, lambda: until(quit_ok))
    loop.exec()
    return done["ok"]


class _Probe:
    """Wraps the filler's answer handler and the controller's save path (this instance
    only) to count changes and time the GUI thread in them."""

    def __init__(self, filler: Any) -> None:
        self.changes = 0
        self.answer_ms: list[float] = []
        self.autosave_ms = 0.0
        self.autosave_calls: list[float] = []
        self.saves_started = 0
        self.saves_done = 0
        self.save_latency_ms: list[float] = []  # asked on the GUI thread -> result back
        self._asked: float | None = None
        self._depth = 0
        c = filler.controller
        self._c = c
        answered, autosave, saved = filler._answered, c.autosave, c._saved

        def timed_answered(key: Any, value: Any) -> None:
            self.changes += 1
            start = time.perf_counter()
            answered(key, value)
            self.answer_ms.append((time.perf_counter() - start) * 1000)

        def timed(fn: Callable[..., None], *args: Any) -> None:
            self._depth += 1
            start = time.perf_counter()
            try:
                fn(*args)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    ms = (time.perf_counter() - start) * 1000
                    self.autosave_ms += ms
                    self.autosave_calls.append(ms)

        def timed_autosave() -> None:
            was = c._in_flight
            asked = time.perf_counter()
            timed(autosave)
            if not was and c._in_flight:
                self.saves_started += 1
                self._asked = asked

        def timed_saved(result: Any) -> None:
            self.saves_done += 1
            if self._asked is not None:
                self.save_latency_ms.append((time.perf_counter() - self._asked) * 1000)
                self._asked = None
            timed(saved, result)

        filler._answered = timed_answered
        c.autosave = timed_autosave
        c._saved = timed_saved

    def reset(self) -> None:
        self.changes, self.answer_ms, self.autosave_ms, self.autosave_calls = 0, [], 0.0, []
        self.saves_started = self.saves_done = 0
        self.save_latency_ms = []


def _drive(app: Any, filler: Any, ticker: _Ticker, actions: list[tuple[str, Any]]) -> bool:
    """Presses the keys every SPACING_MS with the ticker running, then waits for the saves."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    c = filler.controller
    pages = {p.key[0].rsplit("/", 1)[-1]: i for i, p in enumerate(c.pages)}
    todo = list(actions)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(SPACING_MS)

    def target() -> Any:
        focus = QApplication.focusWidget()
        if focus is not None and filler.view is not None and filler.view.isAncestorOf(focus):
            return focus
        return filler.view.first_focus()

    def until(quit_ok: Callable[[], None]) -> None:
        def step() -> None:
            if not todo:
                timer.stop()
                c.when_saved(quit_ok)  # the ticker runs on until the last save is back
                return
            kind, arg = todo.pop(0)
            if kind == "page":
                ticker.pause()
                filler.show_page(pages[arg])
                app.processEvents()
                ticker.pause()
                step()  # the first key on the new page right away
            elif kind == "select_all":
                target().selectAll()
                step()
            elif kind == "digit":
                QTest.keyClick(target(), getattr(Qt.Key, f"Key_{arg}"))
            else:
                QTest.keyClick(target(), arg)

        timer.timeout.connect(step)
        ticker.start()
        timer.start()

    ok = _run_loop(app, until, 60_000)
    ticker.stop()
    timer.stop()
    return ok


def autosave_stall(quick: bool) -> list[Measure]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from sylcollect.crypto.testing import cheap_kdf
    from sylcollect.domain.study import FormRef, Site, Study, Wave
    from sylcollect.services.drafts import DraftSave, load_draft, save_draft
    from sylcollect.storage.workspace import Workspace
    from ui import theme
    from ui.filler.filler import FormFiller
    from ui.filler.loading import resume_session
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    n = N_QUESTIONS
    source = _form_source(n)
    study = Study(
        id="bench-autosave",
        name="Bench",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=(FormRef("bench400", "1", "Benchmark form", "bench400.md", "site", source),),
    )
    changes = 50 if quick else 300
    actions = _script(200, changes)
    with tempfile.TemporaryDirectory() as tmp, cheap_kdf():
        data_dir = Path(tmp) / "ws"
        ws, _ = Workspace.create(data_dir, study, "bench", PASSWORD)
        first = save_draft(ws, DraftSave("bench400", "1", _answers(n), site_id="s1"))
        tasks = TaskRunner()  # the draft resumed as the app does (on its worker there)
        filler = FormFiller(ws, tasks, resume_session(ws, first.uuid))
        filler.resize(1000, 760)
        filler.show()
        filler.activateWindow()
        app.processEvents()
        probe = _Probe(filler)
        ticker = _Ticker()

        # 1. the key presses with autosave, until the last save is back
        start = time.perf_counter()
        with _GcWatch() as collections:
            if not _drive(app, filler, ticker, actions):
                raise RuntimeError("the saves did not finish within 60 s")
        run_s = time.perf_counter() - start
        gc_ms, gc_generation = collections.worst
        stall, gaps = ticker.worst, list(ticker.gaps)
        made, answer_ms = probe.changes, list(probe.answer_ms)
        autosave_ms, calls = probe.autosave_ms, list(probe.autosave_calls)
        started, done = probe.saves_started, probe.saves_done
        latency = list(probe.save_latency_ms)
        if made < changes or done == 0:
            raise RuntimeError(f"only {made} changes and {done} saves were made")
        expected = filler.controller.current_draft().answers
        tasks.wait()
        app.processEvents()

        # the draft as the workspace file holds it, read through a second connection
        other = Workspace.open(data_dir)
        reader = other.unlock("bench", PASSWORD, audit=False)
        record = load_draft(reader, first.uuid)
        revision = record.revision
        changed = sorted({a for k, a in actions if k == "page"})
        wrong = [q for q in changed if record.answers.get(q) != expected.get(q)]
        last_q = next(a for k, a in reversed(actions) if k == "page")
        last_value = record.answers.get(last_q)
        reader.lock()
        other.close()
        if wrong or record.answers != expected:
            raise RuntimeError(f"the saved draft does not hold the last answers: {wrong[:5]}")

        # 2. the same key presses with autosave off (the controller forgets the workspace)
        probe.reset()
        filler.controller._ws = None
        _drive(app, filler, ticker, _script(200, changes))
        no_save_stall = ticker.worst
        no_save_answer_ms = list(probe.answer_ms)
        filler.controller._ws = ws

        # baseline: the GUI thread idles, ticking, for as long as the run took
        ticker.start()
        _run_loop(app, lambda quit_ok: None, int(run_s * 1000))
        ticker.stop()
        idle_stall, idle_gaps = ticker.worst, list(ticker.gaps)

        # baseline: one key press into a bare QLineEdit, in a shown window
        window = QWidget()
        edit = QLineEdit(window)
        QVBoxLayout(window).addWidget(edit)
        window.show()
        app.processEvents()
        key_ms = []
        for i in range(max(changes, 100)):
            if i % 40 == 0:
                edit.clear()
            begin = time.perf_counter()
            QTest.keyClick(edit, "a")
            key_ms.append((time.perf_counter() - begin) * 1000)
        key_click = statistics.median(key_ms)
        window.close()

        filler.close()
        filler.deleteLater()
        tasks.wait()
        app.processEvents()
        ws.lock()
        ws.workspace.close()

    per_change = autosave_ms / made
    saved = {
        "draft_on_disk_has_last_answers": True,
        "answers_compared": len(expected),
        "last_question_changed": last_q,
        "last_answer_on_disk": last_value,
        "saves_started": started,
        "saves_done": done,
        "revision_on_disk": revision,
    }
    return [
        Measure(
            "ui_filler_autosave_stall_400",
            stall,
            "ms",
            f"< {STALL_TARGET_MS:g} ms longest GUI stall (absolute, this machine; 20 fps frame)",
            stall < STALL_TARGET_MS,
            "longest 1 ms tick gap while the GUI thread idles as long",
            idle_stall,
            {
                "questions": n,
                "changes": made,
                "key_every_ms": SPACING_MS,
                "run_s": round(run_s, 2),
                "ticks": len(gaps),
                "p99_gap_ms": round(_pct(gaps, 99), 2),
                "gaps_over_16ms": sum(1 for g in gaps if g > 16),
                "idle_p99_gap_ms": round(_pct(idle_gaps, 99), 2),
                "no_autosave_stall_ms": round(no_save_stall, 2),
                "gc_passes": len(collections.passes),
                "gc_longest_ms": round(gc_ms, 2),
                "gc_longest_generation": gc_generation,
                "answer_median_ms": round(statistics.median(answer_ms), 2),
                "answer_max_ms": round(max(answer_ms), 2),
                "no_autosave_answer_median_ms": round(statistics.median(no_save_answer_ms), 2),
                **saved,
            },
        ),
        Measure(
            "ui_filler_autosave_gui_ms_per_change_400",
            per_change,
            "ms",
            f"< {HANDOFF_TARGET_MS:g} ms GUI-thread time in the autosave path per change "
            "(absolute, this machine)",
            per_change < HANDOFF_TARGET_MS,
            "one key press into a bare QLineEdit",
            key_click,
            {
                "changes": made,
                "autosave_calls": len(calls),
                "autosave_call_max_ms": round(max(calls), 2),
                "autosave_call_median_ms": round(statistics.median(calls), 2),
                "save_latency_median_ms": round(statistics.median(latency), 2),
                "save_latency_max_ms": round(max(latency), 2),
                **saved,
            },
        ),
    ]


def _pct(values: list[float], pct: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


BENCHMARKS = {"ui_filler_autosave": autosave_stall}
