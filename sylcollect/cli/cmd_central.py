"""`sylcollect central ...`: the supervisor's central store (init, import, devices, approve,
revoke, conflicts, resolve, receipt). A refused bundle prints one `error: ` line naming the
file and the reason, and the command exits 1 after trying the others."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from sylcollect.cli.common import CliError, add_json, emit, password
from sylcollect.sync.bundle_errors import BundleRefused


def home_db(p: argparse.ArgumentParser, db: bool = True, json: bool = True) -> None:
    """--home, --db (the central store's address) and --json: every `central` action's."""
    p.add_argument("--home", required=True, metavar="HOME", help="the study home folder")
    if db:
        p.add_argument(
            "--db",
            metavar="URL",
            help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db "
            "(default: what 'central init' chose, else HOME/central.db)",
        )
    if json:
        add_json(p)


def register(sub: Any) -> None:
    central = sub.add_parser("central", help="the supervisor's central store").add_subparsers(
        dest="central_cmd", metavar="ACTION", required=True
    )

    p = central.add_parser("init", help="create the central store for a study home")
    home_db(p)
    p.set_defaults(handler=cmd_init)
    p = central.add_parser("import", help="import bundles (files or folders of .sylb)")
    home_db(p)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(handler=cmd_import)
    p = central.add_parser("devices", help="laptops that sent bundles: status, gaps")
    home_db(p)
    p.set_defaults(handler=cmd_devices)
    p = central.add_parser("approve", help="approve a device and import its held bundles")
    p.add_argument("device_id", metavar="DEVICE_ID")
    home_db(p)
    p.set_defaults(handler=cmd_approve)
    p = central.add_parser("revoke", help="refuse a device's bundles from now on")
    p.add_argument("device_id", metavar="DEVICE_ID")
    home_db(p)
    p.set_defaults(handler=cmd_revoke)
    p = central.add_parser("conflicts", help="records two devices both changed")
    home_db(p)
    p.set_defaults(handler=cmd_conflicts)
    p = central.add_parser("resolve", help="resolve a conflict: keep one version of a record")
    p.add_argument("record_uuid", metavar="RECORD_UUID")
    p.add_argument(
        "--keep",
        required=True,
        metavar="central|DEVICE_ID",
        help="'central' keeps the version the record holds; a device id keeps that laptop's "
        "version. The other versions are removed (the audit log notes which)",
    )
    p.add_argument(
        "--by", metavar="NAME", help="who decided, for the audit log (default: your login name)"
    )
    home_db(p)
    p.set_defaults(handler=cmd_resolve)
    p = central.add_parser("receipt", help="a signed receipt of what a device sent")
    home_db(p)
    p.add_argument("--device", required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_receipt)


def cmd_init(args: argparse.Namespace) -> int:
    from sylcollect.sync.central import create_central, locate
    from sylcollect.sync.study_home import StudyHome

    home = Path(args.home)
    study_home = StudyHome.open(home)
    secret = password()
    study_home.unlock(secret)
    package = study_home.current_package()
    location = locate(home, args.db)
    store, recovery = create_central(
        location, package.study, secret, package.version, templates=package.templates
    )
    store.lock()
    store.workspace.close()
    emit(
        args,
        {"store": location.describe(), "study_id": package.study_id, "recovery_key": recovery},
        f"Central store for study {package.study_id} created: {location.describe()}\n"
        "Recovery key of the central store (write it down, keep it apart from the laptop):\n"
        f"    {recovery}",
    )
    return 0


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.glob("*.sylb") if p.is_file()))
        else:
            out.append(path)
    return out


def _line(result: Any) -> str:
    c = result.counts
    if result.status == "duplicate":
        text = f"{result.name}: already imported (device {result.device_id} #{result.sequence})"
    elif result.status in ("quarantined", "waiting"):
        text = f"{result.name}: held in quarantine: {result.warnings[0]}"
        return text
    else:
        text = (
            f"{result.name}: imported device {result.device_id} #{result.sequence}: "
            f"{c.get('records', 0)} records, {c.get('participants', 0)} participants "
            f"({c.get('new', 0)} new, {c.get('updated', 0)} updated, "
            f"{c.get('unchanged', 0)} unchanged, {c.get('conflicts', 0)} conflicts, "
            f"{c.get('tombstones', 0)} withdrawals)"
        )
    return "\n".join([text, *(f"  warning: {w}" for w in result.warnings)])


def _refused(name: str, exc: BundleRefused) -> str:
    return f"error: {name}: refused ({exc.code}): {exc.message}"


def _run_imports(session: Any, files: list[Path], args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            result = session.importer.import_path(path)
        except BundleRefused as exc:
            failed += 1
            print(_refused(path.name, exc), file=sys.stderr)
            results.append({"file": path.name, "status": "refused", "code": exc.code})
            continue
        results.append(result.to_json())
        if not getattr(args, "json", False):
            print(_line(result))
    if getattr(args, "json", False):
        emit(args, results, "")
    return 1 if failed else 0


def cmd_import(args: argparse.Namespace) -> int:
    from sylcollect.sync.central_session import central_session

    files = _files(args.paths)
    if not files:
        raise CliError("no .sylb bundles found in the paths given")
    with central_session(args.home, args.db, password()) as session:
        return _run_imports(session, files, args)


def cmd_devices(args: argparse.Namespace) -> int:
    from sylcollect.sync.central import list_devices, locate, open_central

    store = open_central(locate(args.home, args.db))
    try:
        devices = list_devices(store)
    finally:
        store.close()
    lines = [
        f"{d.device_id}  {d.status:<8}  {d.fieldworker}  last seen {d.last_seen[:19]}  "
        f"bundles {d.imported} (up to #{d.last_sequence})"
        + (f"  missing {', '.join(map(str, d.gaps))}" if d.gaps else "")
        + (f"  held {d.quarantined}" if d.quarantined else "")
        for d in devices
    ]
    emit(args, [d.to_json() for d in devices], "\n".join(lines) or "No device has sent a bundle.")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from sylcollect.sync.central import (
        APPROVED,
        locate,
        open_central,
        quarantined,
        set_device_status,
    )
    from sylcollect.sync.central_session import central_session

    store = open_central(locate(args.home, args.db))
    try:
        set_device_status(store, args.device_id, APPROVED)
        held = quarantined(store, Path(args.home), args.device_id)
    finally:
        store.close()
    if not getattr(args, "json", False):
        print(f"Device {args.device_id} approved; {len(held)} held bundle(s) to import.")
    if not held:
        emit(args, [], "")
        return 0
    with central_session(args.home, args.db, password()) as session:
        return _run_imports(session, held, args)


def cmd_revoke(args: argparse.Namespace) -> int:
    from sylcollect.sync.central import REVOKED, locate, open_central, set_device_status
    from sylcollect.sync.study_home import StudyHome

    home = StudyHome.open(Path(args.home))
    keys = home.unlock(password())
    if not home.current_package().is_revoked(args.device_id):
        home.revoke(keys, args.device_id)
    store = open_central(locate(args.home, args.db))
    try:
        set_device_status(store, args.device_id, REVOKED)
    finally:
        store.close()
    emit(
        args,
        {"device_id": args.device_id, "status": REVOKED},
        f"Device {args.device_id} revoked: its bundles are refused, and the next study "
        "package tells the laptops.",
    )
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from sylcollect.sync.central_session import central_session
    from sylcollect.sync.central_views import conflicts

    with central_session(args.home, args.db, password()) as session:
        found = conflicts(session.store)
    lines = [
        f"record {c['record_uuid']}: kept {c['kept']['device_id']} rev {c['kept']['revision']}"
        + "".join(
            f"; also {o['device_id']} rev {o['revision']} ({_when(o['updated_at'])})"
            for o in c["others"]
        )
        + ("  [participant withdrew: nothing to choose]" if c.get("withdrawn") else "")
        for c in found
    ]
    if lines:
        lines.append("Resolve one: sylcollect central resolve RECORD_UUID --keep central|DEVICE_ID")
    emit(args, found, "\n".join(lines) or "No conflicts.")
    return 0


def _when(iso: str) -> str:
    """'2026-03-01T09:00:00+00:00' -> '2026-03-01 09:00' (as stored: UTC)."""
    return iso[:16].replace("T", " ")


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return "supervisor"


def cmd_resolve(args: argparse.Namespace) -> int:
    from sylcollect.sync.central_resolve import resolve_conflict
    from sylcollect.sync.central_session import central_session

    with central_session(args.home, args.db, password()) as session:
        done = resolve_conflict(
            session.store, args.record_uuid, args.keep, by=args.by or _login_name()
        )
    removed = ", ".join(f"{v.device_id} rev {v.revision}" for v in done.discarded)
    emit(
        args,
        done.to_json(),
        f"Record {done.record_uuid}: kept the version from {done.kept.device_id} "
        f"(rev {done.kept.revision}), now revision {done.revision}; removed {removed}.",
    )
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from sylcollect.sync.central_session import central_session
    from sylcollect.sync.receipt import write_receipt

    with central_session(args.home, args.db, password()) as session:
        receipt = write_receipt(
            args.out,
            session.store.workspace,
            session.package.study_id,
            args.device,
            session.keys.signing_private_key,
        )
    emit(
        args,
        {
            "file": args.out,
            "device_id": receipt.device_id,
            "up_to_sequence": receipt.up_to_sequence,
            "records": len(receipt.records),
        },
        f"Receipt for device {receipt.device_id} written to {args.out}: bundles up to "
        f"#{receipt.up_to_sequence}, {len(receipt.records)} records.",
    )
    return 0
