"""Fixtures for the expression-language tests, and the `differential` marker."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import pytest

from sylcollect.forms.expr import EvalContext, Node, new_document, secondary_instances

FIXED_NOW = datetime(2024, 3, 15, 14, 30, 5, 250000, tzinfo=UTC)

CHOICES = {
    "colours": [
        {"name": "red", "label": "Red", "warm": "yes"},
        {"name": "blue", "label": "Blue", "warm": "no"},
        {"name": "amber", "label": "Amber", "warm": "yes"},
    ],
    "fruits": [
        {"name": "apple", "label": "Apple", "price": "3"},
        {"name": "mango", "label": "Mango", "price": "5"},
    ],
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "differential: compares the evaluator with Enketo's (needs Node.js + npm)"
    )


def flat_context(answers: Mapping[str, str], **extra: object) -> EvalContext:
    """A form `/data/<name>` for each answer (in order), bound to the root."""
    root = new_document(Node("data", children=[Node(k, v) for k, v in answers.items()]))
    paths = {k: f"/data/{k}" for k in answers}
    options: dict[str, object] = {
        "paths": paths,
        "clock": lambda: FIXED_NOW,
        "instances": secondary_instances(CHOICES),
        "choice_lists": {"/data/colour": "colours", "/data/colours": "colours"},
    }
    options.update(extra)
    return EvalContext(root, **options)  # type: ignore[arg-type]


@pytest.fixture
def flat() -> Callable[..., EvalContext]:
    return flat_context


def household() -> tuple[EvalContext, Node]:
    """/data/hh_size, /data/person[1..3]/{name, age, child[..]/cname}, /data/total."""
    people = []
    for name, age, kids in (("Ann", "34", ["a1", "a2"]), ("Bob", "", []), ("Cy", "7", ["c1"])):
        kid_nodes = [Node("child", children=[Node("cname", k)]) for k in kids]
        people.append(Node("person", children=[Node("name", name), Node("age", age), *kid_nodes]))
    root = new_document(Node("data", children=[Node("hh_size", "3"), *people, Node("total")]))
    paths = {
        "hh_size": "/data/hh_size",
        "person": "/data/person",
        "name": "/data/person/name",
        "age": "/data/person/age",
        "child": "/data/person/child",
        "cname": "/data/person/child/cname",
        "total": "/data/total",
    }
    return EvalContext(root, paths=paths, clock=lambda: FIXED_NOW), root


@pytest.fixture
def house() -> tuple[EvalContext, Node]:
    return household()
