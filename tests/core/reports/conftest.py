"""Fixtures for report tests: the demo study, its templates, a filled workspace."""

from __future__ import annotations

import pytest

from sylcollect.reports.templates import TemplateSet, load_templates
from tests.core.reports.sample import fill


@pytest.fixture(scope="session")
def templates() -> TemplateSet:
    return load_templates()


@pytest.fixture
def filled(workspace):  # type: ignore[no-untyped-def]
    """The demo workspace with DH-001's records, Durham House returns and evidence."""
    ws, _ = workspace
    fill(ws)
    return ws
