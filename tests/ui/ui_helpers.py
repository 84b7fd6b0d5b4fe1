"""Constants and small helpers shared by the UI tests."""

from __future__ import annotations

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase for ann"


def wait_idle(qtbot, tasks) -> None:
    """Waits until every background task has run and its result was delivered."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=15000)


def show(qtbot, window) -> None:
    """Shows `window`, registers it for clean-up and waits until it is exposed and active."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def forms_workspace(folder, forms, *, study_id: str = "forms", people=("YP-001",)):
    """A workspace (user ann) of a one-site study holding `forms` — (form id, title, XLSForm
    markdown) — with `people` enrolled as young people at site s1. Lock and close it after."""
    from sylcollect.domain.study import FormRef, Role, Site, Study, Wave
    from sylcollect.storage.workspace import Workspace

    study = Study(
        id=study_id,
        name=f"{study_id.title()} study",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=tuple(
            FormRef(fid, "1", title, f"{fid}.md", "participant", text) for fid, title, text in forms
        ),
    )
    made, _ = Workspace.create(folder / "data", study, "ann", PASSWORD)
    with made.transaction() as tx:
        for code in people:
            tx.participants.add(code, "s1", Role.YOUNG_PERSON)
    return made


def close_workspace(made) -> None:
    if not made.locked:
        made.lock()
    made.workspace.close()
