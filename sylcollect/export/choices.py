"""A question's choices across form versions: one set of codes and labels, and its history.

Variables are per form (one table across versions), so a coded variable has one set of value
labels. Codes are stable by choice name: the names of every version (oldest first), each
labelled as the newest version that has it words it, so a choice an old version had and a
newer one dropped keeps its old label (its records still export labelled). Where versions
word a choice (or the question) differently, or offer a choice only in some versions, the
codebook says so: `history` gives those words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sylcollect.export.schema import DECLINED
from sylcollect.forms.model import Choice, Form, Question


class Occurrence(Protocol):
    """A question as one form version has it."""

    form: Form
    question: Question


def choice_label(form: Form, choice: Choice) -> str:
    """The choice's label in the form's default language (else any label, else its name)."""
    return choice.labels.get(form.default_language) or next(
        (t for t in choice.labels.values() if t), choice.name
    )


def question_label(form: Form, question: Question) -> str:
    return question.label(form.default_language) or question.name


def _versions(versions: Sequence[str]) -> str:
    word = "version" if len(versions) == 1 else "versions"
    return f"{word} {', '.join(versions)}"


def wording(current: str, by_version: Sequence[tuple[str, str]]) -> str:
    """The other wordings, like `version 1: "Red"` ('' when every version says `current`)."""
    others: dict[str, list[str]] = {}
    for version, text in by_version:
        if text != current:
            others.setdefault(text, []).append(version)
    return ", ".join(f'{_versions(vs)}: "{text}"' for text, vs in others.items())


def label_history(occurrences: Sequence[Occurrence], current: str) -> str:
    """How older versions worded the question, when they differ (for the codebook's note)."""
    said = wording(current, [(o.form.version, question_label(o.form, o.question))
                             for o in reversed(occurrences)])  # fmt: skip
    return f"question label in {said}" if said else ""


@dataclass
class ChoiceSet:
    """The choices of one question over every version that has it (newest first given)."""

    names: list[str] = field(default_factory=list)
    """Every choice name but `pnts`, oldest version first, then in choice-list order."""
    labels: dict[str, str] = field(default_factory=dict)
    """Each name's label in the newest version that has it."""
    declinable: bool = False
    versions: tuple[str, ...] = ()
    """The versions that have the question, oldest first."""
    offered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each name's versions, oldest first."""
    worded: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Each name's (version, label), oldest first."""

    @classmethod
    def of(cls, occurrences: Sequence[Occurrence]) -> ChoiceSet:
        found = cls()
        offered: dict[str, list[str]] = {}
        versions: list[str] = []
        for occ in reversed(occurrences):  # oldest first
            version = occ.form.version
            if version not in versions:
                versions.append(version)
            for choice in occ.form.choices(occ.question):
                if choice.name == DECLINED:
                    found.declinable = True
                    continue
                if choice.name not in offered:
                    found.names.append(choice.name)
                if version not in offered.setdefault(choice.name, []):
                    offered[choice.name].append(version)
                    label = choice_label(occ.form, choice)
                    found.worded.setdefault(choice.name, []).append((version, label))
                    found.labels[choice.name] = label  # a newer version's wording wins
        found.versions = tuple(versions)
        found.offered = {n: tuple(vs) for n, vs in offered.items()}
        return found

    @property
    def varies(self) -> bool:
        """Whether some version lacks a choice another one has."""
        return any(len(vs) != len(self.versions) for vs in self.offered.values())

    def offered_in(self) -> dict[str, frozenset[str]]:
        """Version -> the choice names it offers."""
        return {v: frozenset(n for n in self.names if v in self.offered[n]) for v in self.versions}

    def history(self, name: str) -> str:
        """The codebook's words on a choice: versions that lack it, other wordings."""
        parts = []
        if len(self.offered[name]) != len(self.versions):
            parts.append(f"only in {_versions(self.offered[name])}")
        said = wording(self.labels[name], self.worded[name])
        if said:
            parts.append(f"label in {said}")
        return ", ".join(parts)
