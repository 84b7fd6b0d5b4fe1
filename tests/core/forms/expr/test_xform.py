"""Instances from XForm XML, secondary instances from choice lists, and back to XML."""

from __future__ import annotations

from sylcollect.forms.expr import (
    EvalContext,
    evaluate,
    instances_from_xform,
    node_to_xml,
    secondary_instances,
)

XFORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
        xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
  <h:head><h:title>t</h:title>
    <model>
      <instance>
        <data id="t" version="3">
          <a>1</a>
          <rep jr:template=""><q/></rep>
          <rep><q>x</q></rep>
          <orx:meta><orx:instanceID/></orx:meta>
        </data>
      </instance>
      <instance id="yn"><root><item><name>yes</name><label>Yes</label></item></root></instance>
      <bind nodeset="/data/a" type="int"/>
    </model>
  </h:head>
  <h:body/>
</h:html>"""


def test_instances_from_xform() -> None:
    found = instances_from_xform(XFORM)
    root = found.primary
    assert root.name == "data" and root.attributes == {"id": "t", "version": "3"}
    assert [c.name for c in root.children] == ["a", "rep", "meta"]  # template left out
    assert root.find("/data/rep/q")[0].text == "x"
    ctx = EvalContext(root, instances=found.secondary)
    assert evaluate("instance('yn')/root/item[name = 'yes']/label", ctx)[0].text == "Yes"  # type: ignore[index]
    assert evaluate("/data/a + 1", ctx) == 2.0
    assert evaluate("/data/@version", ctx)[0].text == "3"  # type: ignore[index]
    assert evaluate("/data/meta/instanceID = ''", ctx) is True
    xml = node_to_xml(root)
    assert xml.startswith('<data id="t" version="3"><a>1</a><rep><q>x</q></rep>')


def test_secondary_instances_from_choice_lists() -> None:
    docs = secondary_instances({"l": [{"name": "a", "label": "A", "extra": 3}]})
    item = docs["l"].find("/root/item")[0]
    assert [(c.name, c.text) for c in item.children] == [
        ("name", "a"),
        ("label", "A"),
        ("extra", "3"),
    ]
