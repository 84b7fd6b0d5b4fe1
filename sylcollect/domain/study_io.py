"""Study definitions to and from plain JSON-able dicts (for storage and packages)."""

from __future__ import annotations

from typing import Any

from sylcollect.domain.study import FormRef, Milestone, Role, Site, Study, Unit, Wave


def study_to_json(study: Study, *, with_sources: bool = False) -> dict[str, Any]:
    """A dict of the study; form sources only when asked (they are stored separately)."""
    return {
        "id": study.id,
        "name": study.name,
        "version": study.version,
        "description": study.description,
        "roles": [r.value for r in study.roles],
        "sites": [
            {
                "id": s.id,
                "name": s.name,
                "project": s.project,
                "description": s.description,
                "partner": s.partner,
                "units": [{"id": u.id, "name": u.name} for u in s.units],
                "evidence": list(s.evidence),
            }
            for s in study.sites
        ],
        "waves": [
            {"id": w.id, "name": w.name, "months_from_start": w.months_from_start}
            for w in study.waves
        ],
        "milestones": [
            {
                "id": m.id,
                "site": m.site_id,
                "stage": m.stage,
                "title": m.title,
                "description": m.description,
            }
            for m in study.milestones
        ],
        "forms": [
            {
                "id": f.id,
                "version": f.version,
                "title": f.title,
                "filename": f.filename,
                "subject": f.subject,
                **({"source": f.source} if with_sources else {}),
            }
            for f in study.forms
        ],
    }


def study_from_json(data: dict[str, Any]) -> Study:
    """The inverse of study_to_json."""
    return Study(
        id=data["id"],
        name=data["name"],
        version=int(data["version"]),
        description=data.get("description", ""),
        roles=tuple(Role(r) for r in data.get("roles", [r.value for r in Role])),
        sites=tuple(
            Site(
                id=s["id"],
                name=s["name"],
                project=s.get("project", s["name"]),
                description=s.get("description", ""),
                partner=s.get("partner", ""),
                units=tuple(Unit(u["id"], u["name"]) for u in s.get("units", [])),
                evidence=tuple(s.get("evidence", [])),
            )
            for s in data["sites"]
        ),
        waves=tuple(
            Wave(w["id"], w["name"], int(w.get("months_from_start", 0))) for w in data["waves"]
        ),
        milestones=tuple(
            Milestone(m["id"], m["site"], m["stage"], m["title"], m.get("description", ""))
            for m in data.get("milestones", [])
        ),
        forms=tuple(
            FormRef(
                id=f["id"],
                version=str(f["version"]),
                title=f["title"],
                filename=f["filename"],
                subject=f.get("subject", "participant"),
                source=f.get("source", ""),
            )
            for f in data.get("forms", [])
        ),
    )
