"""Names and argument counts of the functions the expression language knows."""

from __future__ import annotations

# name -> (fewest arguments, most arguments or None for any number)
ARITY: dict[str, tuple[int, int | None]] = {
    # XPath 1.0 node-set functions
    "last": (0, 0),
    "position": (0, 1),
    "count": (1, 1),
    "name": (0, 1),
    "local-name": (0, 1),
    # XPath 1.0 string functions and ODK string functions
    "string": (0, 1),
    "concat": (0, None),
    "join": (1, None),
    "starts-with": (2, 2),
    "ends-with": (2, 2),
    "contains": (2, 2),
    "substring": (2, 3),
    "substring-before": (2, 2),
    "substring-after": (2, 2),
    "substr": (2, 3),
    "string-length": (0, 1),
    "normalize-space": (0, 1),
    "translate": (3, 3),
    "lower-case": (1, 1),
    "upper-case": (1, 1),
    "regex": (2, 2),
    "coalesce": (2, 2),
    "uuid": (0, 1),
    # booleans
    "boolean": (1, 1),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "boolean-from-string": (1, 1),
    "if": (3, 3),
    "checklist": (2, None),
    "weighted-checklist": (2, None),
    # numbers
    "number": (0, 1),
    "int": (1, 1),
    "sum": (1, 1),
    "floor": (1, 1),
    "ceiling": (1, 1),
    "round": (1, 2),
    "abs": (1, 1),
    "pow": (2, 2),
    "sqrt": (1, 1),
    "exp": (1, 1),
    "exp10": (1, 1),
    "log": (1, 1),
    "log10": (1, 1),
    "pi": (0, 0),
    "sin": (1, 1),
    "cos": (1, 1),
    "tan": (1, 1),
    "asin": (1, 1),
    "acos": (1, 1),
    "atan": (1, 1),
    "atan2": (2, 2),
    "min": (1, None),
    "max": (1, None),
    "count-non-empty": (1, 1),
    # select answers
    "selected": (2, 2),
    "count-selected": (1, 1),
    "selected-at": (2, 2),
    "jr:choice-name": (2, 2),
    # dates
    "today": (0, 0),
    "now": (0, 0),
    "date": (1, 1),
    "date-time": (1, 1),
    "decimal-date-time": (1, 1),
    "format-date": (2, 2),
    "format-date-time": (2, 2),
    # form structure and instances
    "once": (1, 1),
    "current": (0, 0),
    "instance": (1, 1),
    "indexed-repeat": (3, None),
    "pulldata": (4, 4),
}

# Functions whose value changes without any answer changing.
VOLATILE = frozenset({"now", "today", "uuid"})
