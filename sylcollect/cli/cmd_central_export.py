"""`sylcollect central export`: analysis files from the central store (DESIGN.md §7).

The same options, checks, files and report as `sylcollect export` (`cmd_export`), over the
unlocked central store (`CentralSource`) instead of a laptop's workspace. Records of withdrawn
participants are not in the files at all; the export's audit event counts them. Progress on
a terminal and Ctrl+C (the partial export removed, one `error: ` line, exit 1) are as there.
"""

from __future__ import annotations

import argparse
from typing import Any

from sylcollect.cli.cmd_central import home_db
from sylcollect.cli.cmd_export import add_export_options, export_and_report, request_from_args
from sylcollect.cli.common import password


def _central_actions(sub: Any) -> Any:
    """The subcommands of `sylcollect central` (registered by `cmd_central`)."""
    central = sub.choices["central"]
    for action in central._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("'central' has no subcommands")  # pragma: no cover


def register(sub: Any) -> None:
    """Adds `export` to `sylcollect central` (call after `cmd_central.register`)."""
    p = _central_actions(sub).add_parser(
        "export",
        help="analysis files from the central store: csv, xlsx, sav (SPSS) or dta (Stata)",
        description="De-identified unless --include-identifiers. Every export is audited. "
        "Records of withdrawn participants are left out (their number is audited).",
    )
    home_db(p, json=False)  # the export options bring their own --json
    add_export_options(p)
    p.set_defaults(handler=cmd_central_export)


def cmd_central_export(args: argparse.Namespace) -> int:
    from sylcollect.export import CentralSource
    from sylcollect.sync.central_session import central_session

    request = request_from_args(args)  # bad options fail before the password is asked
    with central_session(args.home, args.db, password()) as session:
        return export_and_report(args, request, CentralSource(session.store))
