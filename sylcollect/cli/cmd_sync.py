"""CLI: `sylcollect sync [--to DIR|URL]` delivers bundles; `sync status` shows what waits;
`sylcollect receipt apply FILE` checks an import receipt and purges what it covers."""

from __future__ import annotations

import argparse
from typing import Any
from urllib.parse import urlsplit

from sylcollect.cli.common import CliError, add_json, emit, open_unlocked


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="seal the changes waiting into a bundle and deliver it (or: sync status)",
        description="Writes one bundle of everything changed since the last one and delivers "
        "it to a folder or an https:// address (remembered for next time); prints the "
        "bundle paths. 'sync status' shows the changes waiting, the last sync and any failure.",
    )
    p.add_argument("action", nargs="?", choices=["status"], help="show the sync state only")
    p.add_argument("--to", metavar="DIR|URL", help="export folder or https:// address")
    add_json(p)
    p.set_defaults(handler=cmd_sync)

    receipt = sub.add_parser(
        "receipt", help="apply the supervisor's import receipt on this laptop"
    ).add_subparsers(dest="receipt_cmd", metavar="ACTION", required=True)
    r = receipt.add_parser(
        "apply",
        help="check a .sylr receipt and purge the synced records it covers",
        description="Checks the receipt's signature with the study key this laptop trusts and "
        "that it is for this laptop, then deletes the final records it covers whose current "
        "revision was delivered and not changed since, keeping only counts per form, site "
        "and wave. --keep checks without purging.",
    )
    r.add_argument("file", metavar="FILE.sylr")
    r.add_argument("--keep", action="store_true", help="check only; purge nothing")
    add_json(r)
    r.set_defaults(handler=cmd_receipt_apply)


def cmd_sync(args: argparse.Namespace) -> int:
    if args.action == "status":
        return _status(args)
    from sylcollect.sync import device, outbox
    from sylcollect.sync.targets import target_from

    ws = open_unlocked(args)
    try:
        chosen = args.to
        if not chosen:
            with ws.transaction() as tx:
                chosen = device.remembered_target(tx)
        if not chosen:
            raise CliError("where to? give the export folder or address with --to")
        # An address with a password in it is not remembered (it would sit in clear on disk).
        remember = None if "@" in urlsplit(chosen).netloc else chosen
        result = outbox.sync(ws, target_from(chosen), remember_as=remember)
    finally:
        ws.lock()
    data = {
        "bundles": list(result.delivered),
        "sequences": list(result.sequences),
        "target": chosen,
        "sent": result.waiting_before.to_json() if result.new_bundle else None,
    }
    if result.nothing_to_do:
        text = "Nothing to sync: no changes since the last bundle."
    else:
        text = "\n".join(result.delivered)
    emit(args, data, text)
    return 0


def _status(args: argparse.Namespace) -> int:
    from sylcollect.sync import outbox

    ws = open_unlocked(args)
    try:
        st = outbox.status(ws)
    finally:
        ws.lock()
    w = st.waiting
    lines = [
        f"Device: {st.device_id}",
        f"Changes waiting: {w.changes}"
        + (
            f" ({w.participants} participants, {w.consents} consents, {w.records} records, "
            f"{w.observations} observations, {w.tombstones} withdrawals)"
            if w.changes
            else ""
        ),
        f"Audit events waiting: {w.audit_events}",
        f"Bundles written: {st.last_sequence}"
        + (f", {st.staged} not delivered yet" if st.staged else ""),
        f"Last sync: {st.last_sync_at or 'never'}",
        f"Export target: {st.target or 'not set'}",
    ]
    if st.last_failure:
        lines.append(f"Last failure ({st.last_failure_at}): {st.last_failure}")
    emit(args, st.to_json(), "\n".join(lines))
    return 0


def cmd_receipt_apply(args: argparse.Namespace) -> int:
    from sylcollect.sync.receipt_apply import apply_receipt

    ws = open_unlocked(args)
    try:
        done = apply_receipt(ws, args.file, purge=not args.keep)
    finally:
        ws.lock()
    text = (
        f"Receipt {done.receipt_id} checked: the central store holds bundles up to "
        f"#{done.up_to_sequence} ({done.covered} records).\n"
        + (
            f"Purged {done.purged} synced records from this laptop; kept {done.kept} "
            "(changed since, drafts, or not sent from here)."
            if not args.keep
            else "Nothing purged (--keep)."
        )
    )
    emit(args, done.to_json(), text)
    return 0
