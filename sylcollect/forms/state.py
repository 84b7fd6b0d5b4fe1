"""The state of one form being filled in: answers, relevance, requiredness, validity,
calculations and filtered choices, kept up to date one answer at a time.

    state = FormState(compile_form(form), {"age": 15})
    changes = state.set_answer("consent", "yes")   # re-evaluates only what depends on it
    state.answers_to_save()                        # relevant values and calculations

Semantics follow ODK (JavaRosa): a non-relevant node reads as empty in every expression
(its answer is kept, and comes back if it becomes relevant again) and is left out of the
saved answers; a group's non-relevance covers everything inside it; a required question
that is relevant and empty is invalid; a constraint is checked only on a non-empty
relevant answer, with `.` its value. The clock is read once when the state is made, so
now() and today() are stable while filling in (`refresh_clock()` moves it on); a volatile
calculation (now(), today(), uuid()) keeps its value until one of its inputs changes.

Metadata questions (start, end, today, deviceid, username, instanceID) take their values
from the `metadata` given to the state (see `sylcollect.forms.metadata.Metadata`), which
override any value in the answers; without it they keep the values of the answers (a saved
record's) or stay empty. Either way expressions see them (`${username}` in a label) and
`answers_to_save()` keeps the non-empty ones (instanceID aside: it is the record's uuid).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.expr import Node, system_clock
from sylcollect.forms.metadata import Metadata
from sylcollect.forms.model import Group, Question, text_in
from sylcollect.forms.state_build import Cell, saved_answers
from sylcollect.forms.state_eval import MAX_REPEAT_COUNT, Changes, Engine
from sylcollect.forms.state_index import Key

__all__ = ["MAX_REPEAT_COUNT", "Changes", "ExtraEntries", "FormState", "Key"]


@dataclass(frozen=True)
class ExtraEntries:
    """Answers gave a counted repeat more entries than its repeat_count keeps."""

    repeat: str
    count: str  # the repeat_count expression
    owner: str  # "" at the top, else the repeat entry it is inside, e.g. "person[2]"
    given: int
    kept: int

    @property
    def message(self) -> str:
        inside = f" inside {self.owner}" if self.owner else ""
        return (
            f"repeat '{self.repeat}'{inside}: {self.given} entries given, but its "
            f"repeat_count ({self.count}) allows {self.kept}; remove the extra entries or "
            "change the answer the count comes from"
        )


class FormState(Engine):
    """One form's answers with everything computed from them; mutable, one thread at a time."""

    def __init__(
        self,
        compiled: CompiledForm,
        answers: Mapping[str, Any] | None = None,
        *,
        clock: Callable[[], datetime] = system_clock,
        metadata: Metadata | None = None,
        lang: str | None = None,
    ) -> None:
        super().__init__(compiled, answers, clock, lang)
        self.metadata = metadata
        if metadata is not None:
            self._fill_metadata(metadata)
        self._begin()
        self._evaluate_all()  # what recompute() does, without collecting its Changes
        self._quiet = False

    def _fill_metadata(self, metadata: Metadata) -> None:
        for node, cell in list(self._cells.items()):
            element = cell.element
            if isinstance(element, Question) and element.is_metadata:
                value = metadata.value(element.type)
                if value is not None:
                    self._store(node, cell, value)

    # -- reading ---------------------------------------------------------------------
    def cell(self, path_or_name: str, instance: int | Sequence[int] = ()) -> Cell:
        """The cell of one node (read it, don't change it); KeyError if there is none."""
        return self._cells[self.node(path_or_name, instance)]

    def node(self, path_or_name: str, instance: int | Sequence[int] = ()) -> Node:
        """The node of a question or group, in the given repeat instance(s) (1-based)."""
        path = self.compiled.path_of(path_or_name)
        wanted = (instance,) if isinstance(instance, int) else tuple(instance)
        for node in self._nodes.get(path, ()):
            if len(wanted) == 0 or self.key(node)[1][-len(wanted) :] == wanted:
                return node
        where = f" instance {'/'.join(map(str, wanted))}" if wanted else ""
        raise KeyError(f"{path}{where}")

    def nodes(self, path_or_name: str) -> list[Node]:
        """Every instance of a question or group, in document order."""
        return list(self._nodes.get(self.compiled.path_of(path_or_name), ()))

    def questions(self) -> Iterator[tuple[Node, Cell]]:
        """Every question node with its cell, in form (document) order."""
        cells = self._cells
        for node in self._order:  # every node with a cell, in document order (see _reindex)
            cell = cells.get(node)
            if cell is not None and isinstance(cell.element, Question):
                yield node, cell

    def answers_to_save(self) -> dict[str, Any]:
        """Relevant, non-empty answers and calculations, nested like the supplied answers."""
        return saved_answers(self.root, self._cells)

    @property
    def errors(self) -> dict[Key, str]:
        """Expressions that failed to evaluate (a mistake in the form), by node."""
        return {self.key(n): c.error for n, c in self._cells.items() if c.error}

    @property
    def valid(self) -> bool:
        """True when every relevant question is valid (required ones answered)."""
        return all(not cell.problem for _, cell in self.questions())

    def problems(self) -> list[tuple[Key, str]]:
        """(node, problem) for every invalid question, in form order."""
        return [(self.key(n), c.problem) for n, c in self.questions() if c.problem]

    def extra_entries(self) -> list[ExtraEntries]:
        """Counted repeats the answers gave more entries than their repeat_count allows:
        the state (like ODK) keeps only the first ones, so callers checking supplied
        answers (`form inspect`, `record add`) refuse them rather than drop them silently."""
        out = []
        for owner, group, given in self._builder.given:
            if owner not in self._cells:  # inside an entry a count removed: reported there
                continue
            kept = len(owner.children_named(group.name))
            if given > kept:
                path, instance = self.key(owner)
                where = path.rsplit("/", 1)[-1] + "".join(f"[{i}]" for i in instance)
                out.append(
                    ExtraEntries(
                        group.name, group.repeat_count, where if instance else "", given, kept
                    )
                )
        return out

    def check_entries(self) -> None:
        """InvalidInput naming the first counted repeat given too many entries."""
        extra = self.extra_entries()
        if extra:
            more = f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""
            raise InvalidInput(extra[0].message + more)

    # -- changing ----------------------------------------------------------------------
    def set_answer(
        self, path_or_name: str, value: Any, instance: int | Sequence[int] = ()
    ) -> Changes:
        """Answer one question (None clears it) and re-evaluate what depends on it."""
        node = self.node(path_or_name, instance)
        cell = self._cells[node]
        if not isinstance(cell.element, Question):
            raise InvalidInput(f"'{cell.element.name}' is a group, not a question")
        self._begin()
        if self._store(node, cell, value):
            dirty = list(self.compiled.graph.readers(cell.element.path))
            self._fire_triggers(node, cell.element.path, dirty)
            self._propagate(dirty)
        return self._finish()

    def add_repeat(
        self,
        path_or_name: str,
        answers: Mapping[str, Any] | None = None,
        parent: int | Sequence[int] = (),
    ) -> Changes:
        """Add one instance at the end of a repeat (inside the `parent` instance if nested)."""
        group = self._repeat(path_or_name)
        parent_path = group.path.rsplit("/", 1)[0]
        owner = self.node(parent_path, parent)
        self._begin()
        self._add_instance(owner, group, answers or {})
        self._after_instances(group.path)
        return self._finish()

    def remove_repeat(self, path_or_name: str, instance: int | Sequence[int]) -> Changes:
        """Remove one instance of a repeat (later instances move up one)."""
        group = self._repeat(path_or_name)
        node = self.node(group.path, instance)
        self._begin()
        self._remove_instance(node)
        self._after_instances(group.path)
        return self._finish()

    def recompute(self) -> Changes:
        """Evaluate every bind in order and check every question (the full, slow way)."""
        self._begin()
        self._evaluate_all()
        return self._finish()

    def _evaluate_all(self) -> None:
        for rank in range(len(self.compiled.graph.binds)):
            self._run(rank, full=True)
        self._touched.update(self._cells)
        self._settle()

    def refresh_clock(self) -> Changes:
        """Read the clock again and re-evaluate what uses now() or today()."""
        self._now = self._clock()
        self._begin()
        volatile = [r for r, b in enumerate(self.compiled.graph.binds) if b.expr.volatile]
        self._propagate(volatile)
        return self._finish()

    @property
    def language(self) -> str | None:
        """The form language expressions use (jr:choice-name); None: the default one."""
        return self._ctx.language

    def set_language(self, lang: str | None) -> Changes:
        """Use another form language; re-evaluates everything (a calculation may hold a
        jr:choice-name label, as ODK recomputes it when the language changes)."""
        self._ctx = self._ctx.replaced(language=lang)
        self._contexts.clear()
        return self.recompute()

    def _repeat(self, path_or_name: str) -> Group:
        element = self.compiled.element(path_or_name)
        if not isinstance(element, Group) or not element.repeat:
            raise InvalidInput(f"'{element.name}' is not a repeat")
        if element.repeat_count:
            raise InvalidInput(f"'{element.name}' has a repeat_count: its instances follow it")
        return element

    # -- labels and messages -------------------------------------------------------------
    def message(self, cell: Cell, lang: str | None = None) -> str | None:
        """Why the question is invalid, in `lang` (else the default language), or None."""
        element = cell.element
        if not cell.problem or not isinstance(element, Question):
            return None
        default = self.form.default_language
        if cell.problem == "required":
            return text_in(element.required_messages, lang, default) or "This answer is required."
        if cell.problem == "constraint":
            return (
                text_in(element.constraint_messages, lang, default) or "This answer is not allowed."
            )
        if cell.problem == "choice":
            return "This choice is not offered here."
        return f"This answer {cell.problem.removeprefix('type:')}."
