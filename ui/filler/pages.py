"""The pages of a form being filled in: one question, or one `field-list` group, per page,
and after each repeat a page to add, remove and move between its entries.

Pages are made from a FormState's instance in document order; they hold node keys, never
widgets, so a 400-question form costs a list of small tuples. Rebuilt when a repeat gains
or loses an entry. No Qt here: the filler and the self-complete screens share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sylcollect.forms.expr import ExpressionError, Node
from sylcollect.forms.model import Group, Question, text_in
from sylcollect.forms.state import FormState, Key
from sylcollect.forms.state_build import Cell

QUESTION = "question"
GROUP = "group"
REPEAT = "repeat"

#: Question types filled in without a person (never on a page).
HIDDEN_TYPES = frozenset({"calculate", "hidden", "start", "end", "today", "deviceid"})


@dataclass(frozen=True)
class Page:
    """One screen: its kind, the node it shows (question, group or repeat) and questions."""

    kind: str
    key: Key
    questions: tuple[Key, ...] = ()
    owner: tuple[int, ...] = ()
    """For a repeat page: the instance numbers of the node that holds the repeat."""
    section: str = ""
    """The path of the innermost labelled group around the page ('' at the top)."""


def shown(question: Question) -> bool:
    """True for questions a person sees: answers, notes, acknowledgements."""
    if question.is_metadata or question.type in HIDDEN_TYPES:
        return False
    return not (question.is_calculated and question.type != "note")


def build_pages(state: FormState) -> list[Page]:
    """Every page of the form, in order, for the state's current repeat entries."""
    pages: list[Page] = []
    _group(state, state.form.root, state.root, pages, "")
    return pages


def _group(state: FormState, group: Group, node: Node, pages: list[Page], section: str) -> None:
    for child in group.children:
        if isinstance(child, Question):
            found = node.children_named(child.name)
            if found and shown(child):
                key = state.key(found[0])
                pages.append(Page(QUESTION, key, (key,), section=section))
            continue
        inner_section = child.path if child.labels else section
        if child.repeat:
            for entry in node.children_named(child.name):
                _entry(state, child, entry, pages, inner_section)
            if not child.repeat_count:
                owner = state.key(node)[1]
                pages.append(Page(REPEAT, (child.path, owner), owner=owner, section=inner_section))
            continue
        found = node.children_named(child.name)
        if not found:
            continue
        if child.field_list:
            keys = tuple(state.key(n) for n in _question_nodes(child, found[0]))
            if keys:
                pages.append(Page(GROUP, state.key(found[0]), keys, section=inner_section))
        else:
            _group(state, child, found[0], pages, inner_section)


def _entry(state: FormState, group: Group, node: Node, pages: list[Page], section: str) -> None:
    if group.field_list:
        keys = tuple(state.key(n) for n in _question_nodes(group, node))
        if keys:
            pages.append(Page(GROUP, state.key(node), keys, section=section))
    else:
        _group(state, group, node, pages, section)


def _question_nodes(group: Group, node: Node) -> list[Node]:
    """The shown question nodes below a field-list group (nested groups flattened)."""
    out: list[Node] = []
    for child in group.children:
        for found in node.children_named(child.name):
            if isinstance(child, Question):
                if shown(child):
                    out.append(found)
            else:
                out.extend(_question_nodes(child, found))
    return out


def cell(state: FormState, key: Key) -> Cell:
    return state.cell(key[0], key[1])


def repeat_relevant(state: FormState, page: Page) -> bool:
    """A repeat page shows when its owner is relevant and the repeat's own relevance holds."""
    group = state.compiled.elements[page.key[0]]
    parent_path = page.key[0].rsplit("/", 1)[0]
    try:
        owner_node = state.node(parent_path, page.owner)
    except KeyError:
        return False
    if not state.cell(parent_path, page.owner).relevant:
        return False
    entries = owner_node.children_named(group.name)
    if entries:
        return bool(state.cell(page.key[0], (*page.owner, 1)).relevant)
    bind = state.compiled.binds.get(page.key[0], {}).get("relevant")
    if bind is None:
        return True
    try:
        return bool(bind.expr.evaluate_boolean(state.context(owner_node)))
    except ExpressionError:
        return True


def relevant(state: FormState, page: Page) -> bool:
    """True when a person should see the page now."""
    if page.kind == REPEAT:
        return repeat_relevant(state, page)
    return any(cell(state, k).relevant for k in page.questions)


def repeat_entries(state: FormState, page: Page) -> int:
    """How many entries the repeat of a repeat page has now."""
    parent_path = page.key[0].rsplit("/", 1)[0]
    node = state.node(parent_path, page.owner)
    return len(node.children_named(state.compiled.elements[page.key[0]].name))


def label_of(state: FormState, path: str, lang: str | None) -> str:
    """A group's or question's label in `lang` (the form's default language otherwise)."""
    element = state.compiled.elements.get(path)
    if element is None:
        return ""
    return text_in(element.labels, lang, state.form.default_language)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def takes_answer(state: FormState, key: Key) -> bool:
    element = state.compiled.elements[key[0]]
    return isinstance(element, Question) and element.takes_answer


def unanswered(state: FormState, page: Page) -> list[Key]:
    """The relevant questions of a page that take an answer and have none."""
    out = []
    for key in page.questions:
        c = cell(state, key)
        if c.relevant and takes_answer(state, key) and is_empty(c.answer):
            out.append(key)
    return out


def answered_anything(state: FormState, page: Page) -> bool:
    return any(
        takes_answer(state, k) and not is_empty(cell(state, k).answer) for k in page.questions
    )


def resume_index(state: FormState, pages: list[Page]) -> int:
    """Where to carry on in a saved draft: the first relevant page after the last one
    answered (the page that was showing when the draft was last saved)."""
    last = -1
    for i, page in enumerate(pages):
        if page.kind != REPEAT and relevant(state, page) and answered_anything(state, page):
            last = i
    for i in range(last + 1, len(pages)):
        if relevant(state, pages[i]):
            return i
    return max(0, min(last, len(pages) - 1))
