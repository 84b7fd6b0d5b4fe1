"""XLSForm features in the form model: languages, groups, repeats, selects, extra sheets."""

# ruff: noqa: E501 (XLSForm tables are wide)

from __future__ import annotations

from sylcollect.forms.model import Group, Question, text_in
from sylcollect.forms.xlsform import load_form_text

FULL = """
| survey |
| | type | name | label::English (en) | label::French (fr) | hint::English (en) | constraint | constraint_message::English (en) | required | relevant | appearance | choice_filter | parameters | repeat_count | calculation | image::English (en) | sylcollect::item | default |
| | integer | age | Age | Âge | In years | . >= 0 | Not negative | yes | | | | | | | age.png | A1 | 15 |
| | select_one yn or_other | ok | OK? | D'accord ? | | | | | ${age} > 3 | minimal | | | | | | | |
| | select_one city | city | City | Ville | | | | | | | country=${ok} | | | | | | |
| | range | r | Scale | Échelle | | | | | | | | start=0 end=20 step=2 | | | | | |
| | begin group | g | Page | Page | | | | | ${age} > 10 | field-list | | | | | | | |
| | select_multiple yn | sm | Pick | Choisir | | | | | | | | | | | | | |
| | begin repeat | kids | Children | Enfants | | | | | | | | | ${age} | | | | |
| | text | kid | Name | Nom | | | | | | | | | | | | | |
| | begin repeat | toys | Toys | Jouets | | | | | | | | | | | | | |
| | text | toy | Toy | Jouet | | | | | | | | | | | | | |
| | end repeat | | | | | | | | | | | | | | | | |
| | end repeat | | | | | | | | | | | | | | | | |
| | end group | | | | | | | | | | | | | | | | |
| | calculate | double | | | | | | | | | | | | ${age} * 2 | | | |
| | geopoint | where | Where | Où | | | | | | | | | | | | | |
| | rank yn | rk | Rank | Classer | | | | | | | | | | | | | |
| | start | started | | | | | | | | | | | | | | | |
| choices |
| | list_name | name | label::English (en) | label::French (fr) | country | image::English (en) |
| | yn | yes | Yes | Oui | | yes.png |
| | yn | no | No | Non | | |
| | city | paris | Paris | Paris | yes | |
| | city | london | London | Londres | no | |
| settings |
| | form_id | version | default_language |
| | full | 3 | English (en) |
| scoring |
| | scale | item | reverse |
| | total | age | no |
| safeguarding |
| | expression | message::English (en) |
| | ${age} < 13 | Check the age |
| notes |
| | anything |
| | kept too |
"""


def test_languages_and_translations() -> None:
    form = load_form_text(FULL, "full.md")
    assert form.default_language == "English (en)"
    assert form.languages[:2] == ("English (en)", "French (fr)")
    age = form.question("age")
    assert age.labels == {"English (en)": "Age", "French (fr)": "Âge"}
    assert age.hints == {"English (en)": "In years"}
    assert age.constraint == ". >= 0"
    assert age.constraint_messages == {"English (en)": "Not negative"}
    assert age.media == {"image": {"English (en)": "age.png"}}
    assert age.default == "15"
    assert age.extras == {"item": "A1"}
    assert age.label("French (fr)") == "Âge"
    assert age.label("German", "English (en)") == "Age"
    assert text_in({}, "x") == ""


def test_groups_and_repeats() -> None:
    form = load_form_text(FULL, "full.md")
    page = form.by_path("/data/g")
    assert isinstance(page, Group)
    assert page.field_list and not page.repeat
    assert page.relevant == "${age} > 10"
    kids = form.by_path("/data/g/kids")
    assert isinstance(kids, Group) and kids.repeat and kids.repeat_count == "${age}"
    toys = form.by_path("/data/g/kids/toys")
    assert isinstance(toys, Group) and toys.repeat and toys.repeat_count == ""
    toy = form.question("toy")
    assert toy.path == "/data/g/kids/toys/toy"
    assert form.container_of(toy) is toys
    assert form.container_of(form.question("sm")) is form.root
    assert [g.name for g in form.groups()] == ["g", "kids", "toys", "meta"]


