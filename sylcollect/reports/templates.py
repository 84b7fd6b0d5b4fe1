"""Consent, assent and information-sheet templates for printing, and which set a study uses.

The format, the loader and its checks live in `sylcollect.services.consent_templates` (below
`sync`, which checks the templates a study package carries); they are re-exported here for
the renderers and the app. `study_templates(ws)` is the set to print with: the study's own
templates when its package carried them, else the built-in set.
"""

from __future__ import annotations

from sylcollect.services.consent_templates import (
    DERIVED_KEYS,
    REQUIRED_ITEMS,
    REQUIRED_SCOPES,
    REQUIRED_SECTIONS,
    REQUIRED_SIGNATURES,
    REQUIRED_VALUES,
    ConsentTemplate,
    FormItem,
    SheetSection,
    SignatureBlock,
    TemplateError,
    TemplateSet,
    Variant,
    check_files,
    default_folder,
    fill,
    load_templates,
    load_templates_from,
    long_date,
    template_files,
)
from sylcollect.storage.workspace import UnlockedWorkspace

__all__ = [
    "DERIVED_KEYS",
    "REQUIRED_ITEMS",
    "REQUIRED_SCOPES",
    "REQUIRED_SECTIONS",
    "REQUIRED_SIGNATURES",
    "REQUIRED_VALUES",
    "ConsentTemplate",
    "FormItem",
    "SheetSection",
    "SignatureBlock",
    "TemplateError",
    "TemplateSet",
    "Variant",
    "check_files",
    "default_folder",
    "fill",
    "load_templates",
    "load_templates_from",
    "long_date",
    "study_templates",
    "template_files",
]


def study_templates(ws: UnlockedWorkspace) -> TemplateSet:
    """The workspace's study templates (from its installed package), else the built-in set.

    Reads one meta row and parses the TOML (a few ms): call it off the GUI thread. A stored
    set that no longer passes the checks raises TemplateError rather than falling back to
    the built-in (demo) contacts.
    """
    files = ws.workspace.study_template_files()
    if files is None:
        return load_templates()
    try:
        return load_templates_from(files)
    except TemplateError as exc:
        raise TemplateError(f"the study's consent templates: {exc}") from None
