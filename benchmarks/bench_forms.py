"""Form benchmarks: loading a large XLSForm, and one answer change evaluated incrementally
(only what depends on it) against a full recompute of every bind, in the same run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import Measure, median_ms, ratio_measure, seconds
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.state import FormState
from sylcollect.forms.xlsform import load_form

INPUTS = 100
CHAINS = 10
CHAIN_LENGTH = 20
FAN_OUT = 100  # calculations reading the end of chain 0 and one input each


def form_text(tag: str = "") -> str:
    """400 questions: 100 integers (half with a relevant) and 300 calculations."""
    rows = ["| survey |", "|  | type | name | label | relevant | calculation |"]
    for i in range(INPUTS):
        relevant = f"${{c{i % CHAINS}_{CHAIN_LENGTH - 1}}} > 0" if i >= INPUTS // 2 else ""
        rows.append(f"|  | integer | q{i} | Question {i} | {relevant} | |")
    for k in range(CHAINS):
        for j in range(CHAIN_LENGTH):
            source = f"${{q{k}}}" if j == 0 else f"${{c{k}_{j - 1}}}"
            rows.append(f"|  | calculate | c{k}_{j} | | | ({source} * 3 + {j}) mod 1000 |")
    end = f"${{c0_{CHAIN_LENGTH - 1}}}"
    for f in range(FAN_OUT):
        calc = f"if({end} > {f * 10}, ${{q{f % INPUTS}}} + {end}, coalesce(${{q{f}}}, 0))"
        rows.append(f"|  | calculate | f{f} | | | {calc} |")
    rows += ["| settings |", "|  | form_id | version |", f"|  | bench{tag} | 1 |"]
    return "\n".join(rows) + "\n"


def bench_load(quick: bool) -> list[Measure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench_forms.md"
        times = []
        for n in range(1 if quick else 3):
            path.write_text(form_text(str(n)), encoding="utf-8")
            times.append(seconds(lambda: compile_form(load_form(path), path.name)))
        value = min(times)
    return [
        Measure(
            "forms: load + compile a 400-question XLSForm (300 calculations)",
            value * 1000,
            "ms",
            "< 1000 ms absolute",
            value < 1.0,
        )
    ]


def _compiled(tag: str):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench_{tag}.md"
        path.write_text(form_text(tag), encoding="utf-8")
        return compile_form(load_form(path), path.name)


def _update(quick: bool, question: str, what: str, max_ratio: float) -> list[Measure]:
    """Median of changing `question`, incrementally and by a full recompute."""
    compiled = _compiled("u")
    state = FormState(compiled, {f"q{i}": i for i in range(INPUTS)})
    values = iter(range(10**9))
    repeats = 30 if quick else 300

    def incremental() -> None:
        state.set_answer(question, next(values) % 50)

    evaluations = state.set_answer(question, 7).evaluations
    inc = median_ms(incremental, repeats)
    whole = median_ms(state.recompute, max(10, repeats // 5))
    assert not state.recompute(), "incremental state differs from a full recompute"
    name = f"forms: one answer change ({what}), 400 questions"
    return [
        Measure(f"{name}, incremental median", inc, "ms", "< 5 ms absolute", inc < 5.0),
        ratio_measure(
            f"{name}, incremental vs full",
            inc,
            "ms",
            "full recompute of every bind",
            whole,
            max_ratio,
            evaluations=evaluations,
            binds=len(compiled.graph.binds),
        ),
    ]


def bench_update(quick: bool) -> list[Measure]:
    typical = _update(quick, f"q{CHAINS - 1}", f"a chain of {CHAIN_LENGTH} calculations", 0.2)
    # a third of the form depends on q0: incremental must at least not be slower than full
    heavy = _update(quick, "q0", f"a chain of {CHAIN_LENGTH} + fan-out to {FAN_OUT}", 1.0)
    return typical + heavy


BENCHMARKS = {"forms_load": bench_load, "forms_update": bench_update}
