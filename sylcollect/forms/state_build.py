"""Building a form's primary instance from nested answers, and the nested answers back.

Answers map question names to values; groups are transparent (a group's name may also be
given with an object of its questions); a repeat's name takes a list of objects, one per
instance. Values are kept as given (after `normalise_answers`) and shown to expressions as
XPath text: numbers without `.0`, lists joined with spaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.expr import Node, format_number
from sylcollect.forms.model import DISPLAY_TYPES, Group, Question

Scope = Sequence[Mapping[str, Any]]
"""The answer objects in which a name is looked up, innermost group first."""

_MISSING = object()


class Cell:
    """What a state knows about one node of its instance; mutable, owned by one FormState."""

    __slots__ = (
        "answer",
        "answered",
        "choices",
        "constraint_ok",
        "element",
        "error",
        "own_relevant",
        "pending_default",
        "problem",
        "readonly",
        "relevant",
        "required",
        "type_problem",
        "value",
    )

    def __init__(self, element: Question | Group) -> None:
        self.element = element
        self.answer: Any = None  # as supplied (canonical), for input questions
        self.answered = False  # the name was given (even as empty): no default then
        self.value = ""  # the text expressions see when relevant
        self.own_relevant = True
        self.relevant = True  # own and every ancestor's
        self.required = False
        self.constraint_ok = True
        self.readonly = False
        self.choices: tuple[str, ...] | None = None  # filtered choice names; None: all
        self.problem = ""  # "", "required", "constraint", "choice" or a type problem
        self.type_problem = ""  # the answer does not fit the question's type
        self.error = ""  # an expression of this node failed to evaluate (kind: message)
        self.pending_default = False


def as_text(value: Any) -> str:
    """A supplied answer as the XPath text of its node."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return " ".join(as_text(v) for v in value)
    return str(value)


def lookup(scope: Scope, name: str) -> Any:
    """The value given for `name` in the innermost answer object that has it, or _MISSING."""
    for answers in scope:
        if name in answers:
            return answers[name]
    return _MISSING


class Builder:
    """Makes nodes and cells for a compiled form; used by one FormState, not thread-safe."""

    def __init__(self, compiled: CompiledForm, cells: dict[Node, Cell]) -> None:
        self.compiled = compiled
        self.cells = cells
        self.given: list[tuple[Node, Group, int]] = []
        """(owner node, counted repeat, entries given): what answers supplied for each
        repeat with a repeat_count, to tell when the count left some out."""

    def group(self, group: Group, scope: Scope) -> Node:
        """A node for `group` (or one repeat instance) with its children filled from `scope`."""
        node = Node(group.name)
        self.cells[node] = Cell(group)
        kids = []  # new nodes: no former parent to detach them from
        for child in group.children:
            if isinstance(child, Question):
                kids.append(self.question(child, lookup(scope, child.name)))
            elif child.repeat:
                items = lookup(scope, child.name)
                if child.repeat_count and isinstance(items, list) and items:
                    self.given.append((node, child, len(items)))
                for item in items if isinstance(items, list) else ():
                    inner = item if isinstance(item, Mapping) else {}
                    kids.append(self.group(child, [inner]))
            else:
                sub = lookup(scope, child.name)
                inner_scope = [sub, *scope] if isinstance(sub, Mapping) else scope
                kids.append(self.group(child, inner_scope))
        for kid in kids:
            kid.parent = node
        node.children.extend(kids)
        return node

    def question(self, question: Question, given: Any) -> Node:
        node = Node(question.name)
        cell = Cell(question)
        self.cells[node] = cell
        if given is not _MISSING:
            cell.answered = True
            cell.answer = given
            cell.value = as_text(given)
        elif question.path in self.compiled.defaults:
            cell.answer = self.compiled.defaults[question.path]
            cell.value = as_text(cell.answer)
        elif question.path in self.compiled.dynamic_defaults:
            cell.pending_default = True
        return node

    def forget(self, node: Node) -> None:
        """Drop the cells of `node` and everything below it."""
        self.cells.pop(node, None)
        for child in node.descendants():
            self.cells.pop(child, None)


def walk(node: Node) -> Iterator[Node]:
    """`node` and its descendants in document order."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(reversed(node.children))


def saved_answers(
    node: Node, cells: Mapping[Node, Cell], out: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The relevant, non-empty values below `node`, nested like supplied answers."""
    out = {} if out is None else out
    for child in node.children:
        cell = cells[child]
        if not cell.relevant:
            continue
        element = cell.element
        if isinstance(element, Question):
            value = _saved_value(element, cell)
            if value is not None:
                out.setdefault(element.name, value)
        elif element.repeat:
            if element.name not in out:
                out[element.name] = []
            if isinstance(out[element.name], list):
                out[element.name].append(saved_answers(child, cells))
        elif any(n in out for n in _names(element)):
            out.setdefault(element.name, saved_answers(child, cells))
        else:
            saved_answers(child, cells, out)
    return out


def _names(group: Group) -> Iterator[str]:
    """Names answerable directly in `group` (through plain groups)."""
    for child in group.children:
        yield child.name
        if isinstance(child, Group) and not child.repeat:
            yield from _names(child)


def _saved_value(question: Question, cell: Cell) -> Any:
    if question.type in DISPLAY_TYPES:
        return None
    if question.is_metadata:  # filled in from the state's Metadata, or kept from a record
        # instanceID is the record's own uuid (every XForm has one): kept as the record's id,
        # not repeated in its answers; expressions still see it.
        return None if question.type == "instanceid" else cell.value or None
    if question.is_calculated:
        return cell.value or None
    if cell.answer is None or cell.answer == "" or cell.answer == []:
        return None
    return cell.answer
