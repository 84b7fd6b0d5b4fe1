"""Shared CLI plumbing: data folder, password, unlocking, output and error handling."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sylcollect.errors import InvalidInput, SylError
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace

APP_NAME = "SYL Collect"


class CliError(SylError):
    """A CLI-level user error (missing option value, refused prompt)."""


Handler = Callable[[argparse.Namespace], int]


def data_dir(args: argparse.Namespace) -> Path:
    chosen = args.data_dir or os.environ.get("SYLCOLLECT_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def password(prompt: str = "Password: ", env: str = "SYLCOLLECT_PASSWORD") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no password: set {env} or run in a terminal")
    return getpass.getpass(prompt)


def new_password(env: str = "SYLCOLLECT_NEW_PASSWORD") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no new password: set {env} or run in a terminal")
    first = getpass.getpass("New password (12+ characters or 4+ words): ")
    if getpass.getpass("Type it again: ") != first:
        raise CliError("the two passwords differ")
    return first


def open_unlocked(args: argparse.Namespace) -> UnlockedWorkspace:
    """Opens the workspace and unlocks it for the chosen (or only) user."""
    ws = Workspace.open(data_dir(args))
    user = args.user or os.environ.get("SYLCOLLECT_USER")
    if not user:
        users = ws.users()
        if len(users) != 1:
            names = ", ".join(u.name for u in users)
            raise CliError(f"several users on this laptop ({names}): say which with --user")
        user = users[0].name
    return ws.unlock(user, password())


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Prints JSON when --json was given, else the human text."""
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    elif text:
        print(text)


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def run_guarded(args: argparse.Namespace) -> int:
    """Runs the handler; user errors become one `error: ` line and exit 1."""
    handler: Handler = args.handler
    try:
        return handler(args)
    except SylError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing more was saved", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback: it could hold values
        print(
            f"error: unexpected failure ({type(exc).__name__}); nothing more was saved",
            file=sys.stderr,
        )
        return 1


def read_answers(path: str) -> dict[str, Any]:
    """The JSON object of an answers file, or InvalidInput saying what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"answers file {path} not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise InvalidInput(f"answers file {path} is not valid JSON{where}") from None
    except OSError as exc:
        raise InvalidInput(f"answers file {path} can't be read: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise InvalidInput("the answers file must hold one JSON object: question name -> answer")
    return data
