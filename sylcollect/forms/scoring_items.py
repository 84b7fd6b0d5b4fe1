"""Which questions a `scoring` sheet may name as items: those that can give a number.

A score reads one answer per item from a record's saved answers, so an item inside a repeat
(a list of answers), a group, or a question whose answer is not one number (text,
select_multiple, dates...) could never be scored: such a sheet is refused when the form is
loaded, naming the scale's row, the item and why.
"""

from __future__ import annotations

from sylcollect.forms.model import Form, Group
from sylcollect.forms.scoring_spec import ScoringSheetError, ScoringSpec

#: Question types whose answer can be one number: typed in, a single choice's name, computed.
SCORABLE_TYPES = frozenset(
    {"integer", "decimal", "range", "select_one", "select_one_external", "calculate", "hidden"}
)


def unscorable_items(form: Form) -> dict[str, str]:
    """Element name -> why it can never be a scoring item (scorable ones are left out)."""
    out: dict[str, str] = {}

    def walk(group: Group, repeat: str | None) -> None:
        for child in group.children:
            if isinstance(child, Group):
                kind = "repeat" if child.repeat else "group"
                out.setdefault(child.name, f"is a {kind}, not a question")
                walk(child, child.name if child.repeat else repeat)
            elif repeat is not None:
                out.setdefault(
                    child.name,
                    f"is inside the repeat '{repeat}', which has one answer per entry; "
                    "a scale reads one answer per item",
                )
            elif child.type not in SCORABLE_TYPES:
                out.setdefault(
                    child.name,
                    f"is a {child.type} question, whose answer is not a number; "
                    "items must be integer, decimal, "
                    "range, select_one, calculate or hidden questions",
                )

    walk(form.root, None)
    return out


def check_scorable(spec: ScoringSpec, form: Form) -> None:
    """Raise ScoringSheetError naming the first item of a scale that can never score."""
    why = unscorable_items(form)
    for scale in spec.scales:
        for item in scale.items:
            if item in why:
                raise ScoringSheetError(
                    f"scoring sheet, row {scale.row}, column 'items': scale '{scale.name}' "
                    f"can never be scored: item '{item}' {why[item]}"
                )
