"""Opening everything a central job needs: the study home's keys and package, the store.

`central_session(home, db, password)` unlocks the study keys (HOME/study-keys.json) and the
central store with the supervisor's password, takes a newer published study into the store,
and yields a CentralSession whose `importer` imports bundles. Keys are dropped on exit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.central import Location, locate, open_central, refresh_study, unlock_central
from sylcollect.sync.importer import Importer, Limits
from sylcollect.sync.package import StudyPackage
from sylcollect.sync.study_home import StudyHome, StudyKeys


@dataclass
class CentralSession:
    """An unlocked central store with the study keys and current package. One thread."""

    home: Path
    location: Location
    store: UnlockedWorkspace
    keys: StudyKeys
    package: StudyPackage
    importer: Importer


@contextlib.contextmanager
def central_session(
    home: Path | str, db: str | None, password: str, *, limits: Limits | None = None
) -> Iterator[CentralSession]:
    home = Path(home)
    study_home = StudyHome.open(home)
    keys = study_home.unlock(password)
    package = study_home.current_package()
    location = locate(home, db)
    locked = open_central(location)
    try:
        store = unlock_central(locked, password)
        try:
            refresh_study(store, package.study, package.version, package.templates)
            importer = Importer(store, package, keys.hpke_private_key, home=home, limits=limits)
            yield CentralSession(home, location, store, keys, package, importer)
        finally:
            store.lock()
    finally:
        locked.close()
