"""Reads a study definition (TOML + XLSForm files) into a validated Study, and the consent
templates a study folder may hold in `templates/consent/`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sylcollect.domain.study import (
    EVIDENCE_TYPES,
    MILESTONE_STAGES,
    FormRef,
    Milestone,
    Site,
    Study,
    Unit,
    Wave,
)
from sylcollect.errors import InvalidInput
from sylcollect.forms.xlsform import TEXT_SUFFIXES, load_form
from sylcollect.resources import DEMO_STUDY, resource
from sylcollect.services.consent_templates import (
    TemplateError,
    default_folder,
    load_templates_from,
    template_files,
)

SUBJECTS = ("participant", "site", "anonymous")
#: Where a study folder keeps its consent templates, beside study.toml.
TEMPLATES_DIR = ("templates", "consent")


class StudyDefinitionError(InvalidInput):
    """The study definition file is wrong; the message names the place and the problem."""


def load_demo_study() -> Study:
    return load_study(resource(*DEMO_STUDY))


def demo_study_templates() -> dict[str, str]:
    """The demo study's consent templates: the built-in set, file name → TOML text."""
    return template_files(default_folder())


def load_study_templates(path: Path) -> dict[str, str] | None:
    """The consent templates of a study folder (`templates/consent/*.toml` beside study.toml),
    checked like any template set; None when the folder has none (the built-in set is used).

    A broken template raises TemplateError naming the folder, the file and the problem.
    """
    folder = (path if path.is_dir() else path.parent).joinpath(*TEMPLATES_DIR)
    if not folder.is_dir():
        return None
    try:
        files = template_files(folder)
        load_templates_from(files)
    except TemplateError as exc:
        raise TemplateError(f"consent templates in {folder}: {exc}") from None
    return files


def load_study(path: Path) -> Study:
    """Parses and checks a study definition; every form it names is loaded and checked."""
    if path.is_dir():
        path = path / "study.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StudyDefinitionError(f"{path}: no such study definition") from None
    except tomllib.TOMLDecodeError as exc:
        raise StudyDefinitionError(f"{path.name}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StudyDefinitionError(f"{path.name}: cannot be read ({exc})") from None
    return _build(data, path)


def _need(table: dict[str, Any], key: str, where: str) -> Any:
    value = table.get(key)
    if value in (None, "", []):
        raise StudyDefinitionError(f"{where}: '{key}' is missing")
    return value


def _unique(items: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise StudyDefinitionError(f"{what} id '{item}' is used twice")
        seen.add(item)


def _build(data: dict[str, Any], path: Path) -> Study:
    head = _need(data, "study", path.name)
    sites = []
    for i, s in enumerate(data.get("sites", []), 1):
        where = f"{path.name}: site {i}"
        evidence = tuple(s.get("evidence", []))
        bad = [e for e in evidence if e not in EVIDENCE_TYPES]
        if bad:
            raise StudyDefinitionError(
                f"{where}: unknown evidence type {bad[0]!r} (use {', '.join(EVIDENCE_TYPES)})"
            )
        sites.append(
            Site(
                id=_need(s, "id", where),
                name=_need(s, "name", where),
                project=s.get("project", s["name"]),
                description=s.get("description", ""),
                partner=s.get("partner", ""),
                units=tuple(
                    Unit(_need(u, "id", where), _need(u, "name", where)) for u in s.get("units", [])
                ),
                evidence=evidence,
            )
        )
    if not sites:
        raise StudyDefinitionError(f"{path.name}: a study needs at least one [[sites]] entry")
    waves = [
        Wave(
            _need(w, "id", f"{path.name}: wave {i}"),
            _need(w, "name", f"{path.name}: wave {i}"),
            int(w.get("months_from_start", 0)),
        )
        for i, w in enumerate(data.get("waves", []), 1)
    ]
    if not waves:
        raise StudyDefinitionError(f"{path.name}: a study needs at least one [[waves]] entry")
    site_ids = {s.id for s in sites}
    milestones = []
    for i, m in enumerate(data.get("milestones", []), 1):
        where = f"{path.name}: milestone {i}"
        if m.get("site") not in site_ids:
            raise StudyDefinitionError(
                f"{where}: site {m.get('site')!r} is not a site of the study"
            )
        if m.get("stage") not in MILESTONE_STAGES:
            raise StudyDefinitionError(
                f"{where}: stage must be one of {', '.join(MILESTONE_STAGES)}"
            )
        milestones.append(
            Milestone(
                _need(m, "id", where),
                m["site"],
                m["stage"],
                _need(m, "title", where),
                m.get("description", ""),
            )
        )
    forms = [_form(f, i, path) for i, f in enumerate(data.get("forms", []), 1)]
    _unique([s.id for s in sites], "site")
    _unique([w.id for w in waves], "wave")
    _unique([m.id for m in milestones], "milestone")
    _unique([f"{f.id} version {f.version}" for f in forms], "form")
    return Study(
        id=_need(head, "id", f"{path.name}: [study]"),
        name=_need(head, "name", f"{path.name}: [study]"),
        version=int(_need(head, "version", f"{path.name}: [study]")),
        description=head.get("description", ""),
        sites=tuple(sites),
        waves=tuple(waves),
        milestones=tuple(milestones),
        forms=tuple(forms),
    )


def _form(entry: dict[str, Any], i: int, study_path: Path) -> FormRef:
    where = f"{study_path.name}: form {i}"
    file = study_path.parent / _need(entry, "file", where)
    subject = entry.get("subject", "participant")
    if subject not in SUBJECTS:
        raise StudyDefinitionError(f"{where}: subject must be one of {', '.join(SUBJECTS)}")
    if file.suffix.lower() not in TEXT_SUFFIXES:
        raise StudyDefinitionError(f"{where}: study forms are kept as XLSForm .md or .csv text")
    form = load_form(file)
    return FormRef(
        id=form.id,
        version=form.version,
        title=form.title or form.id,
        filename=file.name,
        subject=subject,
        source=file.read_text(encoding="utf-8"),
    )
