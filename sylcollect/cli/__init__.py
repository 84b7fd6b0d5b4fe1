"""The `sylcollect` command: every headless job of the desktop app, scriptable.

A user error exits 1 with one `error: ` line on stderr; a usage error exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sylcollect.cli import (
    cmd_central,
    cmd_central_consent,
    cmd_central_export,
    cmd_data,
    cmd_export,
    cmd_forms,
    cmd_print,
    cmd_sync,
    cmd_workspace,
)
from sylcollect.cli.common import CliError, run_guarded


class _Parser(argparse.ArgumentParser):
    """argparse that puts `--json` anywhere after the command and exits 2 on misuse."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sylcollect",
        description="SYL Collect: encrypted offline fieldwork data, from the command line.",
        epilog="Passwords come from SYLCOLLECT_PASSWORD when set, otherwise from a prompt.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the workspace folder (default: SYLCOLLECT_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="who is working (default: SYLCOLLECT_USER, else the only user on this laptop)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cmd_workspace.register(sub)
    cmd_data.register(sub)
    cmd_print.register(sub)
    cmd_export.register(sub)
    cmd_forms.register(sub)
    cmd_central.register(sub)
    cmd_central_export.register(sub)
    cmd_central_consent.register(sub)
    cmd_sync.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return run_guarded(args)


__all__ = ["CliError", "build_parser", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
