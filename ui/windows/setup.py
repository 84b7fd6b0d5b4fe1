"""First run, without widgets: the wizard's choices, its checks and its worker-thread steps.

The wizard (ui/windows/first_run.py) only shows these and moves between pages; everything it
decides is here, so it is tested without a window (the Electrum way). Functions marked
"worker thread" run on the TaskRunner; the rest are pure.
"""

from __future__ import annotations

import enum
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from sylcollect.domain.passwords import check_password
from sylcollect.errors import Conflict, InvalidInput
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace

PACKAGE_SUFFIX = ".sylpkg"


def _tr(text: str) -> str:
    return QCoreApplication.translate("setup", text)


class Source(enum.Enum):
    """Where the study on this laptop comes from."""

    PACKAGE = "package"
    DEMO = "demo"


@dataclass(frozen=True)
class PackageInfo:
    """A study package whose signature checked out, as shown for comparison before set-up."""

    path: Path
    study_id: str
    study_name: str
    version: int
    fingerprint: str
    package_hash: str


@dataclass(frozen=True)
class SetupPlan:
    """Everything the set-up step needs; the password never appears in its repr."""

    source: Source
    data_dir: Path
    user: str
    password: str = field(repr=False)
    package: PackageInfo | None = None


@dataclass(frozen=True)
class SetupDone:
    """The new workspace (unlocked, signed in as the first user) and its recovery key."""

    workspace: UnlockedWorkspace
    recovery_key: str = field(repr=False)
    user: str
    study_name: str
    data_dir: Path
    study_home: Path | None = None
    export_dir: Path | None = None


def key_for_reading(key: str) -> str:
    """'AAAAAA-BBBBBB-...' as two lines of three groups, spaced for reading aloud."""
    groups = key.split("-")
    return "\n".join("  ".join(groups[i : i + 3]) for i in range(0, len(groups), 3))


def fingerprint_for_reading(fingerprint: str) -> str:
    """A long fingerprint in groups of four characters, easier to compare aloud."""
    plain = "".join(ch for ch in fingerprint if ch.isalnum())
    return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def user_problem(name: str) -> str | None:
    """Why `name` can't be the first user's name, or None."""
    name = name.strip()
    if not name:
        return _tr("Type your name. You'll sign in with it.")
    if len(name) > 64:
        return _tr("Use a shorter name (64 characters at most).")
    return None


def password_problem(password: str, confirm: str) -> str | None:
    """Why this new password can't be used (the passphrase policy), or None."""
    try:
        check_password(password)
    except InvalidInput as exc:
        text = str(exc)
        return _tr("Choose a stronger password: ") + text[0].upper() + text[1:] + "."
    if password != confirm:
        return _tr("The two passwords are different. Type it again.")
    return None


def package_problem(path_text: str) -> str | None:
    """Why the chosen path can't be a study package, before reading it, or None."""
    if not path_text.strip():
        return _tr("Choose the study package file (it ends in .sylpkg).")
    path = Path(path_text).expanduser()
    if not path.is_file():
        return _tr("That file doesn't exist any more. Choose it again.")
    return None


# ------------------------------------------------------------------------ worker thread


def inspect_package(path: Path) -> PackageInfo:
    """Worker thread: reads and checks a study package (PackageRefused on any flaw)."""
    from sylcollect.sync.device import read_new_package

    package = read_new_package(path)
    return PackageInfo(
        path=path,
        study_id=package.study_id,
        study_name=package.study.name,
        version=package.version,
        fingerprint=package.signing_fingerprint,
        package_hash=package.package_hash,
    )


def run_setup(plan: SetupPlan) -> SetupDone:
    """Worker thread: creates the workspace (and, for the demo, its study home and export
    folder) and signs the first user in. Key derivation makes this take a few seconds."""
    from sylcollect.sync.device import setup_demo, setup_from_package

    check_password(plan.password)
    if Workspace.exists(plan.data_dir):
        raise Conflict("this folder already holds a workspace: unlock it instead")
    if plan.source is Source.DEMO:
        demo = setup_demo(plan.data_dir, plan.user.strip(), plan.password)
        return SetupDone(
            demo.workspace,
            demo.recovery_key,
            plan.user.strip(),
            demo.workspace.study.name,
            plan.data_dir,
            demo.study_home,
            demo.export_dir,
        )
    if plan.package is None:
        raise InvalidInput("choose the study package file first")
    existed = plan.data_dir.exists() and any(plan.data_dir.iterdir())
    ws, key, package = setup_from_package(
        plan.data_dir, plan.package.path, plan.user.strip(), plan.password
    )
    if package.package_hash != plan.package.package_hash:
        # The file changed after its fingerprint was shown: undo, nothing is in it yet.
        ws.lock()
        ws.workspace.close()
        if not existed:
            shutil.rmtree(plan.data_dir, ignore_errors=True)
        raise Conflict("the package file changed after it was checked: choose it again")
    return SetupDone(ws, key, plan.user.strip(), package.study.name, plan.data_dir)


def recovery_sheet_pdf(done: SetupDone, today: date | None = None) -> bytes:
    """Worker thread: the recovery sheet as PDF bytes, in memory (no temp file)."""
    from sylcollect.reports.recovery import render_recovery_sheet

    return render_recovery_sheet(
        done.recovery_key,
        done.study_name,
        str(done.data_dir),
        today or date.today(),
        done.user,
    )


def save_recovery_sheet(done: SetupDone, path: Path, today: date | None = None) -> Path:
    """Worker thread: writes the sheet where the user chose (atomically, owner-only) and
    records in the audit log that it was saved (the file's name, never the key)."""
    from ui.printing import PdfAudit, save_pdf

    pdf = recovery_sheet_pdf(done, today)
    path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
    audit = None if done.workspace.locked else PdfAudit("recovery_sheet")
    return save_pdf(done.workspace, path, pdf, audit)