def test_selects_choice_filter_and_or_other() -> None:
    form = load_form_text(FULL, "full.md")
    ok = form.question("ok")
    assert ok.type == "select_one" and ok.or_other and ok.choice_list == "yn"
    assert ok.appearance == "minimal" and ok.relevant == "${age} > 3"
    other = form.question("ok_other")
    assert other.type == "text" and other.relevant == "selected(${ok}, 'other')"
    assert [c.name for c in form.choices(ok)] == ["yes", "no", "other"]
    yes = form.choices(ok)[0]
    assert yes.labels["French (fr)"] == "Oui"
    assert yes.media == {"image": {"English (en)": "yes.png"}}
    city = form.question("city")
    assert city.choice_filter == "country=${ok}" and not city.or_other
    assert [c.extras for c in form.choices(city)] == [{"country": "yes"}, {"country": "no"}]
    assert form.question("sm").type == "select_multiple"
    assert form.question("rk").type == "rank"


def test_other_types() -> None:
    form = load_form_text(FULL, "full.md")
    r = form.question("r")
    assert r.type == "range" and r.parameters == {"start": "0", "end": "20", "step": "2"}
    double = form.question("double")
    assert double.type == "calculate" and double.calculation == "${age} * 2"
    assert double.is_calculated and not double.takes_answer
    assert form.question("where").type == "geopoint"
    started = form.question("started")
    assert started.type == "start" and started.is_metadata
    assert form.question("age").required == "true()"


def test_extra_sheets_kept_raw() -> None:
    form = load_form_text(FULL, "full.md")
    assert form.extra_sheets == {
        "scoring": [{"scale": "total", "item": "age", "reverse": "no"}],
        "safeguarding": [{"expression": "${age} < 13", "message::English (en)": "Check the age"}],
        "notes": [{"anything": "kept too"}],
    }


def test_metadata_types_and_defaults() -> None:
    text = """
| survey |
| | type | name | label |
| | start | s | |
| | end | e | |
| | today | t | |
| | deviceid | d | |
| | username | u | |
| | range | r | R |
| | acknowledge | ack | Read? |
| | barcode | bc | Code |
| | image | img | Photo |
| | hidden | h | |
| | date | dt | D |
| | time | tm | T |
| | datetime | dtm | DT |
| | geotrace | gt | GT |
| | geoshape | gs | GS |
| | audio | au | AU |
| | video | vi | VI |
| | file | fi | FI |
| | decimal | de | DE |
| | trigger | tr | TR |
"""
    form = load_form_text(text, "meta.md")
    kinds = {q.name: q.type for q in form.questions()}
    assert kinds == {
        "s": "start",
        "e": "end",
        "t": "today",
        "d": "deviceid",
        "u": "username",
        "r": "range",
        "ack": "acknowledge",
        "bc": "barcode",
        "img": "image",
        "h": "hidden",
        "dt": "date",
        "tm": "time",
        "dtm": "datetime",
        "gt": "geotrace",
        "gs": "geoshape",
        "au": "audio",
        "vi": "video",
        "fi": "file",
        "de": "decimal",
        "tr": "trigger",
        "instanceID": "instanceid",
    }
    assert form.question("r").parameters == {"start": "1", "end": "10", "step": "1"}


def test_loop_expands_one_group_per_choice() -> None:
    text = """
| survey |
| | type | name | label |
| | begin loop over fruit | each | |
| | integer | count | How many %(label)s? |
| | end loop | | |
| choices |
| | list_name | name | label |
| | fruit | apple | Apples |
| | fruit | pear | Pears |
"""
    form = load_form_text(text, "loop.md")
    counts = [q for q in form.questions() if q.name == "count"]
    assert [q.path for q in counts] == ["/data/each/apple/count", "/data/each/pear/count"]
    assert [q.labels["default"] for q in counts] == ["How many Apples?", "How many Pears?"]
    assert all(isinstance(q, Question) and q.row == 3 for q in counts)
