"""The page registry: which pages the main window's navigation rail offers, and how to build them.

A page plugs in with one line in `REGISTRY`:

    PageSpec("observations", QT_TRANSLATE_NOOP("nav", "Observations"), None,
             lambda s: ObservationsPage(s.workspace, s.tasks)),

`factory(services)` builds the page widget on the GUI thread (lazily, the first time the page
is shown). A page may also have these optional methods, which the main window calls:

- `clear()`      when the workspace locks: drop every widget and value read from it;
- `activated()`  each time the page is shown (e.g. to reload what changed elsewhere);
- `header`       a `ui.widgets.basics.PageHeader` (title, purpose, main action).

Pages not built yet are simply not in the registry: no placeholder screens. Keys keep the
rail's order given by `ORDER`; a page whose key is not in ORDER goes before Settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from sylcollect.domain.study import Study
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.pages.settings_prefs import Preferences

SUPERVISOR = "supervisor"
ORDER = (
    "home",
    "participants",
    "collect",
    "observations",
    "indicators",
    "sync",
    "reports",
    "settings",
    "supervisor",
)


class Session:
    """Open from unlock until lock; results of work started before a lock are dropped."""

    def __init__(self) -> None:
        self.open = True

    def close(self) -> None:
        self.open = False


@dataclass(frozen=True)
class Services:
    """What every page is built with (no app-wide singletons). GUI thread."""

    workspace: UnlockedWorkspace
    tasks: TaskRunner
    study: Study
    user: str
    role: str  # "fieldworker", "supervisor" or "recovery"
    prefs: Preferences = field(repr=False)
    session: Session = field(default_factory=Session, repr=False)

    @property
    def is_supervisor(self) -> bool:
        return self.role == SUPERVISOR

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
    ) -> int:
        """`tasks.run`, except that callbacks arriving after the lock are dropped."""

        def live(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
            if callback is None:
                return None
            return lambda value: callback(value) if self.session.open else None

        return self.tasks.run(
            fn, *args, on_done=live(on_done), on_error=live(on_error), context=context
        )


Factory = Callable[[Services], QWidget]


@dataclass(frozen=True)
class PageSpec:
    """One entry of the rail: key, title (source text, context "nav"), icon, factory."""

    key: str
    title: str
    icon: str | None
    factory: Factory
    supervisor_only: bool = False

    def translated_title(self) -> str:
        return QCoreApplication.translate("nav", self.title)


def _home(services: Services) -> QWidget:
    from ui.pages.home import HomePage, load_summary

    page = HomePage()

    def load() -> None:
        page.show_loading()
        services.run(
            load_summary,
            services.workspace,
            on_done=page.show_summary,
            on_error=lambda exc: page.show_error(messages.message_for(exc, "home")),
            context=page,
        )

    page.activated = load  # type: ignore[attr-defined]
    return page


def _participants(services: Services) -> QWidget:
    from ui.pages.participants import ParticipantsPage

    return ParticipantsPage(services)


def _collect(services: Services) -> QWidget:
    from ui.pages.collect import CollectPage

    page = CollectPage(services.workspace, services.tasks)
    page.activated = page.reload  # type: ignore[attr-defined]
    return page


def _observations(services: Services) -> QWidget:
    from ui.pages.observations import ObservationsPage

    page = ObservationsPage(services.workspace, services.tasks)
    page.activated = page.reload  # type: ignore[attr-defined]
    return page


def _indicators(services: Services) -> QWidget:
    from ui.pages.indicators import IndicatorsPage

    page = IndicatorsPage(services.workspace, services.tasks)
    page.activated = page.reload  # type: ignore[attr-defined]
    return page


def _sync(services: Services) -> QWidget:
    from ui.pages.sync import SyncPage

    return SyncPage(services)


def _supervisor(services: Services) -> QWidget:
    from ui.pages.supervisor import SupervisorPage

    return SupervisorPage(services)


def _reports(services: Services) -> QWidget:
    from ui.pages.reports import ReportsPage

    return ReportsPage(services)


def _settings(services: Services) -> QWidget:
    from ui.pages.settings import SettingsPage

    return SettingsPage(services)


REGISTRY: tuple[PageSpec, ...] = (
    PageSpec("home", QT_TRANSLATE_NOOP("nav", "Home"), "home", _home),
    PageSpec("participants", QT_TRANSLATE_NOOP("nav", "Participants"), None, _participants),
    PageSpec("collect", QT_TRANSLATE_NOOP("nav", "Collect"), None, _collect),
    PageSpec("observations", QT_TRANSLATE_NOOP("nav", "Observations"), None, _observations),
    PageSpec("indicators", QT_TRANSLATE_NOOP("nav", "Indicators"), None, _indicators),
    PageSpec("reports", QT_TRANSLATE_NOOP("nav", "Reports"), None, _reports),
    PageSpec("sync", QT_TRANSLATE_NOOP("nav", "Sync"), None, _sync),
    PageSpec("settings", QT_TRANSLATE_NOOP("nav", "Settings"), None, _settings),
    # Not "supervisor" (ORDER puts that after Settings; the rail keeps Settings last).
    PageSpec(
        "supervisor_tools", QT_TRANSLATE_NOOP("nav", "Supervisor tools"), None, _supervisor, True
    ),
)


def pages_for(role: str, registry: tuple[PageSpec, ...] = REGISTRY) -> list[PageSpec]:
    """The pages a user with `role` sees, in rail order (supervisor tools for supervisors)."""
    shown = [p for p in registry if role == SUPERVISOR or not p.supervisor_only]
    before_settings = ORDER.index("settings")
    return sorted(
        shown, key=lambda p: ORDER.index(p.key) if p.key in ORDER else before_settings - 0.5
    )
