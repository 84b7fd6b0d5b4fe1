"""CLI commands about the workspace itself: init, study show, users, audit."""

from __future__ import annotations

import argparse
from typing import Any

from sylcollect.cli import cmd_study
from sylcollect.cli.common import (
    CliError,
    add_json,
    data_dir,
    emit,
    new_password,
    open_unlocked,
    password,
)
from sylcollect.domain.passwords import check_password
from sylcollect.storage.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="set up this laptop's encrypted workspace")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--demo", action="store_true", help="use the built-in demo study")
    src.add_argument("--study", metavar="FILE", help="a study definition (study.toml)")
    src.add_argument(
        "--package", metavar="FILE.sylpkg", help="a study package from the research team"
    )
    p.add_argument("--user", dest="init_user", metavar="NAME", required=True, help="first user")
    add_json(p)
    p.set_defaults(handler=cmd_init)

    study = sub.add_parser("study", help="the study: packages, keys, what is installed")
    cmd_study.register(study.add_subparsers(dest="study_cmd", metavar="ACTION", required=True))

    audit = sub.add_parser("audit", help="the tamper-evident audit log").add_subparsers(
        dest="audit_cmd", metavar="ACTION", required=True
    )
    verify = audit.add_parser("verify", help="check that no event was edited, deleted or moved")
    add_json(verify)
    verify.set_defaults(handler=cmd_audit_verify)

    user = sub.add_parser("user", help="people who can unlock this laptop").add_subparsers(
        dest="user_cmd", metavar="ACTION", required=True
    )
    add = user.add_parser("add", help="add a user (password from SYLCOLLECT_NEW_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--role", choices=["fieldworker", "supervisor"], default="fieldworker")
    add.set_defaults(handler=cmd_user_add)
    rm = user.add_parser("remove", help="remove a user's key slot")
    rm.add_argument("name")
    rm.set_defaults(handler=cmd_user_remove)
    pw = user.add_parser("passwd", help="change your password")
    pw.set_defaults(handler=cmd_user_passwd)
    rec = user.add_parser(
        "recover", help="forgotten password: unlock with the recovery key, set a new password"
    )
    rec.add_argument("name", help="the user whose password is reset")
    rec.set_defaults(handler=cmd_user_recover)
    ls = user.add_parser("list", help="users of this laptop")
    add_json(ls)
    ls.set_defaults(handler=cmd_user_list)


def cmd_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sylcollect.services import setup

    folder = data_dir(args)
    if Workspace.exists(folder):
        raise CliError(f"a workspace already exists in {folder}")
    secret = password("Choose a password (12+ characters or 4+ words): ")
    if args.package:
        return cmd_study.init_from_package(args, folder, secret)
    if args.demo:
        return cmd_study.init_demo(args, folder, secret)
    ws, recovery = setup.init_from_definition(folder, Path(args.study), args.init_user, secret)
    study = ws.study
    ws.lock()
    emit(
        args,
        {
            "data_dir": str(folder),
            "user": args.init_user,
            "study_id": study.id,
            "recovery_key": recovery,
        },
        f"Workspace ready in {folder} for {args.init_user} (study: {study.name}).\n\n"
        f"Recovery key (shown once; print it or write it down and keep it locked away):\n\n"
        f"    {recovery}\n\n"
        "It opens this workspace if every password is forgotten.",
    )
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    result = ws.verify_audit()
    ws.lock()
    data = {
        "ok": result.ok,
        "events": result.events,
        "broken_at": result.broken_at,
        "problem": result.problem,
    }
    if not result.ok:
        emit(args, data, "")
        raise CliError(f"audit log broken at event #{result.broken_at}: {result.problem}")
    emit(args, data, f"Audit log intact: {result.events} events.")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    secret = new_password()
    check_password(secret)
    ws.add_user(args.name, secret, args.role)
    ws.lock()
    print(f"Added {args.role} {args.name}.")
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    ws.remove_user(args.name)
    ws.lock()
    print(f"Removed {args.name}: their password no longer opens this workspace.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    secret = new_password()
    check_password(secret)
    ws.set_password(ws.actor, secret)
    ws.lock()
    print("Password changed. The old password no longer works.")
    return 0


def cmd_user_recover(args: argparse.Namespace) -> int:
    ws = Workspace.open(data_dir(args))
    key = password("Recovery key: ", env="SYLCOLLECT_RECOVERY_KEY")
    secret = new_password()
    check_password(secret)
    unlocked = ws.unlock_with_recovery(key)
    unlocked.set_password(args.name, secret)
    unlocked.lock()
    print(f"New password set for {args.name}.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    ws = Workspace.open(data_dir(args))
    users = ws.users()
    emit(
        args,
        [{"name": u.name, "role": u.role} for u in users],
        "\n".join(f"{u.name:24} {u.role}" for u in users),
    )
    return 0
