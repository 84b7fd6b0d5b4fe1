"""What a form state looks like to a person, in one language: labels with `${name}` filled
in, the choices the filter leaves, and why an answer is not accepted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sylcollect.forms.expr import ExpressionError, Node, compile_expression
from sylcollect.forms.model import Question, text_in
from sylcollect.forms.scoring_sheet import REF_RE
from sylcollect.forms.state import FormState
from sylcollect.forms.state_build import Cell


@dataclass(frozen=True)
class QuestionView:
    """One question (one instance inside repeats) as shown in one language; immutable."""

    name: str
    path: str
    instance: tuple[int, ...]
    type: str
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    relevant: bool
    required: bool
    readonly: bool
    valid: bool
    value: Any
    message: str | None


def interpolate(state: FormState, node: Node, text: str) -> str:
    """`text` with every `${name}` replaced by that question's value as seen from `node`."""
    if "${" not in text:
        return text

    def value(match: Any) -> str:
        try:
            expr = compile_expression("${" + match.group(1) + "}")
            return expr.evaluate_string(state.context(node))
        except ExpressionError:
            return ""

    return REF_RE.sub(value, text)


def shown_value(cell: Cell) -> Any:
    """The value a person sees: None when not relevant or empty; answers as supplied."""
    if not cell.relevant or cell.value == "":
        return None
    element = cell.element
    if isinstance(element, Question) and not element.is_calculated and cell.answer is not None:
        return cell.answer
    return cell.value


def choices(state: FormState, cell: Cell, lang: str | None) -> tuple[tuple[str, str], ...]:
    """(name, label) of the choices offered, in `lang`, after the choice filter."""
    question = cell.element
    if not isinstance(question, Question) or not question.is_select:
        return ()
    default = state.form.default_language
    offered = None if cell.choices is None else set(cell.choices)
    return tuple(
        (c.name, text_in(c.labels, lang, default) or c.name)
        for c in state.form.choices(question)
        if offered is None or c.name in offered
    )


def question_view(state: FormState, node: Node, cell: Cell, lang: str | None) -> QuestionView:
    question = cell.element
    assert isinstance(question, Question)
    default = state.form.default_language
    path, instance = state.key(node)
    return QuestionView(
        name=question.name,
        path=path,
        instance=instance,
        type=question.type,
        label=interpolate(state, node, text_in(question.labels, lang, default)),
        hint=interpolate(state, node, text_in(question.hints, lang, default)),
        choices=choices(state, cell, lang),
        relevant=cell.relevant,
        required=cell.required,
        readonly=cell.readonly,
        valid=not cell.problem,
        value=shown_value(cell),
        message=state.message(cell, lang),
    )


def views(state: FormState, lang: str | None = None) -> list[QuestionView]:
    """Every question instance in form order, as shown in `lang`."""
    return [question_view(state, node, cell, lang) for node, cell in state.questions()]
