"""The evaluator's shortcuts give what the general rules give.

Comparisons with a literal number or a literal non-date text are compiled to direct tests,
and number/string conversions check the commonest types first; each is checked here against
`compare()` / the general conversions on node-sets of every shape and on atoms.
"""

from __future__ import annotations

import math

import pytest

from sylcollect.forms.expr import EvalContext, Node, evaluate, new_document, parse
from sylcollect.forms.expr.operators import compare
from sylcollect.forms.expr.syntax import Binary
from tests.core.forms.test_state_forms import state

TEXTS = ["", "2", " 2 ", "2.0", "abc", "yes", "2020-01-01", "2020-1-1", "-1", "NaN", "1e3"]


def _instance() -> Node:
    data = Node("data")
    for i, text in enumerate(TEXTS):
        data.append(Node(f"v{i}", text))
    for text in ("1", "yes", "5"):
        data.append(Node("many", text))
    new_document(data)
    return data


LEFTS = [*(f"/data/v{i}" for i in range(len(TEXTS))), "/data/many", "/data/none"]
LEFTS += ["'2'", "'yes'", "''", "2", "0 div 0", "true()", "false()"]
RIGHTS = ["0", "2", "-1", "2.5", "0.0", "'yes'", "'2'", "''", "'abc'", "'no way'"]


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "=", "!="])
def test_comparisons_with_literals_agree_with_compare(op: str) -> None:
    root = _instance()
    ctx = EvalContext(root, context=root)
    for left in LEFTS:
        for right in RIGHTS:
            source = f"{left} {op} {right}"
            tree = parse(source)
            assert isinstance(tree, Binary)
            expected = compare(op, evaluate(tree.left, ctx), evaluate(tree.right, ctx))
            assert evaluate(tree, ctx) is expected, source


def test_dates_as_literals_keep_the_date_rule() -> None:
    root = _instance()
    ctx = EvalContext(root, context=root)
    assert evaluate("/data/v7 = '2020-01-01'", ctx) is True  # two spellings, one date
    assert evaluate("/data/v6 != '2020-1-1'", ctx) is False


def test_conversions_of_node_sets_and_atoms() -> None:
    root = _instance()
    ctx = EvalContext(root, context=root)
    assert evaluate("number(/data/none)", ctx) != evaluate("number(/data/none)", ctx)  # NaN
    assert evaluate("number(/data/many)", ctx) == 1.0
    assert evaluate("/data/v1 + /data/v2", ctx) == 4.0
    assert evaluate("string(/data/many)", ctx) == "1"
    assert math.isnan(evaluate("/data/v4 * 1", ctx))  # type: ignore[arg-type]
    assert evaluate("'7' + 1", ctx) == 8.0


FORM = """
| survey |
|        | type         | name  | label | calculation                 | relevant |
|        | integer      | n     | N     |                             |          |
|        | begin repeat | kid   | Kid   |                             |          |
|        | text         | kname | Name  |                             | ${n} > 0 |
|        | calculate    | who   |       | concat(${kname}, '/', ${n}) |          |
|        | end repeat   |       |       |                             |          |
|        | calculate    | kids  |       | count(${kid})               |          |
|        | calculate    | first |       | ${kid}[1]/kname             |          |
"""


def test_references_follow_instances_added_and_removed() -> None:
    """A state remembers where its ${name}s led; adding or removing instances forgets it."""
    st = state(FORM, {"n": 1, "kid": [{"kname": "a"}, {"kname": "b"}]})
    assert st.cell("kids").value == "2" and st.cell("first").value == "a"
    assert [st.cell("who", i).value for i in (1, 2)] == ["a/1", "b/1"]
    st.remove_repeat("kid", 1)
    assert st.cell("kids").value == "1" and st.cell("first").value == "b"
    assert st.cell("who", 1).value == "b/1"
    st.add_repeat("kid", {"kname": "c"})
    st.set_answer("n", 2)
    assert st.cell("kids").value == "2"
    assert [st.cell("who", i).value for i in (1, 2)] == ["b/2", "c/2"]
    assert not st.recompute()  # nothing stale
