"""`form inspect`: a form evaluated against answers, as the JSON of DESIGN.md §7 or a table.

{"form_id", "version", "title", "languages",
 "questions": [{"name", "type", "label", "choices": [{"name", "label"}], "relevant",
                "required", "valid", "value", "message"}],
 "scores": {scale: {"score", "band"}}, "alerts": [{"id", "message"}]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sylcollect.errors import InvalidInput
from sylcollect.forms.answers import check_answers, normalise_answers
from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.expr import system_clock
from sylcollect.forms.model import Form
from sylcollect.forms.state import FormState
from sylcollect.forms.state_save import outcome
from sylcollect.forms.state_view import QuestionView, views


def choose_language(form: Form, lang: str | None) -> str | None:
    """The form language `lang` names (exactly, by the code in brackets, or by the name)."""
    if lang is None or lang in form.languages:
        return lang
    wanted = lang.strip().lower()
    for known in form.languages:
        name, _, code = known.partition("(")
        if wanted in (name.strip().lower(), code.rstrip(")").strip().lower()):
            return known
    raise InvalidInput(
        f"form '{form.id}' has no language '{lang}' (languages: {', '.join(form.languages)})"
    )


def answer_problem_message(problems: list[Any]) -> str:
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"answer '{first.question}': {first.message}{more}"


def state_for(
    compiled: CompiledForm,
    answers: Mapping[str, Any] | None,
    clock: Callable[[], datetime] = system_clock,
    lang: str | None = None,
) -> FormState:
    """A state from answers as a person supplies them (checked, then normalised), in the
    form language `lang` (None: the default)."""
    answers = answers or {}
    problems = check_answers(compiled.form, answers)
    if problems:
        raise InvalidInput(answer_problem_message(problems))
    normalised = normalise_answers(compiled.form, answers)
    state = FormState(compiled, normalised, clock=clock, lang=lang)
    state.check_entries()
    return state


def question_json(view: QuestionView) -> dict[str, Any]:
    return {
        "name": view.name,
        "type": view.type,
        "label": view.label,
        "choices": [{"name": n, "label": label} for n, label in view.choices],
        "relevant": view.relevant,
        "required": view.required,
        "valid": view.valid,
        "value": view.value,
        "message": view.message,
    }


def inspect_form(
    compiled: CompiledForm,
    answers: Mapping[str, Any] | None = None,
    lang: str | None = None,
    clock: Callable[[], datetime] = system_clock,
) -> dict[str, Any]:
    """The `form inspect --json` document."""
    form = compiled.form
    language = choose_language(form, lang)
    state = state_for(compiled, answers, clock, language)
    result = outcome(state)
    return {
        "form_id": form.id,
        "version": form.version,
        "title": form.title,
        "languages": list(form.languages),
        "questions": [question_json(v) for v in views(state, language)],
        "scores": {name: {"score": r.score, "band": r.band} for name, r in result.scores.items()},
        "alerts": [{"id": a.id, "message": a.message} for a in result.alerts],
    }


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def inspect_text(data: Mapping[str, Any]) -> str:
    """A readable table of an `inspect_form` document."""
    lines = [
        f"{data['title']} ({data['form_id']} v{data['version']}); "
        f"languages: {', '.join(data['languages'])}",
        "",
        f"{'question':24} {'type':16} {'rel':3} {'req':3} {'ok':3} {'value':20} label / message",
    ]
    for q in data["questions"]:
        flags = ["yes" if q[k] else "-" for k in ("relevant", "required", "valid")]
        note = q["label"] if q["valid"] else f"! {q['message']}"
        lines.append(
            f"{_cell(q['name'], 24):24} {_cell(q['type'], 16):16} {flags[0]:3} {flags[1]:3} "
            f"{flags[2]:3} {_cell(q['value'], 20):20} {_cell(note, 60)}"
        )
    if data["scores"]:
        lines.append("")
        for scale, s in data["scores"].items():
            shown = "not scored" if s["score"] is None else f"{s['score']}"
            band = f" ({s['band']})" if s["band"] else ""
            lines.append(f"score {scale}: {shown}{band}")
    for alert in data["alerts"]:
        lines += ["", f"SAFEGUARDING ALERT {alert['id']}: {alert['message']}"]
    return "\n".join(lines)
