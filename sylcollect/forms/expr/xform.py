"""Instances from XForm XML (as pyxform writes it) and back to clean XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the XML comes from pyxform, not from strangers
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.instance import DOCUMENT, Node, new_document

_TEMPLATE = "{http://openrosa.org/javarosa}template"


@dataclass
class XFormInstances:
    """The primary instance's top element and the secondary instances' documents by id."""

    primary: Node
    secondary: dict[str, Node] = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def instances_from_xform(xml: str | bytes) -> XFormInstances:
    """Read the `<instance>`s of an XForm's `<model>`; repeat templates are left out."""
    try:
        html = ET.fromstring(xml)  # noqa: S314
    except ET.ParseError as exc:
        raise ExpressionError(f"the XForm is not well-formed XML ({exc})") from None
    model = next((el for el in html.iter() if _local(el.tag) == "model"), None)
    instances = [el for el in (model if model is not None else ()) if _local(el.tag) == "instance"]
    if not instances or len(instances[0]) != 1:
        raise ExpressionError("the XForm has no primary instance")
    result = XFormInstances(new_document(element_to_node(instances[0][0])))
    for el in instances[1:]:
        name = el.get("id")
        if name and len(el) == 1:
            doc = Node(DOCUMENT)
            doc.append(element_to_node(el[0]))
            result.secondary[name] = doc
    return result


def element_to_node(element: ET.Element) -> Node:
    """A Node tree from an element: local names, text of leaves, attributes by local name."""
    node = Node(_local(element.tag))
    node.attributes = {
        _local(key): value for key, value in element.attrib.items() if key != _TEMPLATE
    }
    children = [c for c in element if isinstance(c.tag, str) and c.get(_TEMPLATE) is None]
    for child in children:
        node.append(element_to_node(child))
    if not len(element):
        node.text = element.text or ""
    return node


def node_to_xml(node: Node) -> str:
    """The element as XML without namespaces (a document node gives its top element)."""
    if node.is_document:
        return "".join(node_to_xml(c) for c in node.children)
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in node.attributes.items())
    inner = escape(node.text) + "".join(node_to_xml(c) for c in node.children)
    return f"<{node.name}{attrs}>{inner}</{node.name}>" if inner else f"<{node.name}{attrs}/>"
