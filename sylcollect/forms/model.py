"""The loaded form: frozen dataclasses built from an XLSForm, and the form error type.

Expressions (relevant, constraint, calculation, ...) stay as the XLSForm source strings,
with their `${name}` references; the expression engine in `sylcollect.forms.expr` parses
them. Translatable texts are `dict[language, text]`, with "default" for untranslated columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sylcollect.errors import InvalidInput

DEFAULT_LANG = "default"

#: Types whose value the form (not the person answering) supplies.
CALCULATED_TYPES = frozenset({"calculate", "hidden"})
#: Metadata the app fills in by itself.
METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "instanceid",
        "simserial",
        "subscriberid",
        "phonenumber",
        "email",
    }
)
#: Types that display something but hold no answer of their own.
DISPLAY_TYPES = frozenset({"note"})
SELECT_TYPES = frozenset({"select_one", "select_multiple", "rank", "select_one_external"})


class FormError(InvalidInput):
    """An XLSForm could not be loaded: the message names the file, the row and the problem."""


def text_in(texts: Mapping[str, str], lang: str | None = None, fallback: str = DEFAULT_LANG) -> str:
    """The text in `lang`, else in `fallback`, else "default", else any language, else ""."""
    for key in (lang, fallback, DEFAULT_LANG):
        if key is not None and texts.get(key):
            return texts[key]
    return next((t for t in texts.values() if t), "")


@dataclass(frozen=True)
class Choice:
    """One choice of a choice list: its name (the stored value), labels, media, extra columns."""

    name: str
    labels: dict[str, str] = field(default_factory=dict)
    media: dict[str, dict[str, str]] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    """One survey row that holds (or shows) a value; immutable once the form is loaded."""

    name: str
    path: str
    type: str
    xls_type: str = ""
    row: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    guidance_hints: dict[str, str] = field(default_factory=dict)
    constraint_messages: dict[str, str] = field(default_factory=dict)
    required_messages: dict[str, str] = field(default_factory=dict)
    media: dict[str, dict[str, str]] = field(default_factory=dict)
    required: str = ""
    relevant: str = ""
    constraint: str = ""
    calculation: str = ""
    default: str = ""
    readonly: str = ""
    trigger: str = ""
    appearance: str = ""
    parameters: dict[str, str] = field(default_factory=dict)
    choice_list: str = ""
    choice_filter: str = ""
    or_other: bool = False
    extras: dict[str, str] = field(default_factory=dict)
    bind: dict[str, str] = field(default_factory=dict)
    control: dict[str, str] = field(default_factory=dict)

    @property
    def is_select(self) -> bool:
        """True for select_one, select_multiple, rank and select_one_external."""
        return self.type in SELECT_TYPES

    @property
    def is_calculated(self) -> bool:
        """True when the form computes the value: calculate/hidden rows or a calculation."""
        return self.type in CALCULATED_TYPES or bool(self.calculation)

    @property
    def is_metadata(self) -> bool:
        """True for start, end, today, deviceid, instanceid and the like."""
        return self.type in METADATA_TYPES

    @property
    def takes_answer(self) -> bool:
        """True when a person supplies this question's value."""
        return not (self.is_calculated or self.is_metadata or self.type in DISPLAY_TYPES)

    def label(self, lang: str | None = None, fallback: str = DEFAULT_LANG) -> str:
        """The label in `lang` (see `text_in`)."""
        return text_in(self.labels, lang, fallback)


@dataclass(frozen=True)
class Group:
    """A group or repeat of the survey (the form's root is a group too)."""

    name: str
    path: str
    row: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    relevant: str = ""
    appearance: str = ""
    repeat: bool = False
    repeat_count: str = ""
    children: tuple[Question | Group, ...] = ()
    control: dict[str, str] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def field_list(self) -> bool:
        """True when the group is shown on one screen (appearance `field-list`)."""
        return "field-list" in self.appearance.split()

    def questions(self) -> Iterator[Question]:
        """Every question below this group, in form order (repeats included)."""
        for child in self.children:
            if isinstance(child, Group):
                yield from child.questions()
            else:
                yield child

    def groups(self) -> Iterator[Group]:
        """Every group and repeat below this group, in form order."""
        for child in self.children:
            if isinstance(child, Group):
                yield child
                yield from child.groups()

    def elements(self) -> Iterator[Question | Group]:
        """Every group and question below this group, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.elements()

    def label(self, lang: str | None = None, fallback: str = DEFAULT_LANG) -> str:
        """The label in `lang` (see `text_in`)."""
        return text_in(self.labels, lang, fallback)


@dataclass(frozen=True)
class Form:
    """A loaded XLSForm: its questions, choice lists, extra sheets and pyxform's XForm."""

    id: str
    version: str
    title: str
    default_language: str
    languages: tuple[str, ...]
    root: Group
    choice_lists: dict[str, tuple[Choice, ...]] = field(default_factory=dict)
    external_choices: dict[str, tuple[Choice, ...]] = field(default_factory=dict)
    extra_sheets: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    source_sha256: str = ""
    xform_xml: str = ""
    warnings: tuple[str, ...] = ()

    def questions(self) -> Iterator[Question]:
        """Every question of the form in form order (inside repeats too)."""
        return self.root.questions()

    def groups(self) -> Iterator[Group]:
        """Every group and repeat of the form in form order."""
        return self.root.groups()

    def find(self, name: str) -> Question | None:
        """The first question called `name` in form order, or None."""
        return next((q for q in self.questions() if q.name == name), None)

    def question(self, name: str) -> Question:
        """The first question called `name`; KeyError if there is none."""
        found = self.find(name)
        if found is None:
            raise KeyError(name)
        return found

    def by_path(self, path: str) -> Question | Group:
        """The question or group at `path` (like `/data/grp/q`); KeyError if there is none."""
        if path == self.root.path:
            return self.root
        for element in self.root.elements():
            if element.path == path:
                return element
        raise KeyError(path)

    def choices(self, question: Question) -> tuple[Choice, ...]:
        """The choices of a select question (external choices for select_one_external)."""
        if question.type == "select_one_external":
            return self.external_choices.get(question.choice_list, ())
        return self.choice_lists.get(question.choice_list, ())

    def container_of(self, element: Question | Group) -> Group:
        """The innermost repeat holding `element`, or the root group."""
        best = self.root
        for group in self.groups():
            if group.repeat and element.path.startswith(group.path + "/"):
                best = group
        return best
