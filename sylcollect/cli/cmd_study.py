"""CLI commands about the study: the supervisor's study home and the laptop's package.

study create --from demo|DIR --home HOME    study keys + HOME/study.sylpkg
study publish --home HOME [--from DIR]      a newer package (version goes up)

A study folder's `templates/consent/*.toml` (its consent templates) are checked and carried in
the package; without that folder the package carries none and laptops use the built-in set.
study revoke DEVICE_ID --home HOME          revoke a laptop and republish
study update --package FILE                 install a newer package on this laptop
study show [--json]                         the workspace's study
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sylcollect.cli.common import add_json, emit, open_unlocked, password
from sylcollect.domain.study import Study


def register(study: Any) -> None:
    """Adds the study actions to the `study` sub-parser group."""
    create = study.add_parser("create", help="supervisor: make the study keys and package")
    create.add_argument("--from", dest="source", required=True, metavar="demo|DIR")
    create.add_argument("--home", required=True, metavar="HOME", help="the study home folder")
    add_json(create)
    create.set_defaults(handler=cmd_study_create)

    publish = study.add_parser("publish", help="supervisor: publish a newer study package")
    publish.add_argument("--home", required=True, metavar="HOME")
    publish.add_argument("--from", dest="source", metavar="demo|DIR", help="a changed study")
    add_json(publish)
    publish.set_defaults(handler=cmd_study_publish)

    revoke = study.add_parser("revoke", help="supervisor: revoke a laptop and republish")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    revoke.add_argument("--home", required=True, metavar="HOME")
    add_json(revoke)
    revoke.set_defaults(handler=cmd_study_revoke)

    update = study.add_parser("update", help="install a newer study package on this laptop")
    update.add_argument("--package", required=True, metavar="FILE.sylpkg")
    add_json(update)
    update.set_defaults(handler=cmd_study_update)

    show = study.add_parser("show", help="sites, waves and forms")
    add_json(show)
    show.set_defaults(handler=cmd_study_show)


def _load(source: str) -> tuple[Study, dict[str, str]]:
    """The study and its consent templates ({} when the folder has none)."""
    from sylcollect.services.study_files import (
        demo_study_templates,
        load_demo_study,
        load_study,
        load_study_templates,
    )

    if source == "demo":
        return load_demo_study(), demo_study_templates()
    path = Path(source).expanduser()
    study = load_study(path)
    return study, load_study_templates(path) or {}


def _package_json(home: Path, package: Any) -> dict[str, Any]:
    return {
        "home": str(home),
        "package": str(home / "study.sylpkg"),
        "study_id": package.study_id,
        "version": package.version,
        "signing_fingerprint": package.signing_fingerprint,
        "revoked": [r.device_id for r in package.revoked],
        "templates": sorted(package.templates),
    }


def _templates_line(package: Any) -> str:
    if package.templates:
        return f"Consent templates: the study's own ({len(package.templates)} files)."
    return "Consent templates: none in the study folder, so laptops print the built-in set."


def cmd_study_create(args: argparse.Namespace) -> int:
    from sylcollect.sync.study_home import StudyHome

    study, templates = _load(args.source)
    home = Path(args.home).expanduser()
    secret = password("Choose a password for the study keys: ")
    made, _keys, recovery = StudyHome.create(home, study, secret, templates=templates)
    package = made.current_package()
    data = _package_json(home, package) | {"recovery_key": recovery}
    emit(
        args,
        data,
        f"Study home ready in {home} for {study.name} (version {package.version}).\n"
        f"Package for the laptops: {made.package_path}\n"
        f"{_templates_line(package)}\n"
        f"Signing key fingerprint (give it to fieldworkers to check on set-up):\n"
        f"    {package.signing_fingerprint}\n\n"
        f"Recovery key for the study keys (shown once; keep it locked away):\n\n"
        f"    {recovery}",
    )
    return 0


def _unlock_home(home_arg: str) -> tuple[Any, Any]:
    from sylcollect.sync.study_home import StudyHome

    home = StudyHome.open(Path(home_arg).expanduser())
    return home, home.unlock(password("Study keys password: "))


def cmd_study_publish(args: argparse.Namespace) -> int:
    study, templates = _load(args.source) if args.source else (None, None)
    home, keys = _unlock_home(args.home)
    package = home.publish(keys, study, templates=templates)
    emit(
        args,
        _package_json(home.home, package),
        f"Published version {package.version} of {package.study.name}: {home.package_path}\n"
        f"{_templates_line(package)}",
    )
    return 0


def cmd_study_revoke(args: argparse.Namespace) -> int:
    home, keys = _unlock_home(args.home)
    package = home.revoke(keys, args.device_id)
    emit(
        args,
        _package_json(home.home, package),
        f"Revoked device {args.device_id}; published version {package.version}: "
        f"{home.package_path}\nLaptops learn of it when they install this package.",
    )
    return 0


def cmd_study_update(args: argparse.Namespace) -> int:
    from sylcollect.sync.device import update_from_package

    ws = open_unlocked(args)
    try:
        package = update_from_package(ws, Path(args.package).expanduser())
    finally:
        ws.lock()
    emit(
        args,
        {
            "study_id": package.study_id,
            "version": package.version,
            "forms": [{"id": f.id, "version": f.version} for f in package.study.forms],
        },
        f"Updated {package.study.name} to version {package.version}.",
    )
    return 0


def cmd_study_show(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    try:
        st = ws.study
    finally:
        ws.lock()
    data = {
        "study_id": st.id,
        "name": st.name,
        "version": st.version,
        "sites": [{"id": s.id, "name": s.name, "units": [u.id for u in s.units]} for s in st.sites],
        "waves": [{"id": w.id, "name": w.name} for w in st.waves],
        "forms": [{"id": f.id, "version": f.version, "title": f.title} for f in st.forms],
    }
    lines = [f"{st.name} ({st.id}, version {st.version})", "", "Sites:"]
    lines += [f"  {s.id:20} {s.name}" for s in st.sites]
    lines += ["", "Waves:"] + [f"  {w.id:20} {w.name}" for w in st.waves]
    lines += ["", "Forms:"] + [f"  {f.id:20} v{f.version:6} {f.title}" for f in st.forms]
    emit(args, data, "\n".join(lines))
    return 0


def init_from_package(args: argparse.Namespace, folder: Path, secret: str) -> int:
    """`init --package FILE`: a laptop set up from a study package (trust on first use)."""
    from sylcollect.sync.device import setup_from_package

    ws, recovery, package = setup_from_package(
        folder, Path(args.package).expanduser(), args.init_user, secret
    )
    ws.lock()
    emit(
        args,
        {
            "data_dir": str(folder),
            "user": args.init_user,
            "study_id": package.study_id,
            "version": package.version,
            "signing_fingerprint": package.signing_fingerprint,
            "recovery_key": recovery,
        },
        f"Workspace ready in {folder} for {args.init_user} (study: {package.study.name}, "
        f"version {package.version}).\n\n"
        f"Check this study key fingerprint against the one the research team gave you:\n"
        f"    {package.signing_fingerprint}\n\n"
        f"Recovery key (shown once; print it or write it down and keep it locked away):\n\n"
        f"    {recovery}\n\n"
        "It opens this workspace if every password is forgotten.",
    )
    return 0


def init_demo(args: argparse.Namespace, folder: Path, secret: str) -> int:
    """`init --demo`: the demo study with its own study home and export folder beside it."""
    from sylcollect.sync.device import setup_demo

    made = setup_demo(folder, args.init_user, secret)
    made.workspace.lock()
    emit(
        args,
        {
            "data_dir": str(folder),
            "user": args.init_user,
            "study_id": made.package.study_id,
            "recovery_key": made.recovery_key,
            "study_home": str(made.study_home),
            "study_home_recovery_key": made.study_home_recovery_key,
            "export_dir": str(made.export_dir),
        },
        f"Workspace ready in {folder} for {args.init_user} (study: {made.package.study.name}).\n"
        f"Demo study home (same password): {made.study_home}\n"
        f"Demo export folder ('sylcollect sync' delivers here): {made.export_dir}\n\n"
        f"Recovery key (shown once; print it or write it down and keep it locked away):\n\n"
        f"    {made.recovery_key}\n\n"
        f"Recovery key of the demo study keys:\n\n    {made.study_home_recovery_key}",
    )
    return 0
