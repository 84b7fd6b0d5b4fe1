# ruff: noqa: E501
"""Small XLSForms (markdown) for the form-state tests, and a helper to build states."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sylcollect.forms.compiled import CompiledForm, compile_form
from sylcollect.forms.state import FormState
from sylcollect.forms.xlsform import load_form_text

FIXED_NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)

LANG = """
| survey |
|  | type              | name   | label::English (en) | label::Français (fr) | relevant         | required | required_message::English (en) | required_message::Français (fr) | constraint          | constraint_message::English (en) | constraint_message::Français (fr) | calculation                   | default | choice_filter      |
|  | integer           | age    | Age?                | Âge ?                |                  | yes      | Age is needed                  | L'âge est requis                | . >= 10 and . <= 25 | Between 10 and 25                | Entre 10 et 25                    |                               |         |                    |
|  | calculate         | age2   |                     |                      |                  |          |                                |                                 |                     |                                  |                                   | ${age} * 2                    |         |                    |
|  | calculate         | age4   |                     |                      |                  |          |                                |                                 |                     |                                  |                                   | ${age2} * 2                   |         |                    |
|  | calculate         | older  |                     |                      |                  |          |                                |                                 |                     |                                  |                                   | if(${age4} > 60, 'yes', 'no') |         |                    |
|  | text              | why    | Why, at ${age}?     | Pourquoi, à ${age} ? | ${older} = 'yes' |          |                                |                                 |                     |                                  |                                   |                               |         |                    |
|  | begin group       | more   | More                | Plus                 | ${why} != ''     |          |                                |                                 |                     |                                  |                                   |                               |         |                    |
|  | text              | detail | Detail              | Détail               |                  | yes      |                                |                                 |                     |                                  |                                   |                               |         |                    |
|  | integer           | count  | Count               | Nombre               |                  |          |                                |                                 |                     |                                  |                                   |                               | 3       |                    |
|  | end group         | more   |                     |                      |                  |          |                                |                                 |                     |                                  |                                   |                               |         |                    |
|  | select_one region | region | Region              | Région               |                  |          |                                |                                 |                     |                                  |                                   |                               |         |                    |
|  | select_one town   | town   | Town                | Ville                |                  |          |                                |                                 |                     |                                  |                                   |                               |         | region = ${region} |
| choices |
|  | list_name | name   | label::English (en) | label::Français (fr) | region |
|  | region    | north  | North               | Nord                 |        |
|  | region    | south  | South               | Sud                  |        |
|  | town      | durham | Durham              | Durham               | north  |
|  | town      | leeds  | Leeds               | Leeds                | north  |
|  | town      | exeter | Exeter              | Exeter               | south  |
| settings |
|  | form_id | version | default_language |
|  | lang    | 3       | English (en)     |
"""

CHOICE_NAME = """
| survey |
|  | type             | name   | label::English (en)   | label::Français (fr)     | calculation                        |
|  | select_one col   | colour | Colour?               | Couleur ?                |                                    |
|  | calculate        | named  |                       |                          | jr:choice-name(${colour}, '${colour}') |
|  | note             | said   | You chose ${named}    | Vous avez choisi ${named} |                                    |
| choices |
|  | list_name | name  | label::English (en) | label::Français (fr) |
|  | col       | red   | Red                 | Rouge                |
|  | col       | amber | Amber               |                      |
| settings |
|  | form_id     | version | default_language |
|  | choice_name | 1       | English (en)     |
"""

REPEATS = """
| survey |
|  | type         | name      | label          | relevant            | constraint          | calculation                                | repeat_count | default        |
|  | integer      | n_kids    | How many?      |                     | . <= 6              |                                            |              |                |
|  | begin repeat | kid       | Child          |                     |                     |                                            | ${n_kids}    |                |
|  | calculate    | pos       |                |                     |                     | position(..)                               |              |                |
|  | text         | kname     | Name of #${pos} |                    |                     |                                            |              |                |
|  | integer      | kage      | Age            |                     | . < ../../parent_age |                                           |              |                |
|  | text         | school    | School         | ../kage >= 5        |                     |                                            |              |                |
|  | calculate    | older_sib |                |                     |                     | if(../pos > 1, 'yes', 'no')               |              |                |
|  | end repeat   | kid       |                |                     |                     |                                            |              |                |
|  | integer      | parent_age | Your age      |                     |                     |                                            |              |                |
|  | calculate    | total_age |                |                     |                     | sum(${kage})                               |              |                |
|  | calculate    | n_school  |                |                     |                     | count(${kid}[kage >= 5])                   |              |                |
|  | begin repeat | visit     | Visit          |                     |                     |                                            |              |                |
|  | date         | when      | When           |                     |                     |                                            |              | today()        |
|  | text         | note      | Note           |                     |                     |                                            |              | concat('v', position(..)) |
|  | end repeat   | visit     |                |                     |                     |                                            |              |                |
|  | calculate    | visits    |                |                     |                     | count(${visit})                            |              |                |
| settings |
|  | form_id | version |
|  | repeats | 1       |
"""

BRANCHES = """
| survey |
|  | type            | name   | label  | relevant                          | required         | constraint   | calculation                          |
|  | select_one yn   | a      | A      |                                   |                  |              |                                      |
|  | select_one yn   | b      | B      | ${a} = 'yes'                      | yes              |              |                                      |
|  | integer         | c      | C      | ${b} = 'yes'                      | ${a} = 'yes'     | . > ${d}     |                                      |
|  | integer         | d      | D      |                                   |                  |              |                                      |
|  | begin group     | g      | G      | ${c} != '' or ${d} > 5            |                  |              |                                      |
|  | select_one yn   | e      | E      |                                   |                  |              |                                      |
|  | begin group     | h      | H      | ${e} = 'yes'                      |                  |              |                                      |
|  | integer         | f      | F      |                                   |                  |              |                                      |
|  | end group       | h      |        |                                   |                  |              |                                      |
|  | end group       | g      |        |                                   |                  |              |                                      |
|  | calculate       | s1     |        |                                   |                  |              | coalesce(${f}, 0) + coalesce(${c}, 0) |
|  | calculate       | s2     |        |                                   |                  |              | ${s1} * 10                           |
|  | calculate       | s3     |        |                                   |                  |              | concat(${s2}, '/', ${a})             |
|  | text            | t      | T      | ${s2} > 100                       |                  |              |                                      |
|  | calculate       | stamp  |        |                                   |                  |              | once(today())                        |
| choices |
|  | list_name | name | label |
|  | yn        | yes  | Yes   |
|  | yn        | no   | No    |
| settings |
|  | form_id  | version |
|  | branches | 1       |
"""


def compiled(text: str, name: str = "form.md") -> CompiledForm:
    return compile_form(load_form_text(text, name), name)


def state(text: str, answers: Mapping[str, Any] | None = None) -> FormState:
    return FormState(compiled(text), answers, clock=lambda: FIXED_NOW)


def snapshot(st: FormState) -> list[tuple[Any, ...]]:
    """Everything observable about every question and group of a state."""
    out = []
    from sylcollect.forms.state_build import walk

    for node in walk(st.root):
        if node.is_document:
            continue
        c = st._cells[node]
        out.append(
            (
                st.key(node),
                node.text,
                c.value,
                c.relevant,
                c.required,
                c.readonly,
                c.choices,
                c.problem,
                c.error,
            )
        )
    return out
