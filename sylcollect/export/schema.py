"""What an export holds: variables and tables, independent of any file format.

A form gives one record-level table (one row per record) and one table per repeat (one row
per repeat instance, linked by `record_uuid` and `instance`). Every version of the form
contributes: variables follow the newest version's order, variables that only older versions
had come after, and choice codes are given oldest version first so that they stay put when a
new version adds choices.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sylcollect.forms.scoring import PREFER_NOT_TO_SAY

DECLINED = PREFER_NOT_TO_SAY
DECLINED_LABEL = "I'd rather not say"
YES_NO: Mapping[int, str] = {0: "No", 1: "Yes"}
_INTEGER = re.compile(r"^-?\d{1,9}$")


class VarKind(enum.StrEnum):
    """How a variable's values are stored."""

    NUMBER = "numeric"
    CODED = "coded"  # a text value (a choice name, a band) stored as an integer code
    TEXT = "string"
    DATE = "date"
    DATETIME = "datetime"


class VarRole(enum.StrEnum):
    """Where a variable comes from."""

    KEY = "key"
    META = "metadata"
    IDENTIFIER = "identifier"
    ANSWER = "answer"
    CHOICE = "choice"  # one 0/1 variable per choice of a select_multiple
    SCORE = "score"
    BAND = "band"


@dataclass(frozen=True)
class Variable:
    """One column of a table, with everything the codebook and the labelled formats need."""

    name: str
    label: str
    kind: VarKind
    role: VarRole
    source: str = ""
    versions: tuple[str, ...] = ()
    codes: Mapping[str, int] = field(default_factory=dict)
    """CODED: stored text (choice name, band label) -> integer code."""
    value_labels: Mapping[int, str] = field(default_factory=dict)
    """Integer code -> label, for CODED variables and 0/1 variables."""
    value_notes: Mapping[int, str] = field(default_factory=dict)
    """Integer code -> what the codebook adds after its label (versions, other wordings)."""
    missing_code: int | None = None
    """The numeric code of "I'd rather not say" in SPSS (Stata uses `.a`), when it can occur."""
    free_text: bool = False
    note: str = ""

    @property
    def declinable(self) -> bool:
        return self.missing_code is not None

    @property
    def identifier(self) -> bool:
        return self.role is VarRole.IDENTIFIER


@dataclass(frozen=True)
class Table:
    """One output table: a form's records, or the instances of one of its repeats."""

    name: str
    form_id: str
    title: str
    variables: tuple[Variable, ...]
    repeat: tuple[str, ...] = ()
    """Names of the repeats from the root to this table's repeat (empty: the record table)."""

    @property
    def is_repeat(self) -> bool:
        return bool(self.repeat)


def missing_code_for(codes: Mapping[str, int]) -> int:
    """-99, or -999, -9999 ... when a real code already uses it."""
    taken = set(codes.values())
    code = -99
    while code in taken:
        code = code * 10 - 9
    return code


def choice_codes(names: list[str]) -> tuple[dict[str, int], str]:
    """Codes for choice names (without `pnts`): the numbers themselves when every name is an
    integer, else 1..n in order; with a note for the codebook."""
    numbers = [int(n) for n in names if _INTEGER.match(n)]
    if names and len(numbers) == len(names) and len(set(numbers)) == len(names):
        return {n: int(n) for n in names}, "codes are the choice names"
    return (
        {n: i for i, n in enumerate(names, 1)},
        "choice names are not all whole numbers: coded 1..n in choice order",
    )


def key_variables(nested: bool) -> tuple[Variable, ...]:
    """The linking columns of a repeat table."""
    keys = [
        Variable(
            "record_uuid",
            "Record id (links to the form's record table)",
            VarKind.TEXT,
            VarRole.KEY,
            "record",
        )
    ]
    if nested:
        keys.append(
            Variable(
                "parent_instance",
                "Instance numbers of the enclosing repeats, outermost first (like 2.1)",
                VarKind.TEXT,
                VarRole.KEY,
                "repeat",
            )
        )
    keys.append(
        Variable("instance", "Instance number within the record (1, 2, ...)", VarKind.NUMBER,
                 VarRole.KEY, "repeat")
    )  # fmt: skip
    return tuple(keys)


def meta_variables(identifiers: bool) -> tuple[Variable, ...]:
    """The metadata columns that start every record table."""

    def meta(name: str, label: str, kind: VarKind = VarKind.TEXT) -> Variable:
        return Variable(name, label, kind, VarRole.META, "record metadata")

    out = [
        meta("record_uuid", "Record id"),
        meta("participant_code", "Participant code (pseudonymous)"),
    ]
    if identifiers:
        out += [
            Variable("participant_name", "Participant name (identifier)", VarKind.TEXT,
                     VarRole.IDENTIFIER, "participant identity"),
            Variable("participant_dob", "Participant date of birth (identifier)", VarKind.DATE,
                     VarRole.IDENTIFIER, "participant identity"),
        ]  # fmt: skip
    out += [
        meta("site_id", "Site"),
        meta("wave_id", "Wave"),
        meta("mode", "How the answers were collected"),
        meta("paper_date", "Date written on the paper form (paper transcriptions)", VarKind.DATE),
        meta("status", "Record status (draft or final)"),
        meta("form_version", "Form version the record was collected with"),
        meta("created_at", "When the record was saved (UTC)", VarKind.DATETIME),
    ]
    return tuple(out)
